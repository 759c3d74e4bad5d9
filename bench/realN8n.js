// `npm run bench:n8n`: the package inside a real n8n (2.8.4 by default, N8N_VERSION to change).
// 4. Overhead: the same synchronous classify of 200 items by the Extend node and by n8n's HTTP
//    Request node calling the emulator directly, in one workflow run; ratio of the nodes' times.
// 5. Trigger: signed webhooks per second a running n8n accepts and turns into executions.
'use strict';
const path = require('node:path');
const { createHmac } = require('node:crypto');
const { request } = require('undici');
const { CREDENTIAL, extendApiVersion } = require('../scripts/n8n/backend');
const { setUp, runFailure } = require('../scripts/n8n/setup');
/** @type {typeof import('./report')} bench/report.ts as `npm run build:tools` compiled it */
const { printTable, writeResults } = require(path.join(__dirname, '..', 'build', 'tools', 'bench', 'report'));
/** @typedef {import('./report').Figure} Figure */
/** @typedef {import('../scripts/n8n/n8n').N8n} N8n */
/** @typedef {import('../scripts/n8n/types').Workflow} Workflow */

const ITEMS = 200;
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS || 1000);
const CONCURRENT_POSTS = 20;
const SECRET = 'wss_bench_secret_0123456789';
const CLASSIFICATIONS = [
	{ id: 'invoice', type: 'invoice', description: 'A bill asking for payment: invoice number, amount due' },
	{ id: 'other', type: 'other', description: 'Anything else' },
];

/**
 * @param {string} name
 * @param {string} type
 * @param {number} x
 * @param {import('../scripts/n8n/types').Json} parameters
 * @returns {import('../scripts/n8n/types').WorkflowNode}
 */
const node = (name, type, x, parameters, extra = {}) => ({ id: `bench-${name.replace(/\W/g, '')}`, name, type, typeVersion: 1, position: [x, 0], parameters, ...extra });

/**
 * @param {string} baseUrl
 * @param {string} apiKey
 * @returns {Workflow}
 */
function overheadWorkflow(baseUrl, apiKey) {
	const extend = (/** @type {string} */ name, /** @type {number} */ concurrency) =>
		node(name, 'n8n-nodes-extend.extend', 440, {
			resource: 'document', operation: 'classify', mode: 'sync', documentSource: 'text', text: '={{ $json.text }}',
			classifierSource: 'inline', classifications: { values: CLASSIFICATIONS }, addOtherClassification: true,
			options: { concurrency, addCorrelation: false },
		}, { credentials: { extendApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } } });
	const http = node('HTTP Request', 'n8n-nodes-base.httpRequest', 440, {
		method: 'POST', url: `${baseUrl}/classify`, sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${apiKey}` }, { name: 'x-extend-api-version', value: extendApiVersion() }] },
		sendBody: true, specifyBody: 'json',
		jsonBody: `={{ JSON.stringify({ file: { text: $json.text }, config: { classifications: ${JSON.stringify(CLASSIFICATIONS)} } }) }}`,
		options: {},
	}, { typeVersion: 4.2 });
	return {
		id: 'benchOverhead001', name: 'Bench: overhead', active: false, settings: { executionOrder: 'v1' }, pinData: {},
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
			node('Items', 'n8n-nodes-base.code', 220, { jsCode: `return Array.from({ length: ${ITEMS} }, (_, n) => ({ json: { text: 'INVOICE ' + n + ': amount due 10 EUR' } }));` }, { typeVersion: 2 }),
			extend('Extend (concurrency 10)', 10),
			extend('Extend (concurrency 1)', 1),
			extend('Extend (concurrency 100)', 100),
			http,
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[
				{ node: 'Extend (concurrency 10)', type: 'main', index: 0 },
				{ node: 'Extend (concurrency 1)', type: 'main', index: 0 },
				{ node: 'Extend (concurrency 100)', type: 'main', index: 0 },
				{ node: 'HTTP Request', type: 'main', index: 0 },
			]] },
		},
	};
}

/** @returns {Workflow} */
function triggerWorkflow() {
	return {
		id: 'benchTrigger0001', name: 'Bench: trigger', active: false, settings: { executionOrder: 'v1' }, pinData: {},
		nodes: [
			node('Extend Trigger', 'n8n-nodes-extend.extendTrigger', 0, { registration: 'manual', signingSecret: SECRET, events: ['classify_run.processed'], options: {} }, { webhookId: 'bench0000-0000-4000-8000-00000000b001' }),
			node('Received', 'n8n-nodes-base.noOp', 220, {}),
		],
		connections: { 'Extend Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	};
}

/** n8n's own Webhook node under the same load: what n8n itself costs per webhook. */
/** @returns {Workflow} */
function baselineWorkflow() {
	return {
		id: 'benchBaseline001', name: 'Bench: n8n Webhook baseline', active: false, settings: { executionOrder: 'v1' }, pinData: {},
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', 0, { httpMethod: 'POST', path: 'bench-baseline', responseMode: 'onReceived', options: {} }, { typeVersion: 2, webhookId: 'bench0000-0000-4000-8000-00000000b002' }),
			node('Received', 'n8n-nodes-base.noOp', 220, {}),
		],
		connections: { Webhook: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	};
}

/**
 * @param {import('../scripts/n8n/types').Run} run
 * @param {string} name
 * @returns {number}
 */
function nodeMs(run, name) {
	const task = run.data.resultData.runData[name]?.[0];
	if (!task || task.error) throw new Error(`${name} failed: ${task?.error?.message}`);
	if (task.data.main[0].length !== ITEMS) throw new Error(`${name} returned ${task.data.main[0].length} items`);
	return task.executionTime;
}

/**
 * @param {N8n} n8n
 * @param {import('../scripts/n8n/types').Backend} backend
 * @param {Workflow} workflow
 * @returns {Promise<Figure[]>}
 */
async function benchOverhead(n8n, backend, workflow) {
	const { run } = await n8n.execute(workflow.id);
	const failure = runFailure(run);
	if (failure) throw new Error(failure);
	const ours = nodeMs(run, 'Extend (concurrency 10)');
	const oursSequential = nodeMs(run, 'Extend (concurrency 1)');
	const oursWide = nodeMs(run, 'Extend (concurrency 100)');
	const theirs = nodeMs(run, 'HTTP Request');
	// n8n's HTTP Request node sends all items at once; the Extend node bounds concurrency
	// (default 10, Extend's default rate limit), so the like-for-like figure is at 100.
	return [
		{ name: 'items', value: ITEMS },
		{ name: 'extendNodeMs', value: ours, unit: 'ms' },
		{ name: 'extendNodeSequentialMs', value: oursSequential, unit: 'ms' },
		{ name: 'httpRequestNodeMs', value: theirs, unit: 'ms' },
		{ name: 'extendNodeConcurrency100Ms', value: oursWide, unit: 'ms' },
		{ name: 'ratioAtConcurrency100', value: oursWide / theirs, goal: '≤ 1.0', met: oursWide / theirs <= 1 },
		{ name: 'ratioAtDefaultConcurrency10', value: ours / theirs },
		{ name: 'ratioSequential', value: oursSequential / theirs },
	];
}

/**
 * Sends WEBHOOKS signed deliveries to `url`; figures for acceptance and recorded executions.
 * @param {N8n} n8n
 * @param {string} workflowId
 * @param {string} url
 * @param {string} label
 * @returns {Promise<Figure[]>}
 */
async function hammer(n8n, workflowId, url, label) {
	const post = async (/** @type {number} */ n) => {
		const body = JSON.stringify({ eventId: `evt_bench_${n}`, eventType: 'classify_run.processed', payload: { object: 'classify_run', id: `clr_bench_${n}`, status: 'PROCESSED', output: { id: 'invoice', type: 'invoice', confidence: 0.9, insights: [] }, metadata: null } });
		const ts = String(Math.floor(Date.now() / 1000));
		const signature = createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex');
		const res = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-extend-request-timestamp': ts, 'x-extend-request-signature': signature } });
		await res.body.text();
		return res.statusCode;
	};
	// Warm-up until the webhook is registered (404 while n8n activates).
	for (let i = 0; i < 120 && (await post(-1 - i)) === 404; i++) await new Promise((r) => setTimeout(r, 500));
	const warm = (await n8n.executions(workflowId)).length;
	const started = Date.now();
	let next = 0;
	let ok = 0;
	const worker = async () => {
		while (next < WEBHOOKS) if ((await post(next++)) === 200) ok++;
	};
	await Promise.all(Array.from({ length: CONCURRENT_POSTS }, worker));
	const acceptedMs = Date.now() - started;
	let executions = 0;
	const deadline = Date.now() + 300000;
	while (Date.now() < deadline) {
		executions = (await n8n.executions(workflowId)).filter((e) => e.status === 'success').length - warm;
		if (executions >= WEBHOOKS) break;
		await new Promise((r) => setTimeout(r, 1000));
	}
	const executedMs = Date.now() - started;
	const goal = label === 'extendTrigger';
	return [
		{ name: `${label}.accepted200`, value: ok },
		{ name: `${label}.acceptedPerSecond`, value: ok / (acceptedMs / 1000), unit: '/s', goal: goal ? '≥ 100' : undefined, met: goal ? ok / (acceptedMs / 1000) >= 100 : undefined },
		{ name: `${label}.executionsRecorded`, value: executions, goal: `= ${WEBHOOKS} (none lost)`, met: executions === WEBHOOKS },
		{ name: `${label}.executedPerSecond`, value: executions / (executedMs / 1000), unit: '/s' },
	];
}

/**
 * @param {N8n} n8n
 * @param {Workflow} workflow
 * @param {Workflow} baseline
 * @returns {Promise<Figure[]>}
 */
async function benchTrigger(n8n, workflow, baseline) {
	const server = await n8n.start();
	try {
		return [
			{ name: 'webhooks', value: WEBHOOKS },
			...(await hammer(n8n, workflow.id, `${n8n.url}/webhook/${workflow.nodes[0].webhookId}/webhook`, 'extendTrigger')),
			...(await hammer(n8n, baseline.id, `${n8n.url}/webhook/bench-baseline`, 'n8nWebhookNode')),
		];
	} finally {
		await server.stop();
	}
}

async function main() {
	const version = process.env.N8N_VERSION || '2.8.4';
	const { n8n, backend } = await setUp({ version, name: 'bench', port: Number(process.env.N8N_PORT || 5720), latencyMs: 50, emulatorOnly: true });
	try {
		const overhead = overheadWorkflow(/** @type {string} */ (backend.baseUrl), backend.credential.data.apiKey);
		const trigger = triggerWorkflow();
		const baseline = baselineWorkflow();
		await n8n.importWorkflows([overhead, trigger, baseline]);
		await n8n.publish(trigger.id);
		await n8n.publish(baseline.id);
		/** @type {Record<string, Figure[]>} */
		const results = { n8nOverhead: await benchOverhead(n8n, backend, overhead) };
		printTable(`overhead in real n8n ${version} (emulator latency 50 ms)`, results.n8nOverhead);
		results.n8nTrigger = await benchTrigger(n8n, trigger, baseline);
		printTable(`Extend Trigger in real n8n ${version}`, results.n8nTrigger);
		writeResults(path.join(__dirname, 'results.n8n.json'), { version, items: ITEMS, webhooks: WEBHOOKS, concurrentPosts: CONCURRENT_POSTS, emulatorLatencyMs: 50 }, results);
	} finally {
		await backend.stop();
	}
}

main().then(() => process.exit(0), (error) => {
	console.error(error.stack);
	process.exit(1);
});
