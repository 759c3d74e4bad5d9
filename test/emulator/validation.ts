// Request validation as Extend documents it (the SDK's request types and docs.extend.ai's API reference): 400 INVALID_REQUEST with a message that
// names the field. Bodies are strict: unknown keys are rejected, which also catches a `priority`
// sent to the synchronous POST /classify.
import { invalid } from './errors';
import type { ClassifyConfig } from './types';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const at = (path: string, key: string): string => (path ? `${path}.${key}` : key);

export function expectObject(value: unknown, path: string): Json {
	if (!isObject(value)) throw invalid(`${path || 'The request body'} must be a JSON object.`);
	return value;
}

export function rejectUnknownKeys(obj: Json, allowed: readonly string[], path: string): void {
	const unknown = Object.keys(obj).filter((key) => !allowed.includes(key));
	if (unknown.length) throw invalid(`Unrecognized key "${unknown[0]}" in ${path || 'the request body'}; allowed keys: ${allowed.join(', ')}.`);
}

export function optionalString(obj: Json, key: string, path: string): string | undefined {
	const value = obj[key];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') throw invalid(`${at(path, key)} must be a string.`);
	return value;
}

export function requiredString(obj: Json, key: string, path: string): string {
	const value = obj[key];
	if (typeof value !== 'string' || value.trim() === '') throw invalid(`${at(path, key)} is required and must be a non-empty string.`);
	return value;
}

export function optionalObject(obj: Json, key: string, path: string): Json | undefined {
	const value = obj[key];
	if (value === undefined) return undefined;
	return expectObject(value, at(path, key));
}

export function requiredEnum<T extends string>(obj: Json, key: string, values: readonly T[], path: string): T {
	const value = obj[key];
	if (typeof value !== 'string' || !values.includes(value as T)) throw invalid(`${at(path, key)} must be one of: ${values.join(', ')}.`);
	return value as T;
}

export function stringArray(obj: Json, key: string, path: string, allowed?: readonly string[]): string[] {
	const value = obj[key];
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalid(`${at(path, key)} must be an array of strings.`);
	const bad = allowed && (value as string[]).find((v) => !allowed.includes(v));
	if (bad) throw invalid(`${at(path, key)} contains an unknown value "${bad}".`);
	return value as string[];
}

export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

// ---- classify run bodies -------------------------------------------------------------------

export type FileInput =
	| { kind: 'url'; url: string; name?: string; password?: string }
	| { kind: 'id'; id: string }
	| { kind: 'text'; text: string; name?: string };

export interface ClassifierRef {
	id: string;
	version?: string;
	overrideConfig?: Partial<ClassifyConfig>;
}

export interface RunInput {
	file: FileInput;
	classifier?: ClassifierRef;
	config?: ClassifyConfig;
	metadata: Json | null;
	priority?: number;
	/** The file and metadata exactly as sent: the key of stats.runsPerInput. */
	rawFile: unknown;
}

const METADATA_MAX_BYTES = 10 * 1024;
const CONFIG_KEYS = ['baseProcessor', 'baseVersion', 'classifications', 'classificationRules', 'advancedOptions', 'parseConfig'] as const;

export function parseFile(value: unknown, path: string): FileInput {
	const file = expectObject(value ?? invalidMissing(path), path);
	const forms = (['url', 'id', 'text'] as const).filter((k) => file[k] !== undefined);
	if (forms.length !== 1) throw invalid(`${path} must have exactly one of "url", "id" or "text".`);
	if (forms[0] === 'url') {
		rejectUnknownKeys(file, ['url', 'name', 'settings'], path);
		const url = requiredString(file, 'url', path);
		if (!isHttpUrl(url)) throw invalid(`${path}.url must be an http or https URL.`);
		const settings = optionalObject(file, 'settings', path);
		if (settings) rejectUnknownKeys(settings, ['password'], `${path}.settings`);
		return { kind: 'url', url, name: optionalString(file, 'name', path), password: settings && optionalString(settings, 'password', `${path}.settings`) };
	}
	if (forms[0] === 'id') {
		rejectUnknownKeys(file, ['id'], path);
		return { kind: 'id', id: requiredString(file, 'id', path) };
	}
	rejectUnknownKeys(file, ['text', 'name'], path);
	return { kind: 'text', text: requiredString(file, 'text', path), name: optionalString(file, 'name', path) };
}

function invalidMissing(path: string): never {
	throw invalid(`${path} is required.`);
}

/** Validates a full inline config (classifications required) or an override (all optional). */
export function parseConfig(value: unknown, path: string, partial = false): ClassifyConfig {
	const config = expectObject(value, path);
	rejectUnknownKeys(config, CONFIG_KEYS, path);
	for (const key of ['baseProcessor', 'baseVersion', 'classificationRules'] as const) optionalString(config, key, path);
	for (const key of ['advancedOptions', 'parseConfig'] as const) optionalObject(config, key, path);
	if (!partial || config.classifications !== undefined) validateClassifications(config.classifications, at(path, 'classifications'));
	return config as unknown as ClassifyConfig;
}

function validateClassifications(value: unknown, path: string): void {
	if (!Array.isArray(value) || value.length === 0) throw invalid(`${path} must be an array with at least one classification.`);
	const ids = new Set<string>();
	value.forEach((item, i) => {
		const entry = expectObject(item, `${path}[${i}]`);
		rejectUnknownKeys(entry, ['id', 'type', 'description'], `${path}[${i}]`);
		const id = requiredString(entry, 'id', `${path}[${i}]`);
		requiredString(entry, 'type', `${path}[${i}]`);
		requiredString(entry, 'description', `${path}[${i}]`);
		if (ids.has(id)) throw invalid(`${path}[${i}].id "${id}" is not unique; each classification must have a unique id.`);
		ids.add(id);
	});
	if (!value.some((c: Json) => c.type === 'other')) throw invalid(`${path} must include at least one classification with type "other".`);
}

export function parseClassifierRef(value: unknown, path: string): ClassifierRef {
	const ref = expectObject(value, path);
	rejectUnknownKeys(ref, ['id', 'version', 'overrideConfig'], path);
	const overrideConfig = ref.overrideConfig === undefined ? undefined : parseConfig(ref.overrideConfig, `${path}.overrideConfig`, true);
	return { id: requiredString(ref, 'id', path), version: optionalString(ref, 'version', path), overrideConfig };
}

export function parseMetadata(value: unknown, path: string): Json | null {
	if (value === undefined) return null;
	const metadata = expectObject(value, path);
	const size = Buffer.byteLength(JSON.stringify(metadata));
	if (size > METADATA_MAX_BYTES) throw invalid(`${path} is ${size} bytes; the maximum size is 10KB (${METADATA_MAX_BYTES} bytes).`);
	for (const key of ['emulator:latencyMs', 'emulator:pendingMs']) {
		const ms = metadata[key];
		if (ms !== undefined && !(typeof ms === 'number' && ms >= 0 && ms <= 3_600_000)) throw invalid(`${path}["${key}"] must be a number of milliseconds between 0 and 3600000.`);
	}
	const fail = metadata['emulator:fail'];
	if (fail !== undefined && (typeof fail !== 'string' || fail === '')) throw invalid(`${path}["emulator:fail"] must be a non-empty failure reason string.`);
	return metadata;
}

/** INFERRED range: the Extend CLI documents 0-100 (lower runs first). */
function parsePriority(value: unknown): number | undefined {
	if (value === undefined) return undefined;
	if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 100) throw invalid('priority must be an integer between 0 and 100.');
	return value as number;
}

export function parseRunBody(value: unknown, mode: 'sync' | 'async'): RunInput {
	const body = expectObject(value ?? {}, '');
	rejectUnknownKeys(body, mode === 'sync' ? ['classifier', 'config', 'file', 'metadata'] : ['classifier', 'config', 'file', 'metadata', 'priority'], '');
	if ((body.classifier === undefined) === (body.config === undefined)) throw invalid('Exactly one of "classifier" or "config" must be provided.');
	return {
		file: parseFile(body.file, 'file'),
		classifier: body.classifier === undefined ? undefined : parseClassifierRef(body.classifier, 'classifier'),
		config: body.config === undefined ? undefined : parseConfig(body.config, 'config'),
		metadata: parseMetadata(body.metadata, 'metadata'),
		priority: parsePriority(body.priority),
		rawFile: body.file,
	};
}

export function parseBatchBody(value: unknown): { classifier: ClassifierRef; inputs: RunInput[]; priority?: number } {
	const body = expectObject(value ?? {}, '');
	if (body.config !== undefined) throw invalid('Inline "config" is not supported for batch requests; use "classifier".');
	rejectUnknownKeys(body, ['classifier', 'inputs', 'priority'], '');
	if (body.classifier === undefined) throw invalid('classifier is required.');
	const classifier = parseClassifierRef(body.classifier, 'classifier');
	if (!Array.isArray(body.inputs) || body.inputs.length < 1 || body.inputs.length > 1000) throw invalid('inputs must be an array of 1 to 1000 items.');
	const priority = parsePriority(body.priority);
	const inputs = body.inputs.map((item, i): RunInput => {
		const input = expectObject(item, `inputs[${i}]`);
		rejectUnknownKeys(input, ['file', 'metadata'], `inputs[${i}]`);
		return { file: parseFile(input.file, `inputs[${i}].file`), classifier, metadata: parseMetadata(input.metadata, `inputs[${i}].metadata`), priority, rawFile: input.file };
	});
	return { classifier, inputs, priority };
}

// ---- list queries ------------------------------------------------------------------------------

export function queryEnum<T extends string>(query: URLSearchParams, key: string, values: readonly T[]): T | undefined {
	const value = query.get(key);
	if (value === null) return undefined;
	if (!values.includes(value as T)) throw invalid(`Query parameter ${key} must be one of: ${values.join(', ')}.`);
	return value as T;
}
