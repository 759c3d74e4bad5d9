// Direct calls to the emulator's API (not through the node), for tests to look at what happened.
import { request } from 'undici';

export async function emulatorGet(baseUrl: string, path: string): Promise<any> {
	const res = await request(`${baseUrl}${path}`, {
		headers: { authorization: 'Bearer test-observer', 'x-extend-api-version': '2026-02-09' },
	});
	return await res.body.json();
}

/** Every run of the emulator, newest first (all pages). */
export async function listAllRuns(baseUrl: string): Promise<Array<Record<string, any>>> {
	const runs: Array<Record<string, any>> = [];
	let token = '';
	do {
		const page = await emulatorGet(baseUrl, `/classify_runs?maxPageSize=100&sortBy=createdAt&sortDir=desc${token ? `&nextPageToken=${encodeURIComponent(token)}` : ''}`);
		runs.push(...page.data);
		token = page.nextPageToken ?? '';
	} while (token);
	return runs;
}
