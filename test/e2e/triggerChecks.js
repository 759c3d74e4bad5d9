// The Extend Trigger in a running n8n: published workflows register their production URL with the
// emulator on start-up; a run submitted by the submit-only example comes back as a signed webhook
// and is recorded as an execution with the mapped run; a forged delivery gets 401 and no execution.
'use strict';
const { request } = require('undici');
const { API_VERSION } = require('../../scripts/n8n/backend');
const { expect } = require('./checks');

async function extendGet(backend, path) {
	const res = await request(`${backend.baseUrl}${path}`, {
		headers: { authorization: `Bearer ${backend.credential.data.apiKey}`, 'x-extend-api-version': API_VERSION },
	});
	const body = await res.body.json();
	expect(res.statusCode === 200, `GET ${path}: HTTP ${res.statusCode} ${JSON.stringify(body)}`);
	return body;
}

/** Executions of a workflow once there are at least `count` finished ones (polls n8n's DB). */
async function waitForExecutions(n8n, workflowId, count, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = (await n8n.executions(workflowId)).filter((e) => e.finished || e.status !== 'running');
		if (executions.length >= count || Date.now() > deadline) return executions;
		await new Promise((r) => setTimeout(r, 1000));
	}
}

function triggerItem(execution) {
	return execution.runData?.['Extend Trigger']?.[0]?.data?.main?.[0]?.[0]?.json;
}

/** trigger, exampleTrigger: workflows already published; submit: the submit-only example;
 * onServer(pid): called before the server stops (to measure it). */
async function checkTrigger(checks, { n8n, backend, trigger, exampleTrigger, submit, onServer }) {
	const hookUrl = (workflow) => `${n8n.url}/webhook/${workflow.nodes.find((n) => n.type.endsWith('.extendTrigger')).webhookId}/webhook`;
	const url = hookUrl(trigger);
	const server = await n8n.start();
	checks.record(`n8n start ready (published workflows active)`, true, `${server.startSeconds} s`);
	try {
		await checks.check('automatic registration: an Extend webhook endpoint points at the production URL', async () => {
			const { data } = await extendGet(backend, '/webhook_endpoints');
			const endpoint = data.find((e) => e.url === url);
			expect(endpoint, `no endpoint for ${url}; endpoints: ${JSON.stringify(data.map((e) => e.url))}`);
			expect(data.some((e) => e.url === hookUrl(exampleTrigger)), 'the example trigger registered no endpoint');
			return `${endpoint.id} [${endpoint.enabledEvents.join(', ')}]`;
		});

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
	} finally {
		onServer?.(server.pid);
		await server.stop();
	}
}

function nonEmpty(runs) {
	return Boolean(runs?.[0]?.data?.main?.[0]?.length);
}

module.exports = { checkTrigger };
