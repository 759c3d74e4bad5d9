// The Extend Trigger in a running n8n: published workflows register their production URL with the
// emulator on start-up; a run submitted by the submit-only example comes back as a signed webhook
// and is recorded as an execution with the mapped run; a forged delivery gets 401 and no execution;
// a delivery whose answer is lost, its redelivery and a replay of it run the workflow once, and the
// event id is in the workflow's static data in n8n's database, so a replay after a restart (nothing
// in memory) is refused too.
'use strict';
/** @typedef {import('../../scripts/n8n/n8n').N8n} N8n */
/** @typedef {import('../../scripts/n8n/types').Execution} Execution */
/** @typedef {import('../../scripts/n8n/types').Workflow} Workflow */
const { createHmac } = require('node:crypto');
const net = require('node:net');
const { request } = require('undici');
const { extendApiVersion } = require('../../scripts/n8n/backend');
const { expect } = require('./checks');

/**
 * @param {import('../../scripts/n8n/types').Backend} backend
 * @param {string} path
 * @returns {Promise<any>}
 */
async function extendGet(backend, path) {
	const res = await request(`${backend.baseUrl}${path}`, {
		headers: { authorization: `Bearer ${backend.credential.data.apiKey}`, 'x-extend-api-version': extendApiVersion() },
	});
	const body = await res.body.json();
	expect(res.statusCode === 200, `GET ${path}: HTTP ${res.statusCode} ${JSON.stringify(body)}`);
	return body;
}

/**
 * Executions of a workflow once there are at least `count` finished ones (polls n8n's DB).
 * @param {N8n} n8n
 * @param {string} workflowId
 * @param {number} count
 */
async function waitForExecutions(n8n, workflowId, count, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = (await n8n.executions(workflowId)).filter((e) => e.finished || e.status !== 'running');
		if (executions.length >= count || Date.now() > deadline) return executions;
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/**
 * Headers Extend would send for this body, signed now.
 * @param {string} secret
 * @param {string} body
 */
function signed(secret, body) {
	const timestamp = String(Math.floor(Date.now() / 1000));
	const signature = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex');
	return { 'content-type': 'application/json', 'x-extend-request-timestamp': timestamp, 'x-extend-request-signature': signature };
}

/**
 * POSTs and hangs up as soon as the request is out: n8n's answer is lost on the way back.
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {string} body
 */
async function postAndHangUp(url, headers, body) {
	const { hostname, port, pathname } = new URL(url);
	const lines = [`POST ${pathname} HTTP/1.1`, `host: ${hostname}:${port}`, `content-length: ${Buffer.byteLength(body)}`, 'connection: close'];
	for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
	/** @type {Promise<void>} */
	const sent = new Promise((resolve, reject) => {
		const socket = net.connect(Number(port), hostname, () => socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`, () => setTimeout(() => (socket.destroy(), resolve()), 50)));
		socket.on('error', reject);
	});
	await sent;
}

/**
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {string} body
 */
async function postJson(url, headers, body) {
	const res = await request(url, { method: 'POST', headers, body });
	return `${res.statusCode} ${await res.body.text()}`;
}

/**
 * @param {N8n} n8n
 * @param {string} workflowId
 * @returns {Promise<string[]>}
 */
async function seenIds(n8n, workflowId) {
	const data = await n8n.staticData(workflowId);
	return (data?.['node:Extend Trigger']?.seenEvents ?? []).map((/** @type {{ id: string }} */ entry) => entry.id);
}

/** @param {Execution} execution */
function triggerItem(execution) {
	return execution.runData?.['Extend Trigger']?.[0]?.data?.main?.[0]?.[0]?.json;
}

/** trigger, exampleTrigger: workflows already published; submit: the submit-only example;
 * onServer(pid): called before the server stops (to measure it).
 * @param {import('./checks').Checks} checks
 * @param {{ n8n: N8n, backend: import('../../scripts/n8n/types').Backend, trigger: Workflow, exampleTrigger: Workflow, submit: Workflow, onServer?: (pid: number) => void }} context
 */
async function checkTrigger(checks, { n8n, backend, trigger, exampleTrigger, submit, onServer }) {
	const hookUrl = (/** @type {Workflow} */ workflow) => `${n8n.url}/webhook/${/** @type {import('../../scripts/n8n/types').WorkflowNode} */ (workflow.nodes.find((n) => n.type.endsWith('.extendTrigger'))).webhookId}/webhook`;
	const url = hookUrl(trigger);
	let server = await n8n.start();
	checks.record(`n8n start ready (published workflows active)`, true, `${server.startSeconds} s`);
	try {
		await checks.check('automatic registration: an Extend webhook endpoint points at the production URL', async () => {
			/** @type {{ data: { id: string, url: string, enabledEvents: string[] }[] }} */
			const { data } = await extendGet(backend, '/webhook_endpoints');
			const endpoint = data.find((e) => e.url === url);
			expect(endpoint, `no endpoint for ${url}; endpoints: ${JSON.stringify(data.map((e) => e.url))}`);
			expect(data.some((e) => e.url === hookUrl(exampleTrigger)), 'the example trigger registered no endpoint');
			return `${endpoint.id} [${endpoint.enabledEvents.join(', ')}]`;
		});

		/** @type {string | undefined} */
		let runId;
		await checks.check('submit-only example (n8n execute beside the server) starts a run', async () => {
			const { run } = await n8n.execute(submit.id, { brokerPort: n8n.port + 2 });
			const json = run.data?.resultData?.runData?.['Submit for Classification']?.[0]?.data?.main?.[0]?.[0]?.json;
			expect(run.status === 'success' && json?.runId, `no run id: ${run.status} ${JSON.stringify(json)}`);
			runId = json.runId;
			return `${runId} ${json.status}`;
		});

		await checks.check('signed webhook → execution recorded with the mapped run', async () => {
			expect(runId, 'no run was submitted');
			const [execution] = await waitForExecutions(n8n, trigger.id, 1);
			expect(execution, 'no execution of the trigger workflow within 60 s');
			const json = triggerItem(execution);
			expect(execution.status === 'success', `execution ${execution.id} status ${execution.status}`);
			expect(json?.id === runId, `execution carries run ${json?.id}, expected ${runId}`);
			const mapped = json.eventType === 'classify_run.processed' && json.status === 'PROCESSED' && json.output?.type === 'invoice';
			expect(mapped, `unexpected run: ${JSON.stringify(json).slice(0, 400)}`);
			expect(nonEmpty(execution.runData?.Received), 'the node after the trigger did not run');
			return `execution ${execution.id} (${execution.mode}): ${json.eventId} ${json.output.type}`;
		});

		await checks.check('example trigger workflow routes the delivered run', async () => {
			const [execution] = await waitForExecutions(n8n, exampleTrigger.id, 1);
			expect(execution?.status === 'success', `no successful execution: ${JSON.stringify(execution)?.slice(0, 200)}`);
			expect(nonEmpty(execution.runData?.Invoices), 'the invoice did not reach "Invoices"');
			return `execution ${execution.id}`;
		});

		await checks.check('forged delivery → 401, no execution', async () => {
			const before = (await n8n.executions(trigger.id)).length;
			const payload = { object: 'classify_run', id: 'clr_forged', status: 'PROCESSED' };
			const body = JSON.stringify({ eventId: 'evt_forged', eventType: 'classify_run.processed', payload });
			const headers = {
				'content-type': 'application/json',
				'x-extend-request-timestamp': String(Math.floor(Date.now() / 1000)),
				'x-extend-request-signature': 'ab'.repeat(32),
			};
			const res = await request(url, { method: 'POST', headers, body });
			const text = await res.body.text();
			expect(res.statusCode === 401, `HTTP ${res.statusCode}: ${text}`);
			await new Promise((r) => setTimeout(r, 2000));
			const after = (await n8n.executions(trigger.id)).length;
			expect(after === before, `executions went from ${before} to ${after}`);
			return `401 ${text}`;
		});

		await checks.check('lost answer, redelivery, replay, replay after a restart → one execution; the id is in the database', async () => {
			const secret = (await n8n.staticData(trigger.id))?.['node:Extend Trigger']?.signingSecret;
			expect(typeof secret === 'string', 'no signing secret in the workflow static data');
			const before = (await n8n.executions(trigger.id)).length;
			const eventId = `evt_e2e_replay_${Date.now()}`;
			const payload = { object: 'classify_run', id: 'clr_e2e_replay', status: 'PROCESSED', output: { id: 'invoice', type: 'invoice', confidence: 0.9 } };
			const body = JSON.stringify({ eventId, eventType: 'classify_run.processed', payload });
			const captured = signed(secret, body);
			await postAndHangUp(url, captured, body);
			const runs = await waitForExecutions(n8n, trigger.id, before + 1, 30000);
			expect(runs.length === before + 1, `the first delivery recorded ${runs.length - before} executions`);
			/** @type {string[]} */
			let ids = [];
			for (let i = 0; i < 20 && !ids.includes(eventId); i++) {
				ids = await seenIds(n8n, trigger.id);
				if (!ids.includes(eventId)) await new Promise((r) => setTimeout(r, 500));
			}
			expect(ids.includes(eventId), `${eventId} is not in the saved static data (seenEvents: ${JSON.stringify(ids)})`);
			const answers = [await postJson(url, signed(secret, body), body), await postJson(url, captured, body)];
			await server.stop();
			server = await n8n.start();
			answers.push(await postJson(url, captured, body));
			for (const answer of answers) expect(/^200 .*already received/.test(answer), `expected "already received", got ${answers.join(' | ')}`);
			await new Promise((r) => setTimeout(r, 2000));
			const after = (await n8n.executions(trigger.id)).length;
			expect(after === before + 1, `executions went from ${before} to ${after}`);
			return `1 execution; redelivery, replay, replay after restart: ${answers.map((a) => a.slice(0, 3)).join(', ')}`;
		});
	} finally {
		onServer?.(server.pid);
		await server.stop();
	}
}

/** @param {any[] | undefined} runs a node's runs in an execution's run data */
function nonEmpty(runs) {
	return Boolean(runs?.[0]?.data?.main?.[0]?.length);
}

module.exports = { checkTrigger };
