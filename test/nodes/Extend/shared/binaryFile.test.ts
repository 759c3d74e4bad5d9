// Every byte arrives: files of sizes around the 1 MiB read chunk are uploaded through both of n8n's
// binary paths (base64 `data` on the item, as in n8n 1.x's default mode, Code nodes and pinned data;
// and n8n-core's BinaryDataService in filesystem mode, an item carrying `id`), and the length and
// SHA-256 the emulator recorded are compared with the source. Random bytes, so no slicing mistake
// can hide behind repeated content.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService, type BinaryDataConfig } from 'n8n-core';
import type { IBinaryData, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../../emulator';
import { binaryItem, classifyParams, runExtend } from '../../../support/extendNode';

const MiB = 1024 * 1024;
const SIZES = [1, 2, 3, MiB - 1, MiB, MiB + 1, 2 * MiB + 5, 5 * MiB + 1];
const UPLOAD: INodeParameters = { resource: 'file', operation: 'upload', binaryPropertyName: 'data' };
const CLASSIFY = classifyParams({ mode: 'submitOnly', documentSource: 'binary', binaryPropertyName: 'data' });

let emulator: Emulator;
let storeDir: string;
let store: BinaryDataService;

/** n8n-core's binary store in filesystem mode, as n8n sets it up (the default mode of n8n 2.x). */
async function filesystemBinaryStore(dir: string): Promise<BinaryDataService> {
	const config = { mode: 'filesystem', localStoragePath: dir, signingSecret: 'test' } as BinaryDataConfig;
	const service = new BinaryDataService(config, { error: () => {} } as never, {} as never);
	await service.init();
	Container.set(BinaryDataService, service);
	return service;
}

/** An item whose binary is in the store: what helpers.prepareBinaryData gives in filesystem mode. */
async function storedItem(data: Buffer, fileName: string, mimeType: string): Promise<INodeExecutionData> {
	const location = { type: 'execution' as const, workflowId: 'wf-test', executionId: 'exec-test-1' };
	const binary = await store.store(location, data, { data: '', mimeType, fileName } as IBinaryData);
	expect(binary.id).toMatch(/^filesystem-v2:/);
	return { json: {}, binary: { data: binary } };
}

const PATHS = {
	base64: async (data: Buffer, name: string) => binaryItem(data, name, 'application/octet-stream'),
	'binary store (id)': async (data: Buffer, name: string) => await storedItem(data, name, 'application/octet-stream'),
};

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Runs the node on one item and returns the one upload the emulator received. */
async function uploadedVia(parameters: INodeParameters, item: INodeExecutionData) {
	emulator.resetStats();
	const result = await runExtend(emulator.baseUrl, parameters, [item]);
	expect(result.error?.message).toBeUndefined();
	expect(result.status).toBe('success');
	const { uploads } = emulator.stats();
	expect(uploads).toHaveLength(1);
	return { result, upload: uploads[0] };
}

beforeAll(async () => {
	emulator = await startEmulator({ latencyMs: 10, seed: 3 });
	storeDir = await mkdtemp(join(tmpdir(), 'extend-binary-'));
	store = await filesystemBinaryStore(storeDir);
});
afterAll(async () => {
	await emulator.stop();
	Container.reset();
	await rm(storeDir, { recursive: true, force: true });
});

describe.each(Object.entries(PATHS))('binary via %s', (_path, makeItem) => {
	it.each(SIZES)('Upload: %i bytes arrive whole (length and SHA-256 at the emulator)', async (size) => {
		const data = randomBytes(size);
		const { result, upload } = await uploadedVia(UPLOAD, await makeItem(data, `r${size}.bin`));
		expect({ bytes: upload.bytes, sha256: upload.sha256 }).toEqual({ bytes: size, sha256: sha256(data) });
		expect(result.items[0].json).toMatchObject({ object: 'file', id: upload.fileId, name: `r${size}.bin` });
	});

	it.each([MiB, 2 * MiB + 5])('Classify File (binary source): %i bytes arrive whole', async (size) => {
		const data = randomBytes(size);
		const { result, upload } = await uploadedVia(CLASSIFY, await makeItem(data, `c${size}.bin`));
		expect({ bytes: upload.bytes, sha256: upload.sha256 }).toEqual({ bytes: size, sha256: sha256(data) });
		expect(result.items[0].json).toMatchObject({ file: { id: upload.fileId } });
	});

	it('Upload: an empty file is the item\'s clear error, and nothing is sent', async () => {
		emulator.resetStats();
		const result = await runExtend(emulator.baseUrl, UPLOAD, [await makeItem(Buffer.alloc(0), 'empty.bin')], { continueOnFail: true });
		expect(result.items[0].json.error).toBe('The file in binary field "data" is empty');
		expect(emulator.stats().uploads).toEqual([]);
		expect(emulator.stats().requests).toEqual({});
	});
});

describe('base64 that is not one unbroken string', () => {
	it('line-wrapped base64 (76 characters a line, as MIME tools write it) still uploads every byte', async () => {
		const data = randomBytes(2 * MiB + 5);
		const wrapped = data.toString('base64').replace(/.{76}/g, '$&\r\n');
		const item: INodeExecutionData = { json: {}, binary: { data: { data: wrapped, mimeType: 'application/octet-stream', fileName: 'w.bin' } } };
		const { upload } = await uploadedVia(UPLOAD, item);
		expect({ bytes: upload.bytes, sha256: upload.sha256 }).toEqual({ bytes: data.length, sha256: sha256(data) });
	});
});
