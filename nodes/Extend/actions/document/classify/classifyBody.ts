// Turns the node's parameters into the body of a classify request. Everything here is checked
// before any request is sent, so bad input fails its own item with a message that says what to fix.
import { randomUUID } from 'node:crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

const METADATA_LIMIT_BYTES = 10 * 1024;
const OTHER = 'other';

interface ClassificationInput {
	id?: string;
	type?: string;
	description?: string;
}

function fail(ctx: IExecuteFunctions, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** A JSON parameter as an object: n8n hands over a string or, from an expression, a value. */
function parseJsonObject(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): IDataObject {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			fail(ctx, itemIndex, `${label} is not valid JSON: ${(error as Error).message}`, `Enter a JSON object, e.g. {"customerId": "c-42"}.`);
		}
	}
	if (parsed === undefined || parsed === null) return {};
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		fail(ctx, itemIndex, `${label} must be a JSON object`, `Got ${Array.isArray(parsed) ? 'an array' : typeof parsed}. Enter a JSON object, e.g. {"customerId": "c-42"}.`);
	}
	return parsed as IDataObject;
}

/** Extend's own rule for usage tags: letters, digits, "-" and "_" only. */
function sanitizeUsageTags(raw: string | string[]): string[] {
	const list = Array.isArray(raw) ? raw : raw.split(',');
	const tags = list.map((t) => String(t).replace(/[^A-Za-z0-9_-]/g, '')).filter((t) => t.length > 0);
	return [...new Set(tags)];
}

function buildClassifications(
	ctx: IExecuteFunctions,
	itemIndex: number,
	entries: ClassificationInput[],
	addOther: boolean,
): IDataObject[] {
	const list = entries.map((entry, n) => {
		const rawType = String(entry.type ?? '').trim();
		const type = rawType.toLowerCase() === OTHER ? OTHER : rawType;
		const id = String(entry.id ?? '').trim() || type; // most lists use the type as the ID
		const description = String(entry.description ?? '').trim();
		for (const [field, value] of [['Type', type], ['Description', description]] as const) {
			if (!value) fail(ctx, itemIndex, `Classification ${n + 1} has no ${field}`, 'Every classification needs a type and a description (the ID defaults to the type).');
		}
		return { id, type, description };
	});
	const seen = new Set<string>();
	for (const { id } of list) {
		if (seen.has(id)) fail(ctx, itemIndex, `Classification ID "${id}" is used more than once`, 'Each classification needs its own ID.');
		seen.add(id);
	}
	if (!list.some((c) => c.type === OTHER)) {
		if (!addOther) {
			fail(
				ctx,
				itemIndex,
				'The classifications need one of type "other"',
				'Extend requires a catch-all classification of type "other" for documents that match none. Add one, or turn on "Add "Other" If Missing".',
			);
		}
		let id = OTHER;
		for (let n = 2; seen.has(id); n++) id = `${OTHER}_${n}`;
		list.push({ id, type: OTHER, description: 'Any document that does not match one of the other classifications.' });
	}
	if (list.length === 0) fail(ctx, itemIndex, 'Add at least one classification');
	return list;
}

/** "1-3, 7" → [{start: 1, end: 3}, {start: 7, end: 7}] */
function parsePageRanges(ctx: IExecuteFunctions, itemIndex: number, text: string): IDataObject[] {
	return text
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const match = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(part);
			const start = match ? Number(match[1]) : NaN;
			const end = match?.[2] !== undefined ? Number(match[2]) : start;
			if (!match || start < 1 || end < start) {
				fail(ctx, itemIndex, `Page range "${part}" is not valid`, 'Write ranges like "1-3, 7": 1-based pages, start not after end.');
			}
			return { start, end };
		});
}

export function buildInlineConfig(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const entries = (ctx.getNodeParameter('classifications.values', itemIndex, []) as ClassificationInput[]) ?? [];
	const addOther = ctx.getNodeParameter('addOtherClassification', itemIndex, true) as boolean;
	if (entries.length === 0) {
		fail(ctx, itemIndex, 'Add at least one classification', 'Inline classifications need a list of document types (ID, type, description).');
	}
	const options = ctx.getNodeParameter('configOptions', itemIndex, {}) as IDataObject;
	const config: IDataObject = { classifications: buildClassifications(ctx, itemIndex, entries, addOther) };
	if (options.baseProcessor) config.baseProcessor = options.baseProcessor;
	if (options.baseVersion) config.baseVersion = String(options.baseVersion).trim();
	if (options.classificationRules) config.classificationRules = options.classificationRules;
	const advanced: IDataObject = {};
	if (options.context) advanced.context = options.context;
	if (options.advancedMultimodalEnabled !== undefined) advanced.advancedMultimodalEnabled = options.advancedMultimodalEnabled;
	if (options.memoryEnabled !== undefined) advanced.memoryEnabled = options.memoryEnabled;
	if (options.pageRanges) {
		const ranges = parsePageRanges(ctx, itemIndex, String(options.pageRanges));
		if (ranges.length) advanced.pageRanges = ranges;
	}
	if (Object.keys(advanced).length) config.advancedOptions = advanced;
	return config;
}

export function buildClassifierRef(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const id = String(ctx.getNodeParameter('classifierId', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!id) fail(ctx, itemIndex, 'Choose a saved classifier', 'Pick one from the list or enter its ID (cl_...).');
	const version = ctx.getNodeParameter('classifierVersion', itemIndex, 'latest') as string;
	const ref: IDataObject = { id };
	if (version === 'specific') {
		const number = String(ctx.getNodeParameter('classifierVersionNumber', itemIndex, '')).trim();
		if (!/^\d+(\.\d+)*$/.test(number)) {
			fail(ctx, itemIndex, `Version number "${number}" is not valid`, 'Use a published version number such as 1.0 or 2.2.');
		}
		ref.version = number;
	} else {
		ref.version = version;
	}
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const override = parseJsonObject(ctx, itemIndex, options.overrideConfig, 'Override Config');
	if (Object.keys(override).length) ref.overrideConfig = override;
	return ref;
}

export interface Correlation {
	/** The n8n instance that submitted the run (the Extend Trigger's "Only Runs Submitted Here" filter). */
	instanceId?: string;
	/** The node's Mode: only `submitOnly` runs are left for the trigger to continue. */
	mode: string;
	workflowId?: string;
	executionId?: string;
	nodeName: string;
	itemIndex: number;
	submissionId: string;
}

export function buildMetadata(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): { metadata: IDataObject | undefined; correlation?: Correlation } {
	const metadata = { ...parseJsonObject(ctx, itemIndex, options.metadata, 'Metadata') };
	if (options.usageTags) {
		const existing = Array.isArray(metadata['extend:usage_tags']) ? (metadata['extend:usage_tags'] as string[]) : [];
		const tags = sanitizeUsageTags([...existing, ...sanitizeUsageTags(String(options.usageTags))]);
		if (tags.length) metadata['extend:usage_tags'] = tags;
	}
	let correlation: Correlation | undefined;
	if (options.addCorrelation !== false) {
		correlation = {
			instanceId: ctx.getInstanceId(),
			mode: String(ctx.getNodeParameter('mode', itemIndex, 'waitForResult')),
			workflowId: ctx.getWorkflow().id,
			executionId: ctx.getExecutionId(),
			nodeName: ctx.getNode().name,
			itemIndex,
			submissionId: randomUUID(),
		};
		const mine = metadata.n8n && typeof metadata.n8n === 'object' ? (metadata.n8n as IDataObject) : {};
		metadata.n8n = { ...mine, ...correlation };
	}
	const size = Buffer.byteLength(JSON.stringify(metadata));
	if (size > METADATA_LIMIT_BYTES) {
		fail(
			ctx,
			itemIndex,
			`Metadata is ${size} bytes; Extend accepts at most ${METADATA_LIMIT_BYTES} bytes (10 KB)`,
			'Keep metadata to identifiers and short values; store large data elsewhere and put its key in metadata.',
		);
	}
	return { metadata: Object.keys(metadata).length ? metadata : undefined, correlation };
}

export function validateUrl(ctx: IExecuteFunctions, itemIndex: number, raw: string): string {
	const url = raw.trim();
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
		fail(ctx, itemIndex, `"File URL" must be a full http(s) URL, but it is "${url}"`, 'Enter a full http(s) URL, e.g. https://example.com/invoice.pdf.');
	}
	return url;
}
