// Uploads (streamed multipart, size limit, types, passwords) and URL inputs over plain HTTP.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { request } from 'undici';

import { startEmulator, type Emulator } from '../index';
import { MultipartParser } from '../multipart';
import { HEADERS, INLINE_CONFIG, call } from './helpers';

const SAMPLES = join(__dirname, '..', 'samples');
const BOUNDARY = '----emulator-test-boundary';

interface Part {
	name: string;
	filename?: string;
	type?: string;
	data: string | Buffer;
}

function multipart(parts: Part[]): Buffer {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
		const type = part.type ? `\r\nContent-Type: ${part.type}` : '';
		chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`), Buffer.from(part.data), Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
	return Buffer.concat(chunks);
}

async function upload(em: Emulator, parts: Part[], query = '', body?: Readable) {
	const res = await request(`${em.baseUrl}/files/upload${query}`, {
		method: 'POST',
		headers: { ...HEADERS, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
		body: body ?? multipart(parts),
	});
	return { status: res.statusCode, json: (await res.body.json()) as Record<string, any> };
}

let em: Emulator;
beforeAll(async () => {
	em = await startEmulator({ latencyMs: 20, seed: 9, maxUploadBytes: 1000 });
});
afterAll(async () => await em.stop());

describe('POST /files/upload', () => {
	it('answers 413 past maxUploadBytes: declared too large, streamed too large, chunked too large; nothing is stored', async () => {
		const big = (n: number): Part[] => [{ name: 'file', filename: 'big.txt', type: 'text/plain', data: Buffer.alloc(n, 'a') }];
		const declared = await upload(em, big(200_000));
		expect([declared.status, declared.json.code, declared.json.message]).toEqual([413, 'INVALID_REQUEST', expect.stringContaining('1000 bytes')]);
		expect((await upload(em, big(5000))).status).toBe(413);
		const chunked = Readable.from((function* () {
			const body = multipart(big(50_000));
			for (let i = 0; i < body.length; i += 4096) yield body.subarray(i, i + 4096);
		})());
		expect((await upload(em, [], '', chunked)).status).toBe(413);
		expect((await upload(em, big(1000))).status).toBe(200);
		expect((await call(em, 'GET', '/files')).json.data).toHaveLength(1);
	});

	it('rejects an empty file, a missing file part, a non-multipart body and a bad convertToPdf', async () => {
		expect((await upload(em, [{ name: 'file', filename: 'empty.txt', data: '' }])).json.message).toContain('empty');
		expect((await upload(em, [{ name: 'password', data: 'pw' }])).json.message).toContain('"file"');
		const notMultipart = await call(em, 'POST', '/files/upload', { body: { file: 'x' } });
		expect([notMultipart.status, notMultipart.json.message]).toEqual([400, expect.stringContaining('multipart/form-data')]);
		expect((await upload(em, [{ name: 'file', filename: 'a.txt', data: 'a' }], '?convertToPdf=maybe')).json.message).toContain('convertToPdf');
	});

	it('types files by extension, then content type, then content; convertToPdf turns images into PDFs', async () => {
		const typeOf = async (part: Part, query = '') => (await upload(em, [part], query)).json;
		expect(await typeOf({ name: 'file', filename: 'notes.txt', data: 'hello' })).toMatchObject({ type: 'TXT', name: 'notes.txt', metadata: { pageCount: 1 } });
		expect(await typeOf({ name: 'file', filename: 'blob', type: 'application/pdf', data: readFileSync(join(SAMPLES, 'invoice.pdf')).subarray(0, 900) })).toMatchObject({ type: 'PDF' });
		expect(await typeOf({ name: 'file', filename: 'blob', type: 'application/octet-stream', data: Buffer.from([0, 1, 2, 255]) })).toMatchObject({ type: null });
		expect(await typeOf({ name: 'file', filename: 'scan.png', type: 'image/png', data: Buffer.from([137, 80, 78, 71]) }, '?convertToPdf=true')).toMatchObject({ type: 'PDF', name: 'scan.pdf' });
	});

	it('serves rawText contents on GET /files/{id}?rawText=true', async () => {
		const file = (await upload(em, [{ name: 'file', filename: 'r.txt', data: 'Receipt, paid' }])).json;
		expect((await call(em, 'GET', `/files/${file.id}?rawText=true`)).json.contents).toEqual({ rawText: 'Receipt, paid' });
		expect((await call(em, 'GET', `/files/${file.id}`)).json.contents).toBeNull();
	});
});

describe('upload records (stats().uploads and GET /__emulator/…)', () => {
	it('records length and SHA-256 of each accepted upload, served by the control API without auth', async () => {
		em.resetStats();
		const data = randomBytes(777);
		const { json } = await upload(em, [{ name: 'file', filename: 'r.bin', type: 'application/octet-stream', data }]);
		await upload(em, [{ name: 'file', filename: 'empty.bin', data: '' }]);
		const expected = { fileId: json.id, name: 'r.bin', contentType: 'application/octet-stream', bytes: 777, sha256: createHash('sha256').update(data).digest('hex') };
		expect(em.stats().uploads).toEqual([{ ...expected, at: expect.any(Number) }]);
		const get = async (path: string) => {
			const res = await request(`${em.baseUrl}${path}`);
			return { status: res.statusCode, json: (await res.body.json()) as Record<string, any> };
		};
		expect(await get('/__emulator/stats')).toMatchObject({ status: 200, json: { uploads: [expected], requests: { 'POST /files/upload': 2 } } });
		expect(await get('/__emulator/uploads')).toMatchObject({ status: 200, json: { uploads: [expected] } });
		expect(await get(`/__emulator/uploads/${json.id}`)).toMatchObject({ status: 200, json: expected });
		expect(await get('/__emulator/uploads/file_nope')).toMatchObject({ status: 404, json: { code: 'NOT_FOUND' } });
		expect(em.stats().requests).toEqual({ 'POST /files/upload': 2 });
	});
});

describe('password-protected PDFs', () => {
	const locked = readFileSync(join(SAMPLES, 'invoice-encrypted.pdf'));
	const larger = async () => await startEmulator({ latencyMs: 10, seed: 9 });

	it('fails with FAILED_TO_PROCESS_FILE without a password, classifies with one', async () => {
		const local = await larger();
		try {
			const noPassword = (await upload(local, [{ name: 'file', filename: 'locked.pdf', type: 'application/pdf', data: locked }])).json;
			const failed = (await call(local, 'POST', '/classify', { body: { file: { id: noPassword.id }, config: INLINE_CONFIG } })).json;
			expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'FAILED_TO_PROCESS_FILE', failureMessage: expect.stringContaining('password'), file: { id: noPassword.id } });

			const url = `${local.baseUrl}/__samples/invoice-encrypted.pdf`;
			const viaUrl = (await call(local, 'POST', '/classify', { body: { file: { url, settings: { password: 'pw' } }, config: INLINE_CONFIG } })).json;
			expect(viaUrl).toMatchObject({ status: 'PROCESSED', output: { type: 'invoice' }, file: { name: 'invoice-encrypted.pdf', type: 'PDF' } });
		} finally {
			await local.stop();
		}
	});
});

describe('URL inputs', () => {
	it('downloads loopback URLs, naming the file from `name` or the URL', async () => {
		const run = (await call(em, 'POST', '/classify', { body: { file: { url: `${em.baseUrl}/__samples/resume.txt`, name: 'cv.txt' }, config: INLINE_CONFIG } })).json;
		expect(run).toMatchObject({ status: 'PROCESSED', output: { type: 'resume' }, file: { name: 'cv.txt', type: 'TXT' } });
	});

	it('fails with FAILED_TO_PROCESS_FILE (and file null) when the URL cannot be fetched', async () => {
		for (const url of [`${em.baseUrl}/__samples/missing.pdf`, 'http://127.0.0.1:9/closed.pdf', 'https://files.example.com/a.pdf']) {
			const created = (await call(em, 'POST', '/classify_runs', { body: { file: { url }, config: INLINE_CONFIG } })).json;
			expect(created).toMatchObject({ status: 'PROCESSING', file: null });
			const run = await em.waitForRun(created.id);
			expect(run).toMatchObject({ status: 'FAILED', failureReason: 'FAILED_TO_PROCESS_FILE', file: null, output: null });
			expect(run.failureMessage).toContain(url);
		}
	});
});

describe('MultipartParser', () => {
	it('gives the same parts whatever the chunking, including one byte at a time', () => {
		const body = multipart([
			{ name: 'file', filename: 'a \\"quoted\\".pdf', type: 'application/pdf', data: Buffer.from(`--${BOUNDARY}x\r\n--not-it\r\n`) },
			{ name: 'password', data: 'pw' },
		]);
		for (const size of [1, 7, 64, body.length]) {
			const parser = new MultipartParser(BOUNDARY, 1 << 20, () => new Error('too large') as never);
			for (let i = 0; i < body.length; i += size) parser.write(body.subarray(i, i + size));
			const parts = parser.end();
			expect(parts.map((p) => [p.name, p.filename, p.contentType, p.data.toString()])).toEqual([
				['file', 'a "quoted".pdf', 'application/pdf', `--${BOUNDARY}x\r\n--not-it\r\n`],
				['password', undefined, undefined, 'pw'],
			]);
		}
	});

	it('rejects a body without its closing boundary', () => {
		const parser = new MultipartParser(BOUNDARY, 1 << 20, () => new Error('too large') as never);
		parser.write(multipart([{ name: 'a', data: 'b' }]).subarray(0, 60));
		expect(() => parser.end()).toThrow('incomplete');
	});
});
