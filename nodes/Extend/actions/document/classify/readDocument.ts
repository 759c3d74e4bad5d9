// The document of one item, as Extend takes it: a file reference, or a binary file to upload first.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { readBinaryFile, type BinaryFile } from '../../../shared/binaryFile';
import { validateUrl } from './classifyBody';

/** Extend documents no limit for text input; past a few MB a document belongs in a file upload. */
const MAX_TEXT_BYTES = 5 * 1024 * 1024;

export type FileInput = { ref: IDataObject } | { upload: BinaryFile };

export async function readDocument(ctx: IExecuteFunctions, i: number): Promise<{ input: FileInput; docOptions: IDataObject }> {
	const source = ctx.getNodeParameter('documentSource', i) as string;
	const docOptions = ctx.getNodeParameter('documentOptions', i, {}) as IDataObject;
	const name = docOptions.fileName ? String(docOptions.fileName).trim() : undefined;
	if (source === 'binary') {
		const field = String(ctx.getNodeParameter('binaryPropertyName', i, 'data')).trim();
		return { input: { upload: await readBinaryFile.call(ctx, i, field, name) }, docOptions };
	}
	if (source === 'url') {
		const ref: IDataObject = { url: validateUrl(ctx, i, String(ctx.getNodeParameter('url', i, ''))) };
		if (name) ref.name = name;
		if (docOptions.password) ref.settings = { password: docOptions.password };
		return { input: { ref }, docOptions };
	}
	if (source === 'fileId') {
		const id = String(ctx.getNodeParameter('fileId', i, '')).trim();
		if (!id) throw new NodeOperationError(ctx.getNode(), 'File ID is empty', { itemIndex: i, description: 'Enter an Extend file ID (file_...).' });
		return { input: { ref: { id } }, docOptions };
	}
	if (source !== 'text') {
		// Set by expression, the source can be anything; falling back to Text would classify the wrong field.
		throw new NodeOperationError(ctx.getNode(), `"Document Source" must be binary, url, fileId or text, but it is ${JSON.stringify(source)}`, {
			itemIndex: i,
			description: 'Make the Document Source expression return one of: binary, url, fileId, text.',
		});
	}
	const text = String(ctx.getNodeParameter('text', i, '') ?? '');
	if (!text.trim()) throw new NodeOperationError(ctx.getNode(), 'Text is empty', { itemIndex: i, description: 'Enter or map the text to classify.' });
	const bytes = Buffer.byteLength(text, 'utf8');
	if (bytes > MAX_TEXT_BYTES) {
		throw new NodeOperationError(ctx.getNode(), `Text is too long: ${bytes} bytes, at most ${MAX_TEXT_BYTES} are sent as text`, {
			itemIndex: i,
			description: 'Send a long document as a file: set Document Source to Binary File (e.g. after a Convert to File node).',
		});
	}
	return { input: { ref: name ? { text, name } : { text } }, docOptions };
}
