// (a) A batch of Classify File executions, started through the webhook processor, runs on both
// workers: every execution succeeds with the right class, and each worker logged some of them.
'use strict';
const { expect } = require('../e2e/checks');
const { postJson } = require('./clients');
const { waitForExecutions, firstItem, executionWorkers } = require('./executions');

/** @type {Record<string, string>} */
const SAMPLES = { 'invoice.pdf': 'invoice', 'contract.pdf': 'contract', 'receipt.txt': 'receipt', 'resume.txt': 'resume' };

/**
 * The production URL of a workflow's Webhook node on the webhook processor.
 * @param {import('./types').Cluster} cluster
 * @param {import('./types').Workflow} workflow
 */
function webhookUrl(cluster, workflow) {
	const { path } = /** @type {import('./types').WorkflowNode} */ (workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')).parameters;
	return `${cluster.webhook.url}/webhook/${path}`;
}

/**
 * @param {import('./types').Checks} checks
 * @param {import('./types').Context & { size: number }} ctx
 */
async function checkBatch(checks, { n8n, pg, cluster, emulator, workflow, size }) {
	const names = Object.keys(SAMPLES);
	const inputs = Array.from({ length: size }, (_, i) => names[i % names.length]);
	const url = webhookUrl(cluster, workflow);

	await checks.check(`${size} webhook requests to the webhook processor are accepted`, async () => {
		const answers = await Promise.all(inputs.map((name, i) => postJson(url, { url: `${emulator.baseUrl}/__samples/${name}`, metadata: { batch: i } })));
		const bad = answers.filter((a) => a.status !== 200);
		expect(!bad.length, `${bad.length} rejected: ${JSON.stringify(bad[0])}`);
	});

	/** @type {string[]} */
	let batchIds = [];
	await checks.check('every execution succeeded on a worker with the expected class', async () => {
		const executions = await waitForExecutions(n8n, pg, workflow.id, size);
		batchIds = executions.map((e) => e.id);
		expect(executions.length === size, `${executions.length} executions, expected ${size}`);
		const wrong = executions.filter((e) => {
			const json = firstItem(e, 'Classify File');
			return e.status !== 'success' || !json || json.output?.type !== SAMPLES[inputs[json.metadata?.batch]];
		});
		expect(!wrong.length, `${wrong.length} wrong, e.g. ${String(JSON.stringify(wrong[0])).slice(0, 400)}`);
		return `${size} × success`;
	});

	await checks.check('both workers executed some of the batch (worker logs)', async () => {
		const byWorker = executionWorkers(cluster.workers);
		const workerOf = batchIds.map((id) => byWorker[id]);
		const counts = Object.fromEntries(cluster.workers.map((w) => [w.name, workerOf.filter((n) => n === w.name).length]));
		expect(Object.values(counts).every((c) => c > 0), `executions per worker: ${JSON.stringify(counts)}`);
		expect(workerOf.every(Boolean), `${workerOf.filter((n) => !n).length} batch executions in no worker's log`);
		return JSON.stringify(counts);
	});

	await checks.check('one Extend run per submission (emulator runsPerInput)', () => {
		const duplicated = Object.values(emulator.stats().runsPerInput).filter((n) => n !== 1);
		expect(emulator.stats().runsCreated === size, `runsCreated ${emulator.stats().runsCreated}, expected ${size}`);
		expect(!duplicated.length, `${duplicated.length} inputs with more than one run`);
	});
}

module.exports = { checkBatch, webhookUrl };
