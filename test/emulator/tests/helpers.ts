// Shared helpers for the emulator tests: a raw HTTP client (undici), an SDK client, and a loopback
// webhook receiver.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExtendClient } from 'extend-ai';
import { request } from 'undici';

import type { Emulator } from '../index';

export { INLINE_CONFIG } from '../../support/classifications';

export const TOKEN = 'sk_test_emulator';
export const HEADERS = { authorization: `Bearer ${TOKEN}`, 'x-extend-api-version': '2026-02-09' };

export interface CallResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	json: any;
}

/** One raw request; `body` objects are sent as JSON, `headers` replace the default auth headers. */
export async function call(
	em: Emulator,
	method: 'GET' | 'POST' | 'DELETE',
	path: string,
	options: { body?: unknown; headers?: Record<string, string>; raw?: string | Buffer } = {},
): Promise<CallResult> {
	const headers: Record<string, string> = { ...(options.headers ?? HEADERS) };
	let body: string | Buffer | undefined = options.raw;
	if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] = 'application/json';
	}
	const res = await request(`${em.baseUrl}${path}`, { method, headers, body });
	const text = await res.body.text();
	let json: unknown = text;
	try {
		json = JSON.parse(text);
	} catch {
		// not JSON: keep the text
	}
	return { status: res.statusCode, headers: res.headers, json };
}

export const sdk = (em: Emulator, options: Partial<ExtendClient.Options> = {}): ExtendClient =>
	new ExtendClient({ token: TOKEN, baseUrl: em.baseUrl, maxRetries: 0, ...options });

export interface Received {
	headers: IncomingHttpHeaders;
	body: string;
}

/** A loopback webhook endpoint; `respond` picks each answer's status (default 200). */
export async function startReceiver(respond: (n: number, res: ServerResponse) => number | 'hang' = () => 200) {
	const received: Received[] = [];
	const waiting: Array<{ count: number; resolve: () => void }> = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			const status = respond(received.length, res);
			if (status !== 'hang') res.writeHead(status).end('ok');
			for (const w of waiting.filter((x) => received.length >= x.count)) w.resolve();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	return {
		url,
		received,
		/** Resolves once `count` deliveries have arrived. */
		waitFor: (count: number) =>
			received.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve })),
		stop: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every field of the SDK's ClassifyRun type, to check responses carry all of them. */
export const CLASSIFY_RUN_FIELDS = [
	'object', 'id', 'status', 'output', 'classifier', 'classifierVersion', 'initialOutput', 'reviewedOutput', 'failureReason',
	'failureMessage', 'metadata', 'reviewed', 'edited', 'config', 'file', 'parseRunId', 'dashboardUrl', 'usage', 'createdAt', 'updatedAt',
].sort();
