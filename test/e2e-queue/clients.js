// Small HTTP clients the queue suite needs: n8n's REST API as the owner (to stop an execution the
// way the editor does) and Extend's run list (the emulator's view of what was submitted).
'use strict';
/** @typedef {import('./types').Session} Session */
const { request } = require('undici');
const { setUpOwner } = require('../../scripts/n8n/owner');
const { extendApiVersion } = require('../../scripts/n8n/backend');

// n8n binds its auth cookie to this header; every call of one session must send the same value.
const BROWSER_ID = 'queue-e2e';

/**
 * Creates the owner on a fresh n8n and signs in; returns the cookie header for later calls.
 * @param {string} mainUrl
 * @returns {Promise<Session>}
 */
async function ownerSession(mainUrl) {
	const owner = await setUpOwner(mainUrl);
	const res = await request(`${mainUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	const text = await res.body.text();
	if (res.statusCode !== 200) throw new Error(`login failed: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
	const cookies = /** @type {string[]} */ ([]).concat(res.headers['set-cookie'] || []);
	const auth = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	if (!auth) throw new Error('login set no n8n-auth cookie');
	return { mainUrl, cookie: auth };
}

/**
 * POST /rest/executions/:id/stop, what the editor's Stop button calls.
 * @param {Session} session
 * @param {string} executionId
 */
async function stopExecution(session, executionId) {
	const res = await request(`${session.mainUrl}/rest/executions/${executionId}/stop`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: session.cookie, 'browser-id': BROWSER_ID },
		body: '{}',
	});
	const text = await res.body.text();
	if (res.statusCode !== 200) throw new Error(`stop ${executionId}: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
	return JSON.parse(text);
}

/**
 * Every classify run on the emulator (all pages), newest first.
 * @param {import('./types').Emulator} emulator
 * @param {string} apiKey
 * @returns {Promise<import('./types').Json[]>}
 */
async function listRuns(emulator, apiKey) {
	const runs = [];
	/** @type {string | undefined} */
	let token;
	do {
		/** @type {string} */
		const query = `maxPageSize=100${token ? `&nextPageToken=${encodeURIComponent(token)}` : ''}`;
		const res = await request(`${emulator.baseUrl}/classify_runs?${query}`, {
			headers: { authorization: `Bearer ${apiKey}`, 'x-extend-api-version': extendApiVersion() },
		});
		const page = /** @type {{ data: import('./types').Json[], nextPageToken?: string }} */ (await res.body.json());
		if (res.statusCode !== 200) throw new Error(`GET /classify_runs: HTTP ${res.statusCode} ${JSON.stringify(page)}`);
		runs.push(...page.data);
		token = page.nextPageToken;
	} while (token);
	return runs;
}

/**
 * POSTs JSON to a URL; returns { status, text }.
 * @param {string} url
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
async function postJson(url, body, headers = {}) {
	const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
	return { status: res.statusCode, text: await res.body.text() };
}

module.exports = { ownerSession, stopExecution, listRuns, postJson };
