// The streamed upload's pure parts: base64 decoded slice by slice (any slice boundary, any
// whitespace), the size limit and the stored file's size before any request, the File entry that
// FormData keeps as it is and that reads its source anew on every serialisation, the byte stream
// that refuses a length other than the announced one, and the multipart body it makes (parsed
// back with the emulator's parser).
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import type { IBinaryData, IExecuteFunctions, INode } from 'n8n-workflow';

import {
	DEFAULT_MAX_UPLOAD_BYTES,
	base64Chunks,
	base64DecodedLength,
	formatBytes,
	readBinaryFile,
	type BinaryFile,
} from '../../../../nodes/Extend/shared/binaryFile';
import { StreamedFile, byteStream, uploadForm, uploadFile } from '../../../../nodes/Extend/transport/uploadFile';
import { MultipartParser } from '../../../emulator/multipart';
import { stubContext } from '../../../support/stubContext';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function memoryFile(data: Buffer, chunk = 7, name = 'doc.pdf', type = 'application/pdf'): BinaryFile & { opens: number } {
	const file = {
		fileName: name,
		mimeType: type,
		size: data.length,
		opens: 0,
		async *open() {
			file.opens++;
			for (let at = 0; at < data.length; at += chunk) yield data.subarray(at, at + chunk);
		},
	};
	return file;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
	const parts: Uint8Array[] = [];
	const reader = stream.getReader();
	for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
	return Buffer.concat(parts);
}

/** The context readBinaryFile needs: the item's binary and n8n's store helpers. */
function binaryContext(binary: Partial<IBinaryData>, store: { size?: number; metadataFails?: boolean; data?: Buffer } = {}) {
	const calls = { metadata: 0, streams: 0 };
	const ctx = {
		getNode: () => ({ name: 'Extend' }) as INode,
		helpers: {
			assertBinaryData: () => ({ mimeType: 'application/pdf', data: '', ...binary }),
			getBinaryMetadata: async () => {
				calls.metadata++;
				if (store.metadataFails) throw new Error('no metadata');
				return { fileSize: store.size ?? store.data?.length ?? 0 };
			},
			getBinaryStream: async () => {
				calls.streams++;
				return Readable.from([store.data ?? Buffer.alloc(0)]);
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

describe('base64Chunks', () => {
	const data = randomBytes(10_000 + 7);
	const text = data.toString('base64');

	it.each([4, 8, 12, 400, 4096, 1 << 20])('decodes every byte with %i-character slices', (slice) => {
		const decoded = Buffer.concat([...base64Chunks(text, slice)]);
		expect(sha256(decoded)).toBe(sha256(data));
		expect(base64DecodedLength(text, slice)).toBe(data.length);
	});

	it('decodes line-wrapped base64 whose line breaks fall across slice boundaries', () => {
		for (const wrapped of [text.replace(/.{76}/g, '$&\r\n'), text.replace(/.{64}/g, '$&\n'), text.replace(/.{3}/g, '$& ')]) {
			for (const slice of [4, 76, 80, 1000]) {
				const decoded = Buffer.concat([...base64Chunks(wrapped, slice)]);
				expect(decoded.equals(data)).toBe(true);
				expect(base64DecodedLength(wrapped, slice)).toBe(data.length);
			}
		}
	});

	it('keeps the padding of sizes that are not a multiple of 3', () => {
		for (const size of [1, 2, 3, 4, 5]) {
			const bytes = randomBytes(size);
			expect(Buffer.concat([...base64Chunks(bytes.toString('base64'), 4)]).equals(bytes)).toBe(true);
		}
	});

	it('yields nothing for empty or whitespace-only text', () => {
		expect([...base64Chunks('')]).toEqual([]);
		expect([...base64Chunks(' \r\n\t ')]).toEqual([]);
	});

	it('refuses slices that would cut a 4-character quantum', () => {
		expect(() => [...base64Chunks(text, 6)]).toThrow('multiple of 4');
	});
});

describe('readBinaryFile', () => {
	it('refuses a file over the maximum before reading it, with the sizes in the message', async () => {
		const { ctx, calls } = binaryContext({ id: 'filesystem-v2:x', fileName: 'scan.pdf' }, { size: DEFAULT_MAX_UPLOAD_BYTES + 1 });
		const error = await readBinaryFile.call(ctx, 0, 'data').catch((e: Error) => e);
		expect((error as Error).message).toBe('The file in binary field "data" is too large to upload: 500 MiB, the maximum is 500 MiB');
		expect((error as { description?: string }).description).toContain(`"scan.pdf" has ${DEFAULT_MAX_UPLOAD_BYTES + 1} bytes, more than ${DEFAULT_MAX_UPLOAD_BYTES}`);
		expect(calls.streams).toBe(0);
	});

	it('takes a smaller maximum from the caller, also for base64 on the item', async () => {
		const data = randomBytes(2048).toString('base64');
		const { ctx } = binaryContext({ data });
		await expect(readBinaryFile.call(ctx, 0, 'data', undefined, { maxBytes: 2047 })).rejects.toThrow('too large to upload: 2 KiB, the maximum is 2 KiB');
		await expect(readBinaryFile.call(ctx, 0, 'data', undefined, { maxBytes: 2048 })).resolves.toMatchObject({ size: 2048 });
	});

	it('sizes a stored file from n8n\'s metadata, else the item\'s bytes, else by reading it once', async () => {
		const data = randomBytes(1000);
		const byMetadata = binaryContext({ id: 'filesystem-v2:a' }, { size: 1000, data });
		expect((await readBinaryFile.call(byMetadata.ctx, 0, 'data')).size).toBe(1000);
		expect(byMetadata.calls.streams).toBe(0);

		const byBytes = binaryContext({ id: 'filesystem-v2:b', bytes: 1000 }, { metadataFails: true, data });
		expect((await readBinaryFile.call(byBytes.ctx, 0, 'data')).size).toBe(1000);
		expect(byBytes.calls.streams).toBe(0);

		const counted = binaryContext({ id: 'filesystem-v2:c' }, { metadataFails: true, data });
		const file = await readBinaryFile.call(counted.ctx, 0, 'data');
		expect(file.size).toBe(1000);
		expect(counted.calls.streams).toBe(1);
		expect(sha256(await readAll(byteStream(file)))).toBe(sha256(data));
	});

	it('names the file from the parameter, the binary, or its extension', async () => {
		const data = Buffer.from('x').toString('base64');
		expect((await readBinaryFile.call(binaryContext({ data, fileName: 'a.pdf' }).ctx, 0, 'data', 'b.pdf')).fileName).toBe('b.pdf');
		expect((await readBinaryFile.call(binaryContext({ data, fileName: 'a.pdf' }).ctx, 0, 'data')).fileName).toBe('a.pdf');
		const unnamed = await readBinaryFile.call(binaryContext({ data, fileExtension: 'png', mimeType: '' }).ctx, 0, 'data');
		expect({ fileName: unnamed.fileName, mimeType: unnamed.mimeType }).toEqual({ fileName: 'document.png', mimeType: 'application/octet-stream' });
	});

	it('formats sizes for messages', () => {
		expect([0, 1023, 1024, 1536, 100 * 1024 * 1024, 5 * 1024 ** 3].map(formatBytes)).toEqual(['0 bytes', '1023 bytes', '1 KiB', '1.5 KiB', '100 MiB', '5 GiB']);
	});
});

describe('byteStream', () => {
	it('reads the source one chunk per read, from the start on every new stream', async () => {
		const data = randomBytes(1000);
		const file = memoryFile(data, 100);
		expect((await readAll(byteStream(file))).equals(data)).toBe(true);
		expect((await readAll(byteStream(file))).equals(data)).toBe(true);
		expect(file.opens).toBe(2);
	});

	it('fails instead of sending fewer or more bytes than announced', async () => {
		const data = randomBytes(100);
		await expect(readAll(byteStream({ ...memoryFile(data), size: 101 }))).rejects.toThrow('100 bytes read, 101 expected');
		await expect(readAll(byteStream({ ...memoryFile(data), size: 99 }))).rejects.toThrow('expected');
	});

	it('closes the source when the consumer cancels', async () => {
		let closed = false;
		const file: BinaryFile = {
			fileName: 'a',
			mimeType: 'b',
			size: 10,
			async *open() {
				try {
					yield Buffer.alloc(5);
					yield Buffer.alloc(5);
				} finally {
					closed = true;
				}
			},
		};
		const reader = byteStream(file).getReader();
		await reader.read();
		await reader.cancel();
		expect(closed).toBe(true);
	});
});

describe('the multipart body', () => {
	it('FormData keeps the streamed File as it is: name, type and size of the source, no bytes read yet', () => {
		const file = memoryFile(randomBytes(5000), 7, 'scan 1.pdf', 'application/pdf');
		const form = uploadForm(file, 'pw');
		const entry = form.get('file') as File;
		expect(entry).toBeInstanceOf(StreamedFile);
		expect({ name: entry.name, type: entry.type, size: entry.size }).toEqual({ name: 'scan 1.pdf', type: 'application/pdf', size: 5000 });
		expect(form.get('password')).toBe('pw');
		expect(file.opens).toBe(0);
	});

	it('serialises to part "file" (file name and type kept) and "password", byte for byte, each time anew', async () => {
		const data = randomBytes(100_003);
		const file = memoryFile(data, 4096, 'Scan "Q3".pdf', 'application/pdf');
		const form = uploadForm(file, 'secret');
		for (let attempt = 1; attempt <= 2; attempt++) {
			// The web platform's own serialiser (undici) reads File entries through stream(), as axios does.
			const request = new Request('http://x/', { method: 'POST', body: form });
			const boundary = /boundary=(.+)$/.exec(request.headers.get('content-type') ?? '')![1];
			const parser = new MultipartParser(boundary, 1 << 20, () => new Error('too large') as never);
			parser.write(Buffer.from(await request.arrayBuffer()));
			const [part, password] = parser.end();
			expect({ name: part.name, filename: part.filename, type: part.contentType, sha256: part.sha256 }).toEqual({
				name: 'file',
				filename: 'Scan %22Q3%22.pdf',
				type: 'application/pdf',
				sha256: sha256(data),
			});
			expect({ name: password.name, value: password.data.toString() }).toEqual({ name: 'password', value: 'secret' });
			expect(file.opens).toBe(attempt);
		}
	});

	it('gives the whole file to a consumer that asks for it at once (arrayBuffer, text)', async () => {
		const data = Buffer.from('hello streamed world');
		const entry = new StreamedFile(memoryFile(data, 3, 'a.txt', 'text/plain'));
		expect(Buffer.from(await entry.arrayBuffer()).equals(data)).toBe(true);
		expect(await entry.text()).toBe('hello streamed world');
		expect(() => entry.slice()).toThrow('cannot be sliced');
	});

	it('uploadFile sends it to POST /files/upload, a retry-safe request', async () => {
		const { ctx, calls } = stubContext(() => ({ statusCode: 200, body: { object: 'file', id: 'file_1' } }));
		const file = memoryFile(randomBytes(10));
		await expect(uploadFile.call(ctx, 0, file, { password: 'pw', convertToPdf: true })).resolves.toEqual({ object: 'file', id: 'file_1' });
		const { request } = calls[0];
		expect({ method: request.method, url: request.url, qs: request.qs }).toEqual({ method: 'POST', url: '/files/upload', qs: { convertToPdf: true } });
		expect((request.body as FormData).get('file')).toBeInstanceOf(StreamedFile);
		expect(request.disableFollowRedirect).toBe(true);
	});
});
