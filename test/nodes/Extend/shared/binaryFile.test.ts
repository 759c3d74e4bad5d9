// Every byte arrives: files of sizes around the read chunk are uploaded through both of n8n's
// binary paths (base64 `data` on the item, as in n8n 1.x's default mode, Code nodes and pinned data;
// and n8n-core's BinaryDataService in filesystem mode, an item carrying `id`), and the length and
// SHA-256 the emulator recorded are compared with the source. Random bytes, so no slicing mistake
// can hide behind repeated content. Then large files: the body streams while the file is read, a
// retry re-reads it from the start, and a file over the maximum fails its item before any request.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { Container } from '@n8n/di';
import type { BinaryDataService } from 'n8n-core';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { CHUNK_BYTES, DEFAULT_MAX_UPLOAD_BYTES } from '../../../../nodes/Extend/shared/binaryFile';
import { startEmulator, type Emulator } from '../../../emulator';
import { createRng } from '../../../emulator/faults';
import { filesystemBinaryStore, storedBinaryItem } from '../../../support/binaryStore';
import { binaryItem, classifyParams, runExtend } from '../../../support/extendNode';

const MiB = 1024 * 1024;
const SIZES = [1, 2, 3, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, MiB, 2 * MiB + 5, 5 * MiB + 1];
const UPLOAD: INodeParameters = { resource: 'file', operation: 'upload', binaryPropertyName: 'data' };
const CLASSIFY = classifyParams({ mode: 'submitOnly', documentSource: 'binary', binaryPropertyName: 'data' });

let emulator: Emulator;
let storeDir: string;
let store: BinaryDataService;

/** An item whose binary is in the store (filesystem mode). */
async function storedItem(data: Buffer, fileName: string, mimeType: string): Promise<INodeExecutionData> {
	const item = await storedBinaryItem(store, data, fileName, mimeType);
	expect(item.binary!.data.id).toMatch(/^filesystem-v2:/);
	return item;
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

describe('large files: streamed, retried from the start, refused past the maximum', () => {

	/** The first `draws` fault draws of an emulator seed fall below/at-or-above `share`, in this order. */
	function seedWhere(pattern: boolean[], share: number): number {
		for (let seed = 1; ; seed++) {
			const rng = createRng(seed + 1); // the emulator's fault stream (test/emulator/index.ts)
			if (pattern.every((below) => rng() < share === below)) return seed;
		}
	}

	it('the body leaves while the file is still being read: the first bytes arrive after a few of its chunks', async () => {
		const total = 64; // 24 MiB of chunks
		let produced = 0;
		let producedAtFirstByte = -1;
		let receivedBytes = 0;
		const server = createServer((req, res) => {
			req.on('data', (chunk: Buffer) => {
				if (producedAtFirstByte < 0) producedAtFirstByte = produced;
				receivedBytes += chunk.length;
			});
			req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"file","id":"file_stream"}'));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const item = await storedItem(Buffer.alloc(1), 'lazy.bin', 'application/octet-stream');
		const chunks = function* () {
			for (let i = 0; i < total; i++) {
				produced++;
				yield Buffer.alloc(CHUNK_BYTES, i);
			}
		};
		const streams = jest.spyOn(store, 'getAsStream').mockImplementation(async () => Readable.from(chunks()));
		const metadata = jest.spyOn(store, 'getMetadata').mockResolvedValue({ fileSize: total * CHUNK_BYTES } as never);
		try {
			const result = await runExtend(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, UPLOAD, [item]);
			expect(result.error?.message).toBeUndefined();
			expect(result.items[0].json).toEqual({ object: 'file', id: 'file_stream' });
		} finally {
			streams.mockRestore();
			metadata.mockRestore();
			await new Promise((resolve) => server.close(resolve));
		}
		expect(produced).toBe(total);
		// Buffered first (the Blob upload), the server would see its first byte after all 64 chunks.
		expect(producedAtFirstByte).toBeGreaterThan(0);
		expect(producedAtFirstByte).toBeLessThan(total / 4);
		expect(receivedBytes).toBeGreaterThan(total * CHUNK_BYTES);
	});

	it.each([
		['the connection drops before the body is read', 'dropBefore', 1],
		['the answer is lost after the whole body arrived', 'dropAfter', 2],
	] as const)('a retry after %s reads the file again from the start: every byte arrives', async (_case, fault, recorded) => {
		const seed = seedWhere([true, false], 0.5);
		const faulty = await startEmulator({ latencyMs: 10, seed, faults: { [fault]: 0.5, routes: ['POST /files/upload'] } });
		const data = randomBytes(3 * MiB + 17);
		const item = await storedItem(data, 'retry.bin', 'application/octet-stream');
		const opens = jest.spyOn(store, 'getAsStream');
		try {
			const result = await runExtend(faulty.baseUrl, UPLOAD, [item]);
			expect(result.error?.message).toBeUndefined();
			const { uploads, faultsInjected } = faulty.stats();
			expect(faultsInjected[fault]).toBe(1);
			expect(opens).toHaveBeenCalledTimes(2);
			expect(uploads).toHaveLength(recorded);
			for (const upload of uploads) expect({ bytes: upload.bytes, sha256: upload.sha256 }).toEqual({ bytes: data.length, sha256: sha256(data) });
			expect(result.items[0].json.id).toBe(uploads[uploads.length - 1].fileId);
		} finally {
			opens.mockRestore();
			await faulty.stop();
		}
	});

	it('a stored file over the maximum fails its item with the sizes, before any request; the next item uploads', async () => {
		const big = await storedItem(Buffer.from('pretend I am huge'), 'huge.pdf', 'application/pdf');
		const small = await storedItem(Buffer.from('small'), 'small.txt', 'text/plain');
		const real = store.getMetadata.bind(store);
		const metadata = jest.spyOn(store, 'getMetadata').mockImplementation(async (id: string) =>
			id === big.binary!.data.id ? ({ fileSize: DEFAULT_MAX_UPLOAD_BYTES + 1 } as never) : await real(id),
		);
		emulator.resetStats();
		try {
			const result = await runExtend(emulator.baseUrl, UPLOAD, [big, small], { continueOnFail: true });
			expect(result.items[0].json.error).toBe('The file in binary field "data" is too large to upload: 500 MiB, the maximum is 500 MiB');
			expect(result.items[1].json).toMatchObject({ object: 'file', name: 'small.txt' });
			expect(emulator.stats().uploads.map((u) => u.name)).toEqual(['small.txt']);
		} finally {
			metadata.mockRestore();
		}
	});
});
