// (b) The Extend Trigger behind the webhook processor. Main registered the endpoint (automatic
// registration) at WEBHOOK_URL, the lossy proxy in front of the webhook processor, so every event
// reaches n8n twice (the proxy drops n8n's first answer, the emulator redelivers). The seen eventIds
// live in the workflow's static data, which n8n loads from PostgreSQL per request and saves after it.
// - events one at a time: each runs the workflow exactly once (strict);
// - events at the same time (the batch's runs end together): n8n saves static data whole, last
//   writer wins, so concurrent requests lose each other's ids and a later redelivery of a lost id
//   runs again. Checked as at-least-once (1 or 2 executions per event), counted and reported.
// A forged delivery gets 401 and starts nothing.
'use strict';
/** @typedef {import('./types').Context} Context */
/** @typedef {import('./types').Workflow} Workflow */
/** @typedef {import('../emulator').DeliveryRecord} DeliveryRecord */
const { expect } = require('../e2e/checks');
const { postJson } = require('./clients');
const { webhookUrl } = require('./batchChecks');
const { executionsOf, staticDataOf, waitForExecutions, firstItem } = require('./executions');

const TRIGGER_NODE = 'Extend Trigger';

/**
 * @param {string} base
 * @param {Workflow} workflow
 */
function triggerUrl(base, workflow) {
	return `${base}/webhook/${/** @type {import('./types').WorkflowNode} */ (workflow.nodes.find((n) => n.name === TRIGGER_NODE)).webhookId}/webhook`;
}

/**
 * eventId -> last delivery, once `count` events have a 2xx last attempt and none is being retried.
 * @param {import('./types').Emulator} emulator
 * @param {string} url
 * @param {number} count
 */
async function settledDeliveries(emulator, url, count, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		/** @type {Record<string, DeliveryRecord>} */
		const last = {};
		for (const d of emulator.stats().deliveries.filter((x) => x.url === url)) last[d.eventId] = d;
		const done = Object.values(last).filter((d) => d.status !== null && d.status >= 200 && d.status < 300);
		if (done.length >= count && done.length === Object.keys(last).length) return last;
		if (Date.now() > deadline) throw new Error(`deliveries not settled: ${JSON.stringify(Object.values(last).filter((d) => !done.includes(d))).slice(0, 300)}`);
		await new Promise((r) => setTimeout(r, 300));
	}
}

/**
 * Executions of the trigger workflow per eventId.
 * @param {Context} ctx
 * @param {Workflow} workflow
 * @param {number} count
 */
async function executionsPerEvent(ctx, workflow, count) {
	const executions = await waitForExecutions(ctx.n8n, ctx.pg, workflow.id, count, 60000);
	/** @type {Record<string, import('./types').Execution[]>} */
	const perEvent = {};
	for (const e of executions) {
		const id = firstItem(e, TRIGGER_NODE)?.eventId;
		(perEvent[id] ??= []).push(e);
	}
	return { executions, perEvent };
}

/**
 * @param {import('./types').Postgres} pg
 * @param {Workflow} workflow
 */
async function seenInStaticData(pg, workflow) {
	const node = (await staticDataOf(pg, workflow.id))?.[`node:${TRIGGER_NODE}`];
	/** @type {Set<string>} */
	const seen = new Set((node?.seenEvents ?? []).map((/** @type {{ id: string }} */ e) => e.id));
	return { node, seen };
}

/**
 * @param {import('./types').Checks} checks
 * @param {Context & { classifyWorkflow: Workflow, batchSize: number }} ctx
 */
async function checkTrigger(checks, ctx) {
	const { emulator, proxy, cluster, workflow, batchSize } = ctx;
	const url = triggerUrl(proxy.url, workflow);
	/** @type {string[]} */
	let batchEvents = [];

	await checks.check('automatic registration on main: Extend delivers to WEBHOOK_URL (proxy → webhook processor)', async () => {
		const last = await settledDeliveries(emulator, url, batchSize);
		batchEvents = Object.keys(last);
		const redelivered = batchEvents.filter((id) => proxy.forwarded.filter((f) => f.eventId === id).length >= 2);
		expect(redelivered.length === batchEvents.length, `${redelivered.length}/${batchEvents.length} events reached n8n twice`);
		return `${url}: ${batchEvents.length} events, each delivered twice`;
	});

	await checks.check('concurrent events (the batch): each executed at least once, at most twice', async () => {
		const { perEvent } = await executionsPerEvent(ctx, workflow, batchEvents.length);
		const counts = batchEvents.map((id) => (perEvent[id] ?? []).length);
		expect(counts.every((n) => n === 1 || n === 2), `executions per event: ${JSON.stringify(counts)}`);
		const { seen } = await seenInStaticData(ctx.pg, workflow);
		const twice = counts.filter((n) => n === 2).length;
		ctx.findings.concurrentRedeliveriesRerun = `${twice}/${batchEvents.length}`;
		return `${twice} of ${batchEvents.length} redeliveries ran again (ids lost by concurrent static-data saves); ${batchEvents.filter((id) => !seen.has(id)).length} ids missing from static data now`;
	});

	await checks.check('events one at a time: each executed exactly once, redelivery answered "already received"', async () => {
		/** @type {string[]} */
		const events = [];
		for (let i = 0; i < 4; i++) {
			const known = new Set(emulator.stats().deliveries.filter((d) => d.url === url).map((d) => d.eventId));
			const sample = `${emulator.baseUrl}/__samples/receipt.txt`;
			const answer = await postJson(webhookUrl(cluster, ctx.classifyWorkflow), { url: sample, metadata: { 'emulator:latencyMs': 300, sequential: i } });
			expect(answer.status === 200, `submit: HTTP ${answer.status}`);
			const last = await settledDeliveries(emulator, url, known.size + 1);
			events.push(...Object.keys(last).filter((id) => !known.has(id)));
		}
		expect(events.length === 4, `${events.length} new events, expected 4`);
		const { perEvent } = await executionsPerEvent(ctx, workflow, 0);
		const counts = events.map((id) => (perEvent[id] ?? []).length);
		expect(counts.every((n) => n === 1), `executions per event: ${JSON.stringify(counts)}`);
		const repeats = proxy.forwarded.filter((f) => f.eventId !== undefined && events.includes(f.eventId) && f.attempt > 1);
		const ignored = repeats.filter((f) => f.status === 200 && /already received/i.test(f.body));
		expect(repeats.length >= 4 && ignored.length === repeats.length, `redeliveries answered: ${JSON.stringify(repeats).slice(0, 300)}`);
		const { node, seen } = await seenInStaticData(ctx.pg, workflow);
		expect(events.every((id) => seen.has(id)), `ids missing from static data in PostgreSQL: ${JSON.stringify(node).slice(0, 300)}`);
		const webhookLog = cluster.webhook.log();
		const viaWebhook = events.flatMap((id) => perEvent[id]).filter((e) => webhookLog.includes(`Enqueued execution ${e.id} `));
		expect(viaWebhook.length === events.length, `${viaWebhook.length}/${events.length} executions enqueued by the webhook processor`);
		return `4 events × 1 execution, ${ignored.length} redeliveries ignored, ids in static data (PostgreSQL), enqueued by the webhook processor`;
	});

	await checks.check('forged delivery to the webhook processor → 401, no execution', async () => {
		const before = (await executionsOf(ctx.n8n, ctx.pg, workflow.id)).length;
		const body = { eventId: 'evt_forged_queue', eventType: 'classify_run.processed', payload: { object: 'classify_run', id: 'clr_forged', status: 'PROCESSED' } };
		const headers = { 'x-extend-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-extend-request-signature': 'ab'.repeat(32) };
		const answer = await postJson(triggerUrl(cluster.webhook.url, workflow), body, headers);
		expect(answer.status === 401, `HTTP ${answer.status}: ${answer.text}`);
		await new Promise((r) => setTimeout(r, 2000));
		const after = (await executionsOf(ctx.n8n, ctx.pg, workflow.id)).length;
		expect(after === before, `executions went from ${before} to ${after}`);
		return `401 ${answer.text}`;
	});
}

module.exports = { checkTrigger };
