// Runs the Extend node in n8n's engine against an emulator, with a credential pointing at it.
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Extend } from '../../nodes/Extend/Extend.node';
import { EXTEND_API_VERSION } from '../../nodes/Extend/transport/apiVersion';
import { runNode, type NodeRun } from '../harness/runNode';
import { INLINE_CLASSIFICATIONS } from './classifications';

export const API_KEY = 'sk_test_emulator_key_0123456789';

export function credentialsFor(baseUrl: string, extra: IDataObject = {}) {
	return { extendApi: { apiKey: API_KEY, region: 'custom', baseUrl, apiVersion: EXTEND_API_VERSION, workspaceId: '', ...extra } };
}

/** Parameters of Classify File with text input and inline classifications, overridable. */
export function classifyParams(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'document',
		operation: 'classify',
		mode: 'waitForResult',
		documentSource: 'text',
		text: '={{ $json.text }}',
		classifierSource: 'inline',
		classifications: INLINE_CLASSIFICATIONS,
		addOtherClassification: true,
		...overrides,
	};
}

export async function runExtend(
	baseUrl: string,
	parameters: INodeParameters,
	input: INodeExecutionData[] = [{ json: {} }],
	options: { continueOnFail?: boolean; onError?: INode['onError']; signal?: AbortSignal; credentials?: IDataObject } = {},
): Promise<NodeRun> {
	return await runNode({
		node: new Extend(),
		parameters,
		input,
		credentials: credentialsFor(baseUrl, options.credentials),
		continueOnFail: options.continueOnFail,
		onError: options.onError,
		signal: options.signal,
	});
}

export function binaryItem(content: string | Buffer, fileName: string, mimeType: string, json: IDataObject = {}): INodeExecutionData {
	const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
	return { json, binary: { data: { data: data.toString('base64'), mimeType, fileName } } };
}
