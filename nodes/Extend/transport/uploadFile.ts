import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { BinaryFile } from '../shared/binaryFile';
import { extendPaths } from './paths';
import { extendApiRequest } from './request';

/** Uploads a file with `POST /files/upload` and returns Extend's file object. */
export async function uploadFile(
	this: IExecuteFunctions,
	itemIndex: number,
	file: BinaryFile,
	options: { password?: string; convertToPdf?: boolean; signal?: AbortSignal } = {},
): Promise<IDataObject> {
	const form = new FormData();
	form.append('file', file.blob, file.fileName);
	if (options.password) form.append('password', options.password);
	return await extendApiRequest.call(this, 'POST', extendPaths.fileUpload, {
		body: form,
		qs: options.convertToPdf ? { convertToPdf: true } : undefined,
		itemIndex,
		// A repeated upload only leaves an unused file behind, so failures are retried like reads.
		retry: 'read',
		timeoutMs: 300_000,
		signal: options.signal,
	});
}
