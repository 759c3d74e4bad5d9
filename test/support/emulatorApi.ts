// Direct calls to the emulator's API (not through the node), for tests to arrange what the node
// meets and to look at what happened.
import { request } from 'undici';

import { EXTEND_API_VERSION } from '../../nodes/Extend/transport/apiVersion';
import { API_KEY } from './extendNode';

export interface EmulatorAnswer {
	status: number;
	json: any;
}

/** One request with the tests' key (the emulator takes any key unless it was started with one);
 * `body` is sent as JSON. The emulator answers JSON. */
export async function callEmulator(baseUrl: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<EmulatorAnswer> {
	const res = await request(`${baseUrl}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${API_KEY}`,
			'x-extend-api-version': EXTEND_API_VERSION,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.statusCode, json: await res.body.json() };
}

/** Every run of the emulator, newest first (all pages). */
export async function listAllRuns(baseUrl: string): Promise<Array<Record<string, any>>> {
	const runs: Array<Record<string, any>> = [];
	let token = '';
	do {
		const { json: page } = await callEmulator(baseUrl, 'GET', `/classify_runs?maxPageSize=100&sortBy=createdAt&sortDir=desc${token ? `&nextPageToken=${encodeURIComponent(token)}` : ''}`);
		runs.push(...page.data);
		token = page.nextPageToken ?? '';
	} while (token);
	return runs;
}
