// Files: POST /files/upload (streamed multipart with a size limit), GET /files, GET /files/{id}
// (with a presignedUrl served by the emulator), DELETE /files/{id}; plus downloading URL inputs.
import { RunFailure, invalid, notFound } from './errors';
import { CONVERTIBLE_TO_PDF, fileTypeOf, mimeTypeOf } from './filetypes';
import { consume, tooLarge } from './http';
import { isoNow, type IdGenerator } from './ids';
import { MultipartParser, boundaryOf } from './multipart';
import { paginate, sortKey } from './pagination';
import type { Route } from './router';
import type { SignedUrls } from './signed';
import { countPages, extractText, type ExtractedText } from './text';
import type { FileObject, FileSummary, UploadRecord } from './types';
import { queryEnum } from './validation';

export interface FileRecord {
	seq: number;
	file: FileObject;
	data: Buffer;
	/** The type the bytes are read as (differs from file.type after a convertToPdf). */
	readAs: string | null;
	password?: string;
}

/** Room for the multipart framing around the file when checking a declared Content-Length. */
const MULTIPART_OVERHEAD = 64 * 1024;
const PRESIGNED_TTL_MS = 15 * 60 * 1000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export class FileStore {
	private readonly files = new Map<string, FileRecord>();
	private seq = 0;

	constructor(private readonly ids: IdGenerator) {}

	/** `forceType` pins the type (text inputs are always TXT, whatever their name). */
	add(input: { name: string; contentType?: string; data: Buffer; password?: string; convertToPdf?: boolean; forceType?: string }): FileRecord {
		const readAs = input.forceType ?? fileTypeOf(input.name, input.contentType, input.data);
		const converted = input.convertToPdf === true && readAs !== null && CONVERTIBLE_TO_PDF.has(readAs);
		const now = isoNow();
		const file: FileObject = {
			object: 'file',
			id: this.ids.id('file_'),
			name: converted ? input.name.replace(/(\.[^.]*)?$/, '.pdf') : input.name,
			type: converted ? 'PDF' : readAs,
			presignedUrl: null,
			parentFileId: null,
			contents: null,
			metadata: { pageCount: countPages(readAs, input.data) },
			createdAt: now,
			updatedAt: now,
		};
		const record: FileRecord = { seq: ++this.seq, file, data: input.data, readAs, password: input.password };
		this.files.set(file.id, record);
		return record;
	}

	get(id: string): FileRecord {
		const record = this.files.get(id);
		if (!record) throw notFound('File', id);
		return record;
	}

	remove(id: string): void {
		this.get(id);
		this.files.delete(id);
	}

	all(): FileRecord[] {
		return [...this.files.values()];
	}

	text(record: FileRecord, password?: string): ExtractedText {
		return extractText(record.readAs, record.data, password ?? record.password);
	}
}

export function fileSummary({ file }: FileRecord): FileSummary {
	return { object: 'file', id: file.id, name: file.name, type: file.type, parentFileId: file.parentFileId, metadata: file.metadata, createdAt: file.createdAt, updatedAt: file.updatedAt };
}

/** Downloads a URL input. Only loopback hosts are fetched, so tests never reach the network. */
export async function fetchDocument(url: string, maxBytes: number): Promise<{ data: Buffer; contentType?: string }> {
	const fail = (why: string): RunFailure => new RunFailure('FAILED_TO_PROCESS_FILE', `The file at ${url} could not be downloaded: ${why}.`);
	if (!LOOPBACK.has(new URL(url).hostname)) throw fail('the emulator only downloads from loopback hosts');
	let response: Response;
	try {
		response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
	} catch (error) {
		throw fail((error as Error).message);
	}
	if (!response.ok) throw fail(`HTTP ${response.status}`);
	const data = Buffer.from(await response.arrayBuffer());
	if (data.length === 0) throw fail('the file is empty');
	if (data.length > maxBytes) throw fail(`the file exceeds ${maxBytes} bytes`);
	return { data, contentType: response.headers.get('content-type') ?? undefined };
}

/** `onUpload` gets the length and SHA-256 of every accepted upload (stats().uploads). */
export function fileRoutes(files: FileStore, signed: SignedUrls, maxUploadBytes: number, onUpload: (upload: UploadRecord) => void = () => {}): Route[] {
	return [
		{
			method: 'POST',
			path: '/files/upload',
			category: 'WRITE',
			handle: async ({ raw, query }) => {
				const convertToPdf = queryEnum(query, 'convertToPdf', ['true', 'false'] as const);
				const boundary = boundaryOf(raw.headers['content-type']);
				const declared = Number(raw.headers['content-length']);
				if (Number.isFinite(declared) && declared > maxUploadBytes + MULTIPART_OVERHEAD) throw tooLarge(maxUploadBytes);
				const parser = new MultipartParser(boundary, maxUploadBytes, () => tooLarge(maxUploadBytes));
				await consume(raw, (chunk) => parser.write(chunk));
				const parts = parser.end();
				const part = parts.find((p) => p.name === 'file');
				if (!part) throw invalid('The multipart part "file" is required.');
				if (part.data.length === 0) throw invalid('The uploaded file is empty.');
				const password = parts.find((p) => p.name === 'password')?.data.toString('utf8') || undefined;
				const record = files.add({ name: part.filename || 'file', contentType: part.contentType, data: part.data, password, convertToPdf: convertToPdf === 'true' });
				onUpload({
					fileId: record.file.id,
					name: part.filename ?? '',
					contentType: part.contentType ?? null,
					bytes: part.data.length,
					sha256: part.sha256,
					at: Date.now(),
				});
				return { body: record.file };
			},
		},
		{
			method: 'GET',
			path: '/files',
			category: 'GET',
			handle: ({ query }) => {
				const needle = query.get('nameContains')?.toLowerCase();
				const matching = files.all().filter((r) => !needle || r.file.name.toLowerCase().includes(needle));
				return { body: paginate(matching, (r) => sortKey(r.file.createdAt, r.seq), query, fileSummary) };
			},
		},
		{
			method: 'GET',
			path: '/files/{id}',
			category: 'GET',
			handle: ({ params, query }) => {
				const record = files.get(params.id);
				const presignedUrl = signed.issue(record.data, mimeTypeOf(record.file.name), PRESIGNED_TTL_MS);
				let contents: FileObject['contents'] = null;
				if (query.get('rawText') === 'true') {
					try {
						contents = { rawText: files.text(record).text };
					} catch {
						contents = null; // unreadable (e.g. a locked PDF): no contents
					}
				}
				return { body: { ...record.file, presignedUrl, contents } };
			},
		},
		{
			method: 'DELETE',
			path: '/files/{id}',
			category: 'WRITE',
			handle: ({ params }) => {
				files.remove(params.id);
				return { body: { id: params.id } };
			},
		},
	];
}
