import { BINARY_ENCODING, NodeOperationError, type IBinaryData, type IExecuteFunctions } from 'n8n-workflow';

/**
 * Bytes read at a time (768 KiB): the file is never held twice in memory while the upload is
 * built. A multiple of 3, so that it is a whole number of base64 quanta.
 */
const CHUNK_BYTES = 3 * 2 ** 18;
/**
 * Base64 characters that decode to exactly CHUNK_BYTES (4 * 2^18 = 1 MiB of text). It must be a
 * multiple of 4: a slice that cuts a 4-character quantum decodes its tail to fewer bytes and the
 * upload loses bytes silently.
 */
const CHUNK_BASE64 = (CHUNK_BYTES / 3) * 4;
const WHITESPACE = /\s/;
const WHITESPACE_ALL = /\s+/g;

export interface BinaryFile {
	blob: Blob;
	fileName: string;
	mimeType: string;
}

/** Appending to a Blob references the earlier Blob's bytes instead of copying them. */
function append(blob: Blob, chunk: Uint8Array, type: string): Blob {
	return new Blob([blob, chunk as Uint8Array<ArrayBuffer>], { type });
}

/**
 * The item's file as a Blob, built chunk by chunk from n8n's binary store (filesystem, S3,
 * database) or from the item's base64 data (in-memory mode), so memory grows by about the file's
 * size and not twice that.
 */
async function toBlob(ctx: IExecuteFunctions, binary: IBinaryData, type: string): Promise<Blob> {
	let blob = new Blob([], { type });
	if (binary.id) {
		const stream = await ctx.helpers.getBinaryStream(binary.id, CHUNK_BYTES);
		for await (const chunk of stream) blob = append(blob, chunk as Uint8Array, type);
		return blob;
	}
	const data = binary.data ?? '';
	// Whitespace (line-wrapped base64 from a Code node) would shift the 4-character quanta, so the
	// characters past the last whole quantum of a slice are carried into the next one.
	let carry = '';
	for (let at = 0; at < data.length; at += CHUNK_BASE64) {
		let text = carry + data.slice(at, at + CHUNK_BASE64);
		if (WHITESPACE.test(text)) text = text.replace(WHITESPACE_ALL, '');
		const whole = text.length - (text.length % 4);
		carry = text.slice(whole);
		if (whole > 0) blob = append(blob, Buffer.from(text.slice(0, whole), BINARY_ENCODING), type);
	}
	if (carry) blob = append(blob, Buffer.from(carry, BINARY_ENCODING), type);
	return blob;
}

/** Reads an item's binary field; a missing field or an empty file is the item's error, before any request. */
export async function readBinaryFile(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	fileName?: string,
): Promise<BinaryFile> {
	const binary = this.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const name =
		fileName || binary.fileName || `document${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const mimeType = binary.mimeType || 'application/octet-stream';
	const blob = await toBlob(this, binary, mimeType);
	if (blob.size === 0) {
		throw new NodeOperationError(this.getNode(), `The file in binary field "${binaryPropertyName}" is empty`, {
			itemIndex,
			description: `"${name}" has 0 bytes. Check the node that produced it.`,
		});
	}
	return { blob, fileName: name, mimeType };
}
