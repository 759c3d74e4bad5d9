// The sample documents, served without auth or faults at GET /__samples/<name> so tests can
// classify a document given by URL.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { mimeTypeOf } from './filetypes';

/** test/emulator/samples, whether running from the sources (ts-jest) or from build/tools. */
export function findSamplesDir(): string {
	const candidates = [join(__dirname, 'samples'), join(__dirname, '..', '..', '..', '..', 'test', 'emulator', 'samples')];
	return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

export function readSample(dir: string, name: string): { data: Buffer; contentType: string } | undefined {
	const safe = basename(decodeURIComponent(name));
	const path = join(dir, safe);
	if (!safe || safe.startsWith('.') || !existsSync(path)) return undefined;
	return { data: readFileSync(path), contentType: mimeTypeOf(safe) };
}

export function listSamples(dir: string): string[] {
	return existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')).sort() : [];
}
