import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { extendApiRequest } from '../transport/request';

export interface BinaryFile {
	buffer: Buffer;
	fileName: string;
	mimeType: string;
}

/** Reads an item's binary field; a missing field or an empty file is the item's error, before any request. */
export async function readBinaryFile(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	fileName?: string,
): Promise<BinaryFile> {
	const binary = this.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	const name =
		fileName || binary.fileName || `document${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	if (buffer.length === 0) {
		throw new NodeOperationError(this.getNode(), `The file in binary field "${binaryPropertyName}" is empty`, {
			itemIndex,
			description: `"${name}" has 0 bytes. Check the node that produced it.`,
		});
	}
	return { buffer, fileName: name, mimeType: binary.mimeType || 'application/octet-stream' };
}

/** Uploads a file with `POST /files/upload` and returns Extend's file object. */
export async function uploadFile(
	this: IExecuteFunctions,
	itemIndex: number,
	file: BinaryFile,
	options: { password?: string; convertToPdf?: boolean; signal?: AbortSignal } = {},
): Promise<IDataObject> {
	const form = new FormData();
	const bytes = new Uint8Array(file.buffer.buffer, file.buffer.byteOffset, file.buffer.length) as Uint8Array<ArrayBuffer>;
	form.append('file', new Blob([bytes], { type: file.mimeType }), file.fileName);
	if (options.password) form.append('password', options.password);
	return await extendApiRequest.call(this, 'POST', '/files/upload', {
		body: form,
		qs: options.convertToPdf ? { convertToPdf: true } : undefined,
		itemIndex,
		// A repeated upload only leaves an unused file behind, so failures are retried like reads.
		retry: 'read',
		timeoutMs: 300_000,
		signal: options.signal,
	});
}
