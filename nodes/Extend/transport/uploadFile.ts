import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { BinaryFile } from '../shared/binaryFile';
import { extendPaths } from './paths';
import { extendApiRequest } from './request';

/**
 * A web stream over the file's bytes that reads one chunk when the consumer asks for one
 * (highWaterMark 0), so an upload holds a chunk or two, and that fails rather than send a length
 * other than the one announced in Content-Length.
 */
export function byteStream(file: BinaryFile): ReadableStream<Uint8Array> {
	let chunks: AsyncIterator<Uint8Array> | undefined;
	let sent = 0;
	const mismatch = () => new Error(`"${file.fileName}" changed while it was uploaded: ${sent} bytes read, ${file.size} expected`);
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				chunks ??= file.open()[Symbol.asyncIterator]();
				const next = await chunks.next();
				if (next.done) {
					if (sent === file.size) controller.close();
					else controller.error(mismatch());
					return;
				}
				sent += next.value.byteLength;
				if (sent > file.size) {
					controller.error(mismatch());
					await chunks.return?.();
					return;
				}
				controller.enqueue(next.value);
			},
			async cancel() {
				await chunks?.return?.();
			},
		},
		{ highWaterMark: 0 },
	);
}

/**
 * The multipart entry of the file: a File whose size is the file's and whose stream() reads it
 * from n8n's binary store (or the item's base64) while the request body is written. Every n8n
 * line sends a spec FormData with axios, which writes a File entry from `size`, `type`, `name`
 * and `stream()` (axios lib/helpers/formDataToStream.js, readBlob.js), so nothing is buffered;
 * each serialisation calls stream() again, so a retry of the request re-reads the file.
 * FormData keeps a File given without a file name as it is (with a name it would copy it into a
 * new, empty, File).
 */
export class StreamedFile extends File {
	private readonly source: BinaryFile;

	constructor(source: BinaryFile) {
		super([], source.fileName, { type: source.mimeType });
		this.source = source;
		// Blob's size is a prototype getter that reads the (empty) internal bytes; an own value shadows it.
		Object.defineProperty(this, 'size', { value: source.size, enumerable: true });
	}

	override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
		return byteStream(this.source) as ReadableStream<Uint8Array<ArrayBuffer>>;
	}

	/** Whole-file reads stay correct for any consumer that uses them (they hold the file in memory). */
	override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
		const whole = new Uint8Array(this.source.size);
		const reader = this.stream().getReader();
		for (let at = 0, next = await reader.read(); !next.done; next = await reader.read()) {
			whole.set(next.value, at);
			at += next.value.byteLength;
		}
		return whole;
	}

	override async arrayBuffer(): Promise<ArrayBuffer> {
		return (await this.bytes()).buffer;
	}

	override async text(): Promise<string> {
		return new TextDecoder().decode(await this.bytes());
	}

	override slice(): Blob {
		throw new Error('A streamed upload cannot be sliced');
	}
}

/** The multipart body of POST /files/upload: the file as part `file` (its name and type kept), then `password`. */
export function uploadForm(file: BinaryFile, password?: string): FormData {
	const form = new FormData();
	form.append('file', new StreamedFile(file));
	if (password) form.append('password', password);
	return form;
}

/** Uploads a file with `POST /files/upload`, streamed from where n8n keeps it, and returns Extend's file object. */
export async function uploadFile(
	this: IExecuteFunctions,
	itemIndex: number,
	file: BinaryFile,
	options: { password?: string; convertToPdf?: boolean; signal?: AbortSignal } = {},
): Promise<IDataObject> {
	return await extendApiRequest.call(this, 'POST', extendPaths.fileUpload, {
		body: uploadForm(file, options.password),
		qs: options.convertToPdf ? { convertToPdf: true } : undefined,
		itemIndex,
		// A repeated upload only leaves an unused file behind, so failures are retried like reads.
		retry: 'read',
		timeoutMs: 300_000,
		signal: options.signal,
	});
}
