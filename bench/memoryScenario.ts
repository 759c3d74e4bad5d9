// One memory scenario of bench/memory.ts, in its own process (`node --expose-gc memoryScenario.js
// <scenario> <emulator base URL>`); prints its figures as one JSON line.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import type { BinaryDataService } from 'n8n-core';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { request } from 'undici';

import { CHUNK_BYTES } from '../nodes/Extend/shared/binaryFile';
import { filesystemBinaryStore, storedBinaryItem } from '../test/support/binaryStore';
import { API_KEY, classifyParams, runExtend } from '../test/support/extendNode';
import { CONCURRENT_FILE_BYTES, CONCURRENT_FILES, FILE_BYTES, type Scenario } from './memory';
import type { Figure } from './report';

const MiB = 1024 * 1024;
const AUTH = { authorization: `Bearer ${API_KEY}`, 'x-extend-api-version': '2026-02-09' };
const UPLOAD: INodeParameters = { resource: 'file', operation: 'upload', binaryPropertyName: 'data' };
const SPEED_ROUNDS = 3;

/** A text document of exactly `size` bytes (the emulator classifies it), line-numbered so no two chunks repeat. */
function* documentChunks(size: number, tag: string): Generator<Buffer> {
	let line = 0;
	for (let left = size; left > 0; ) {
		const lines: string[] = [];
		for (let i = 0; i < 16_384; i++) lines.push(`INVOICE ${tag} line ${line++}: paper, total amount due 45.00 EUR\n`);
		const chunk = Buffer.from(lines.join(''));
		const take = Math.min(left, chunk.length);
		yield take === chunk.length ? chunk : chunk.subarray(0, take);
		left -= take;
	}
}

/** The document as base64 text, encoded 3-byte-aligned slice by slice. */
function base64Of(size: number, tag: string): string {
	const parts: string[] = [];
	let rest = Buffer.alloc(0);
	for (const chunk of documentChunks(size, tag)) {
		const bytes = rest.length ? Buffer.concat([rest, chunk]) : chunk;
		const whole = bytes.length - (bytes.length % 3);
		parts.push(bytes.subarray(0, whole).toString('base64'));
		rest = Buffer.from(bytes.subarray(whole));
	}
	parts.push(rest.toString('base64'));
	return parts.join('');
}

function sha256Of(size: number, tag: string): string {
	const hash = createHash('sha256');
	for (const chunk of documentChunks(size, tag)) hash.update(chunk);
	return hash.digest('hex');
}

interface Measured<T> {
	result: T;
	growth: number;
	ms: number;
}

/** Peak RSS growth of this process while `run` runs, over the RSS after a full GC. */
async function measure<T>(run: () => Promise<T>): Promise<Measured<T>> {
	global.gc?.();
	global.gc?.();
	const baseline = process.memoryUsage().rss;
	const maxRssBefore = process.resourceUsage().maxRSS * 1024;
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	const started = performance.now();
	const result = await run();
	const ms = performance.now() - started;
	clearInterval(sampler);
	// The kernel's high-water mark catches a spike between two samples, once it passes any earlier peak.
	const maxRss = process.resourceUsage().maxRSS * 1024;
	peak = Math.max(peak, process.memoryUsage().rss, maxRss > maxRssBefore ? maxRss : 0);
	return { result, growth: peak - baseline, ms };
}

async function uploadRecord(baseUrl: string, fileId: string): Promise<{ bytes: number; sha256: string }> {
	const res = await request(`${baseUrl}/__emulator/uploads/${fileId}`);
	return (await res.body.json()) as { bytes: number; sha256: string };
}

/** Frees the emulator's copy (it keeps every upload in memory). */
async function deleteFile(baseUrl: string, fileId: string): Promise<void> {
	await (await request(`${baseUrl}/files/${fileId}`, { method: 'DELETE', headers: AUTH })).body.dump();
}

/** Writes a document into the store as a stream (it is never whole in this process's memory). */
async function storedItem(store: BinaryDataService, size: number, tag: string): Promise<INodeExecutionData> {
	return await storedBinaryItem(store, Readable.from(documentChunks(size, tag)), `${tag}.txt`, 'text/plain');
}

/**
 * A plain undici upload of a file on disk: a hand-built multipart body around fs.createReadStream
 * (the same chunk size as the node), with Content-Length. Returns the emulator's file id.
 */
async function plainUpload(baseUrl: string, path: string, size: number): Promise<string> {
	const boundary = 'plain-undici-upload-boundary';
	const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const body = Readable.from(
		(async function* () {
			yield head;
			yield* createReadStream(path, { highWaterMark: CHUNK_BYTES });
			yield tail;
		})(),
	);
	const res = await request(`${baseUrl}/files/upload`, {
		method: 'POST',
		body,
		headers: { ...AUTH, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + size + tail.length) },
	});
	const json = (await res.body.json()) as { id: string };
	if (res.statusCode !== 200) throw new Error(`undici upload failed: ${res.statusCode} ${JSON.stringify(json)}`);
	return json.id;
}

/** Reads the stored file through n8n-core's getAsStream and drops every chunk: what any reader of the store costs. */
async function drainStore(store: BinaryDataService, id: string): Promise<number> {
	let bytes = 0;
	for await (const chunk of await store.getAsStream(id, CHUNK_BYTES)) bytes += (chunk as Buffer).length;
	return bytes;
}

const mbps = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function filesystem(baseUrl: string, store: BinaryDataService): Promise<Figure[]> {
	const warm = await runExtend(baseUrl, UPLOAD, [await storedItem(store, 4096, 'warm')]);
	if (warm.status !== 'success') throw new Error(`warm-up failed: ${warm.error?.message}`);
	const item = await storedItem(store, FILE_BYTES, 'big');
	const expected = sha256Of(FILE_BYTES, 'big');
	// Measured first: memory this process freed before (and the allocator kept) would hide growth.
	const measured = await measure(() => runExtend(baseUrl, UPLOAD, [item]));
	if (measured.result.status !== 'success') throw new Error(`filesystem upload failed: ${measured.result.error?.message}`);
	const fileId = String(measured.result.items[0].json.id);
	const upload = await uploadRecord(baseUrl, fileId);
	await deleteFile(baseUrl, fileId);
	const sha256Match = upload.bytes === FILE_BYTES && upload.sha256 === expected;

	// Upload speed: the node and a plain undici upload of the same stored file, in turns, to the
	// same emulator; the median of each.
	const path = store.getPath(item.binary!.data.id!);
	const node: number[] = [];
	const plain: number[] = [];
	let allMatch = sha256Match;
	for (let round = 0; round < SPEED_ROUNDS; round++) {
		let started = performance.now();
		const run = await runExtend(baseUrl, UPLOAD, [item]);
		node.push(mbps(FILE_BYTES, performance.now() - started));
		const nodeUpload = await uploadRecord(baseUrl, String(run.items[0].json.id));
		allMatch &&= nodeUpload.sha256 === expected;
		await deleteFile(baseUrl, String(run.items[0].json.id));

		started = performance.now();
		const plainId = await plainUpload(baseUrl, path, FILE_BYTES);
		plain.push(mbps(FILE_BYTES, performance.now() - started));
		allMatch &&= (await uploadRecord(baseUrl, plainId)).sha256 === expected;
		await deleteFile(baseUrl, plainId);
	}
	const ratio = median(node) / median(plain);
	return [
		{ name: 'fileBytes', value: FILE_BYTES, unit: 'B' },
		{ name: 'peakRssGrowthBytes', value: measured.growth, unit: 'B' },
		{ name: 'growthPerFileByte', value: measured.growth / FILE_BYTES, goal: '≤ 0.2', met: measured.growth / FILE_BYTES <= 0.2 },
		{ name: 'uploadMs', value: measured.ms, unit: 'ms' },
		{ name: 'receivedBytes', value: upload.bytes, unit: 'B' },
		{ name: 'sha256Match', value: String(allMatch), goal: 'true', met: allMatch },
		{ name: 'uploadMBps', value: median(node), unit: 'MiB/s', goal: '≥ 0.8 × undiciMBps', met: ratio >= 0.8 },
		{ name: 'undiciMBps', value: median(plain), unit: 'MiB/s' },
		{ name: 'uploadMBpsRatio', value: ratio, goal: '≥ 0.8', met: ratio >= 0.8 },
		{ name: 'speedRounds', value: SPEED_ROUNDS },
	];
}

/**
 * The floor of any reader of n8n's filesystem store: the same 100 MB file only read through
 * n8n-core's getAsStream (fs.createReadStream, one new Buffer per read) with every chunk dropped
 * at once. Node frees those chunks only when V8 next collects garbage, so RSS grows anyway.
 */
async function filesystemStoreRead(_baseUrl: string, store: BinaryDataService): Promise<Figure[]> {
	const warm = await storedItem(store, 4096, 'warm');
	await drainStore(store, warm.binary!.data.id!);
	const item = await storedItem(store, FILE_BYTES, 'big');
	const measured = await measure(() => drainStore(store, item.binary!.data.id!));
	return [
		{ name: 'fileBytes', value: FILE_BYTES, unit: 'B' },
		{ name: 'readBytes', value: measured.result, unit: 'B' },
		{ name: 'peakRssGrowthBytes', value: measured.growth, unit: 'B' },
		{ name: 'growthPerFileByte', value: measured.growth / FILE_BYTES },
		{ name: 'readMs', value: measured.ms, unit: 'ms' },
	];
}

async function filesystemConcurrent(baseUrl: string, store: BinaryDataService): Promise<Figure[]> {
	const params = classifyParams({ mode: 'submitOnly', documentSource: 'binary', binaryPropertyName: 'data', options: { concurrency: CONCURRENT_FILES } });
	const warm = await runExtend(baseUrl, params, [await storedItem(store, 4096, 'warm-a'), await storedItem(store, 4096, 'warm-b')]);
	if (warm.status !== 'success') throw new Error(`warm-up failed: ${warm.error?.message}`);
	const items: INodeExecutionData[] = [];
	const expected: string[] = [];
	for (let i = 0; i < CONCURRENT_FILES; i++) {
		items.push(await storedItem(store, CONCURRENT_FILE_BYTES, `doc${i}`));
		expected.push(sha256Of(CONCURRENT_FILE_BYTES, `doc${i}`));
	}
	const measured = await measure(() => runExtend(baseUrl, params, items));
	if (measured.result.status !== 'success') throw new Error(`concurrent upload failed: ${measured.result.error?.message}`);
	let match = measured.result.items.length === CONCURRENT_FILES;
	let received = 0;
	for (const [i, out] of measured.result.items.entries()) {
		const upload = await uploadRecord(baseUrl, String((out.json.file as { id: string }).id));
		received += upload.bytes;
		match &&= upload.bytes === CONCURRENT_FILE_BYTES && upload.sha256 === expected[(out.pairedItem as { item: number }).item ?? i];
	}
	const limit = 128 * MiB;
	return [
		{ name: 'files', value: CONCURRENT_FILES },
		{ name: 'fileBytes', value: CONCURRENT_FILE_BYTES, unit: 'B' },
		{ name: 'concurrency', value: CONCURRENT_FILES },
		{ name: 'peakRssGrowthBytes', value: measured.growth, unit: 'B', goal: '≤ 128 MiB', met: measured.growth <= limit },
		{ name: 'growthPerFileByte', value: measured.growth / (CONCURRENT_FILES * CONCURRENT_FILE_BYTES) },
		{ name: 'uploadAndSubmitMs', value: measured.ms, unit: 'ms' },
		{ name: 'receivedBytes', value: received, unit: 'B' },
		{ name: 'sha256Match', value: String(match), goal: 'true', met: match },
	];
}

async function inMemory(baseUrl: string): Promise<Figure[]> {
	const params = classifyParams({ documentSource: 'binary', simplify: true });
	const base64Item = (data: Buffer): INodeExecutionData => ({ json: {}, binary: { data: { data: data.toString('base64'), mimeType: 'text/plain', fileName: 'big.txt' } } });
	const warm = await runExtend(baseUrl, params, [base64Item(Buffer.from('INVOICE warm-up: total amount due 45.00 EUR\n'))]);
	if (warm.status !== 'success') throw new Error(`warm-up failed: ${warm.error?.message}`);
	// The item holds the file as n8n does in memory mode (base64), built a slice at a time (whole
	// base64 quanta), so no freed 100 MB the allocator keeps can hide the run's growth.
	const input: INodeExecutionData[] = [{ json: {}, binary: { data: { data: base64Of(FILE_BYTES, 'big'), mimeType: 'text/plain', fileName: 'big.txt' } } }];
	const expected = sha256Of(FILE_BYTES, 'big');
	const measured = await measure(() => runExtend(baseUrl, params, input));
	if (measured.result.status !== 'success') throw new Error(`in-memory run failed: ${measured.result.error?.message}`);
	const upload = await uploadRecord(baseUrl, String(measured.result.items[0].json.fileId));
	const sha256Match = upload.bytes === FILE_BYTES && upload.sha256 === expected;
	return [
		{ name: 'fileBytes', value: FILE_BYTES, unit: 'B' },
		{ name: 'peakRssGrowthBytes', value: measured.growth, unit: 'B' },
		{ name: 'growthPerFileByte', value: measured.growth / FILE_BYTES, goal: '≤ 1.1', met: measured.growth / FILE_BYTES <= 1.1 },
		{ name: 'uploadAndClassifyMs', value: measured.ms, unit: 'ms' },
		{ name: 'classifiedAs', value: String(measured.result.items[0].json.classificationType) },
		{ name: 'receivedBytes', value: upload.bytes, unit: 'B' },
		{ name: 'sha256Match', value: String(sha256Match), goal: 'true', met: sha256Match },
	];
}

async function main(): Promise<void> {
	const [scenario, baseUrl] = process.argv.slice(2) as [Scenario, string];
	const dir = await mkdtemp(join(tmpdir(), 'extend-bench-'));
	try {
		const store = scenario === 'inMemory' ? undefined : await filesystemBinaryStore(dir);
		const run = { filesystem, filesystemStoreRead, filesystemConcurrent }[scenario as Exclude<Scenario, 'inMemory'>];
		const figures = run ? await run(baseUrl, store!) : await inMemory(baseUrl);
		process.stdout.write(`${JSON.stringify(figures)}\n`);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${(error as Error).stack}\n`);
		process.exit(1);
	},
);
