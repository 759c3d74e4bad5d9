import { BINARY_ENCODING, NodeOperationError, type IBinaryData, type IExecuteFunctions } from 'n8n-workflow';

/**
 * Bytes read at a time (384 KiB): an upload holds a few of these, never the file. A multiple of
 * 3, so that it is a whole number of base64 quanta.
 */
export const CHUNK_BYTES = 3 * 2 ** 17;
/**
 * Base64 characters that decode to exactly CHUNK_BYTES (512 KiB of text). It must be a multiple of
 * 4: a slice that cuts a 4-character quantum decodes its tail to fewer bytes and the upload loses
 * bytes silently.
 */
const CHUNK_BASE64 = (CHUNK_BYTES / 3) * 4;
const WHITESPACE = /\s/;
const WHITESPACE_ALL = /\s+/g;

/**
 * Extend documents no upload limit (reference: "Size limit: not documented"); past this a file is
 * refused before anything is sent, so a wrong field (a video, an archive) fails at once and not
 * after minutes of upload. Callers may pass their own maximum.
 */
export const DEFAULT_MAX_UPLOAD_BYTES = 500 * 1024 * 1024;

/** An item's file, not read yet: `open()` reads its bytes from the start, each call anew. */
export interface BinaryFile {
	fileName: string;
	mimeType: string;
	/** The exact byte length, known before the upload (multipart Content-Length, the size limit). */
	size: number;
	open(): AsyncIterable<Uint8Array>;
}

/**
 * Decodes base64 text slice by slice: at most one slice of text and its bytes exist besides the
 * caller's string. Whitespace (line-wrapped base64 from a Code node or a MIME tool) would shift the
 * 4-character quanta, so the characters past the last whole quantum of a slice are carried into
 * the next one.
 */
export function* base64Chunks(data: string, sliceChars = CHUNK_BASE64): Generator<Buffer> {
	if (sliceChars % 4 !== 0) throw new RangeError('sliceChars must be a multiple of 4');
	let carry = '';
	for (let at = 0; at < data.length; at += sliceChars) {
		let text = carry + data.slice(at, at + sliceChars);
		if (WHITESPACE.test(text)) text = text.replace(WHITESPACE_ALL, '');
		const whole = text.length - (text.length % 4);
		carry = text.slice(whole);
		if (whole > 0) {
			const bytes = Buffer.from(text.slice(0, whole), BINARY_ENCODING);
			if (bytes.length) yield bytes;
		}
	}
	if (carry) {
		const bytes = Buffer.from(carry, BINARY_ENCODING);
		if (bytes.length) yield bytes;
	}
}

/** The decoded length, by decoding slice by slice (exactly what base64Chunks yields, whatever the text holds). */
export function base64DecodedLength(data: string, sliceChars = CHUNK_BASE64): number {
	let size = 0;
	for (const chunk of base64Chunks(data, sliceChars)) size += chunk.length;
	return size;
}

/** Human-readable byte count for messages: 1 decimal, binary units. */
export function formatBytes(bytes: number): string {
	const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return unit === 0 ? `${bytes} bytes` : `${Math.round(value * 10) / 10} ${units[unit]}`;
}

/** The stored file's length: n8n's metadata, else the item's `bytes`, else counted by reading it once. */
async function storedSize(ctx: IExecuteFunctions, binary: IBinaryData, id: string): Promise<number> {
	try {
		const { fileSize } = await ctx.helpers.getBinaryMetadata(id);
		if (Number.isSafeInteger(fileSize) && fileSize >= 0) return fileSize;
	} catch {
		// A store without metadata: the next sources below.
	}
	if (typeof binary.bytes === 'number' && Number.isSafeInteger(binary.bytes)) return binary.bytes;
	let size = 0;
	for await (const chunk of await ctx.helpers.getBinaryStream(id, CHUNK_BYTES)) size += (chunk as Uint8Array).length;
	return size;
}

/**
 * Reads an item's binary field: its name, type and size, and how to read its bytes. Nothing is
 * read into memory: a file in n8n's binary store (filesystem, S3, database) is streamed from it,
 * in-memory base64 is decoded slice by slice. A missing field, an empty file or one over the
 * maximum is the item's error, before any request.
 */
export async function readBinaryFile(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	fileName?: string,
	options: { maxBytes?: number } = {},
): Promise<BinaryFile> {
	const binary = this.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const name =
		fileName || binary.fileName || `document${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const mimeType = binary.mimeType || 'application/octet-stream';
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;

	let size: number;
	let open: () => AsyncIterable<Uint8Array>;
	const id = binary.id;
	if (id) {
		size = await storedSize(this, binary, id);
		const helpers = this.helpers;
		open = async function* () {
			// yield* hands an early stop (a failed or aborted request) to the stream: it closes the file.
			yield* (await helpers.getBinaryStream(id, CHUNK_BYTES)) as AsyncIterable<Uint8Array>;
		};
	} else {
		const data = binary.data ?? '';
		size = base64DecodedLength(data);
		open = async function* () {
			yield* base64Chunks(data);
		};
	}

	if (size === 0) {
		throw new NodeOperationError(this.getNode(), `The file in binary field "${binaryPropertyName}" is empty`, {
			itemIndex,
			description: `"${name}" has 0 bytes. Check the node that produced it.`,
		});
	}
	if (size > maxBytes) {
		throw new NodeOperationError(
			this.getNode(),
			`The file in binary field "${binaryPropertyName}" is too large to upload: ${formatBytes(size)}, the maximum is ${formatBytes(maxBytes)}`,
			{
				itemIndex,
				description: `"${name}" has ${size} bytes, more than ${maxBytes}. Split or compress the document, or pass it to Extend by URL.`,
			},
		);
	}
	return { fileName: name, mimeType, size, open };
}
