// A minimal IExecuteFunctions for unit tests of pure logic: the HTTP helper is a function the test
// writes, and it gets the abort signal the way n8n-core gives it (it overwrites the request's
// abortSignal with the context's execution cancel signal).
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

import { EXTEND_API_VERSION } from '../../nodes/Extend/transport/apiVersion';

export const STUB_KEY = 'sk_stub_secret_key_0123456789';

export interface StubResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

export type Responder = (request: IHttpRequestOptions, call: number) => Promise<StubResponse> | StubResponse;

export interface StubCall {
	request: IHttpRequestOptions;
	at: number;
}

export interface StubContext {
	ctx: IExecuteFunctions;
	calls: StubCall[];
	warnings: string[];
	/** Stops the "execution" like n8n's Stop button. */
	stop(): void;
}

export function stubContext(
	respond: Responder,
	options: { apiKey?: string; baseUrl?: string; node?: Partial<INode>; parameters?: IDataObject; itemCount?: number } = {},
): StubContext {
	const calls: StubCall[] = [];
	const warnings: string[] = [];
	const execution = new AbortController();
	const node = { id: 'n1', name: 'Extend', type: 'n8n-nodes-extend.extend', typeVersion: 1, position: [0, 0], parameters: {}, ...options.node } as INode;
	const credentials = { apiKey: options.apiKey ?? STUB_KEY, region: 'custom', baseUrl: options.baseUrl ?? 'http://127.0.0.1:9', apiVersion: EXTEND_API_VERSION, workspaceId: '' };
	const ctx = {
		getNode: () => node,
		getCredentials: async () => credentials,
		getExecutionCancelSignal: () => execution.signal,
		continueOnFail: () => node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput',
		getInputData: () => Array.from({ length: options.itemCount ?? 1 }, () => ({ json: {} })),
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (options.parameters && name in options.parameters ? options.parameters[name] : fallback),
		logger: { warn: (m: string) => warnings.push(m), debug: () => {}, info: () => {}, error: () => {} },
		helpers: {
			async httpRequestWithAuthentication(this: IExecuteFunctions, _type: string, request: IHttpRequestOptions) {
				const withSignal = { ...request, abortSignal: this.getExecutionCancelSignal?.() };
				calls.push({ request: withSignal, at: Date.now() });
				const response = await respond(withSignal, calls.length);
				return { headers: {}, ...response };
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls, warnings, stop: () => execution.abort(new Error('stopped')) };
}

/** A connection error like the one the HTTP client throws when the socket drops. */
export function connectionReset(): Error {
	return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

/** Resolves when the signal aborts, then rejects like an aborted request. */
export function untilAborted(signal: { aborted: boolean; addEventListener?: unknown } | undefined): Promise<never> {
	const target = signal as AbortSignal | undefined;
	return new Promise((_resolve, reject) => {
		if (!target) return;
		if (target.aborted) reject(new Error('aborted'));
		target.addEventListener('abort', () => reject(Object.assign(new Error('The operation was aborted'), { code: 'ABORT_ERR' })), { once: true });
	});
}
