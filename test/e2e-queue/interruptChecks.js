// (c) Stopping an execution while Classify File waits on a worker, through main's REST API (what
// the editor's Stop button calls). n8n 2.8.4 can only reach the worker for executions main enqueued
// itself (it sends the job an abort message); for one the webhook processor enqueued it only marks
// the database row canceled. Both are exercised: the first must end the worker's execution and
// cancel the Extend run ("Cancel Run When Execution Stops"); the second is reported as observed.
// (d) SIGKILL of the worker holding a waiting execution: what n8n makes of it, and that Extend got
// no second run for it (nothing re-ran the node).
'use strict';
/** @typedef {import('./types').Context} Context */
/** @typedef {import('./types').Execution} Execution */
/** @typedef {import('./types').Role} Role */
const { expect } = require('../e2e/checks');
const { postJson, stopExecution, listRuns } = require('./clients');
const { executionsOf, executionWorkers } = require('./executions');

const LONG_RUN_MS = 60000;

/**
 * @template T
 * @param {string} what
 * @param {() => T | Promise<T>} fn returns something truthy when done
 * @param {number} timeoutMs
 * @returns {Promise<Exclude<T, false | 0 | "" | null | undefined>>}
 */
async function poll(what, fn, timeoutMs, everyMs = 500) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value) return /** @type {Exclude<T, false | 0 | "" | null | undefined>} */ (value);
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

/** Starts an execution through `process` (main or webhook) whose Extend run takes latencyMs;
 * resolves once it waits on a worker.
 * @param {Context} ctx
 * @param {{ tag: string, process: Role, latencyMs?: number }} options
 */
async function startLongExecution(ctx, { tag, process, latencyMs = LONG_RUN_MS }) {
	const { cluster, emulator, apiKey, workflow } = ctx;
	const path = /** @type {import('./types').WorkflowNode} */ (workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')).parameters.path;
	const body = { url: `${emulator.baseUrl}/__samples/invoice.pdf`, metadata: { 'emulator:latencyMs': latencyMs, test: tag } };
	const answer = await postJson(`${process.url}/webhook/${path}`, body);
	expect(answer.status === 200, `webhook: HTTP ${answer.status} ${answer.text}`);
	const run = await poll(`the Extend run of "${tag}"`, async () => (await listRuns(emulator, apiKey)).find((r) => r.metadata?.test === tag), 30000);
	const executionId = String(run.metadata.n8n.executionId);
	const worker = await poll(`the worker of execution ${executionId}`, () => cluster.workers.find((w) => executionWorkers([w])[executionId]), 10000);
	return { run, executionId, worker };
}

/**
 * @param {Context} ctx
 * @param {string} executionId
 */
async function execution(ctx, executionId) {
	return (await executionsOf(ctx.n8n, ctx.pg, ctx.workflow.id)).find((e) => e.id === executionId);
}

/**
 * @param {Context} ctx
 * @param {string} runId
 */
async function runNow(ctx, runId) {
	return (await listRuns(ctx.emulator, ctx.apiKey)).find((x) => x.id === runId);
}

/**
 * @param {Execution | undefined} e
 * @returns {e is Execution}
 */
const notRunning = (e) => !!e && !['new', 'running'].includes(e.status);

/**
 * Whether the worker's log says it is done with the execution. A run that ends normally logs
 * "Worker finished execution <id> (job …)" (n8n dist/scaling/job-processor.js). A canceled one:
 * n8n 2.8.4 logs that line too; n8n 2.41.1's processJob throws ManualExecutionCancelledError for a
 * canceled run (job-processor.js:290, `run?.status === 'canceled'`), which the worker's queue
 * handler logs as "Worker errored while running execution <id> (job …)"
 * (scaling.service.js:181, reportJobProcessingError). Either line means the worker let go of it.
 * @param {Role} worker
 * @param {string} executionId
 */
function workerEnded(worker, executionId) {
	const text = worker.log();
	return text.includes(`Worker finished execution ${executionId} `) || text.includes(`Worker errored while running execution ${executionId} `);
}

/**
 * @param {import('./types').Checks} checks
 * @param {Context} ctx
 */
async function checkStop(checks, ctx) {
	await checks.check('stop (REST on main) of an execution main enqueued → worker ends it, Extend run cancelled', async () => {
		const { run, executionId, worker } = await startLongExecution(ctx, { tag: 'stop-main', process: ctx.cluster.main });
		const started = Date.now();
		await stopExecution(ctx.session, executionId);
		const ended = await poll('run cancelled on Extend', async () => {
			const r = await runNow(ctx, run.id);
			return r?.status !== 'PROCESSING' && r;
		}, 30000);
		ctx.timings.stopToRunCancelled = Math.round((Date.now() - started) / 100) / 10;
		const finalExecution = await poll('execution ended', async () => notRunning(await execution(ctx, executionId)) && (await execution(ctx, executionId)), 30000);
		expect(ended.status === 'CANCELLED', `run ${run.id} is ${ended.status}`);
		expect(finalExecution.status === 'canceled', `execution ${executionId} ended ${finalExecution.status}`);
		// The worker may log its line after main has marked the execution canceled (seen on 1.123.81).
		const workerDone = await poll(`${worker.name} ending execution ${executionId}`, () => workerEnded(worker, executionId), 15000).catch(() => false);
		expect(workerDone, `${worker.name} did not end execution ${executionId}`);
		return `execution ${executionId} on ${worker.name} canceled; ${run.id} CANCELLED ${ctx.timings.stopToRunCancelled} s after the stop`;
	});

	await checks.check('stop (REST on main) of an execution the webhook processor enqueued: observed', async () => {
		const latencyMs = 15000;
		const { run, executionId, worker } = await startLongExecution(ctx, { tag: 'stop-webhook', process: ctx.cluster.webhook, latencyMs });
		await stopExecution(ctx.session, executionId);
		const right = await execution(ctx, executionId);
		await new Promise((r) => setTimeout(r, 3000));
		const runAfterStop = await runNow(ctx, run.id);
		const ended = await poll('the run ending', async () => {
			const r = await runNow(ctx, run.id);
			return r?.status !== 'PROCESSING' && r;
		}, latencyMs + 30000);
		await poll(`${worker.name} ending the execution`, () => workerEnded(worker, executionId), 30000);
		const last = await execution(ctx, executionId);
		expect(notRunning(last), `execution ${executionId} still ${last?.status}`);
		ctx.findings.stopOfWebhookExecution = `DB status "${right?.status}" at once; run ${runAfterStop?.status} 3 s later, ended ${ended.status}; execution finally "${last.status}"`;
		return ctx.findings.stopOfWebhookExecution;
	});
}

/**
 * @param {import('./types').Checks} checks
 * @param {Context} ctx
 */
async function checkWorkerKill(checks, ctx) {
	/** @type {Awaited<ReturnType<typeof startLongExecution>> | undefined} */
	let victim;
	await checks.check('worker SIGKILLed mid-wait: what n8n does with the execution', async () => {
		victim = await startLongExecution(ctx, { tag: 'kill', process: ctx.cluster.webhook });
		const { executionId, worker } = victim;
		const killedAt = Date.now();
		process.kill(-worker.pid, 'SIGKILL'); // its process group (worker + task runner), as when its container dies
		await worker.exited;
		const ended = await poll('execution no longer running', async () => notRunning(await execution(ctx, executionId)) && (await execution(ctx, executionId)), 180000, 1000);
		ctx.timings.killToExecutionEnded = Math.round((Date.now() - killedAt) / 100) / 10;
		const rerun = ctx.cluster.workers.filter((w) => w !== worker && executionWorkers([w])[executionId]);
		expect(!rerun.length, `execution ${executionId} was re-run on ${rerun.map((w) => w.name)}`);
		expect(['crashed', 'error'].includes(ended.status), `execution ${executionId} ended ${ended.status}`);
		ctx.findings.workerKill = `execution ${executionId} (${worker.name}) marked "${ended.status}" ${ctx.timings.killToExecutionEnded} s after the kill (${ended.error ?? 'no error message'}), not re-queued`;
		return ctx.findings.workerKill;
	});

	await checks.check('no duplicate Extend run after the kill (correlation metadata)', async () => {
		expect(victim, 'no execution was killed');
		const orphaned = victim.run;
		const ended = await poll('the orphaned run finishing', async () => {
			const r = await runNow(ctx, orphaned.id);
			return r?.status !== 'PROCESSING' && r;
		}, LONG_RUN_MS + 30000, 2000);
		const runs = await listRuns(ctx.emulator, ctx.apiKey);
		/** @type {Record<string, number>} */
		const perNodeItem = {};
		for (const r of runs) {
			const { executionId, nodeName, itemIndex } = r.metadata?.n8n ?? {};
			const key = `${executionId}/${nodeName}/${itemIndex}`;
			perNodeItem[key] = (perNodeItem[key] || 0) + 1;
		}
		const duplicated = Object.entries(perNodeItem).filter(([, n]) => n > 1);
		const perInput = Object.values(ctx.emulator.stats().runsPerInput).filter((n) => n > 1);
		expect(!duplicated.length && !perInput.length, `duplicates: ${JSON.stringify(duplicated)} runsPerInput>1: ${perInput.length}`);
		return `${runs.length} runs, one per execution/node/item; the orphaned ${victim.run.id} ended ${ended.status} (not cancelled)`;
	});
}

module.exports = { checkStop, checkWorkerKill };
