// `npm run test:e2e:queue`: the Extend package on n8n's queue mode. Starts PostgreSQL and Redis
// (Debian packages, installed if missing), the Extend emulator, a lossy proxy in front of the webhook
// processor, then n8n main + webhook processor + two workers, and runs: (a) a Classify File batch
// over both workers, (b) the Extend Trigger with redeliveries and a forged delivery, (c) a stop
// during a wait, (d) a worker killed during a wait, (e) a 60 MB upload from the database binary
// store. Everything is stopped by its pid at the end.
// Versions: N8N_VERSION selects one, else every version in scripts/n8n/versions.json "queue"
// (QUEUE_VERSIONS, newest first), one after another on the same ports.
// Env: N8N_VERSION, QUEUE_PORT_BASE (default 5800; uses base … base+11).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, QUEUE_VERSIONS, envInt, log, seconds } = require('../../scripts/n8n/common');
const { runMain } = require('../../scripts/n8n/processes');
const { N8n } = require('../../scripts/n8n/n8n');
const { credentialFor } = require('../../scripts/n8n/backend');
const { loadWorkflow } = require('../../scripts/n8n/workflows');
const { QUEUE_CACHE, ensureDebianPackages, startPostgres, startRedis } = require('./postgresAndRedis');
const { queueEnv, startCluster } = require('./cluster');
const { Checks } = require('../e2e/checks');
const { ownerSession } = require('./clients');
const { startLossyProxy } = require('./lossyProxy');
const { checkBatch } = require('./batchChecks');
const { checkTrigger } = require('./triggerChecks');
const { checkStop, checkWorkerKill } = require('./interruptChecks');
const { checkLargeUploadQueue, largeUploadQueueWorkflow } = require('./largeUploadChecks');

const EMULATOR = path.join(ROOT, 'build', 'tools', 'test', 'emulator', 'index.js');
const API_KEY = 'sk_emulator_queue';
const BATCH_SIZE = 16;

/**
 * @template T
 * @param {Record<string, number>} timings
 * @param {string} name
 * @param {() => Promise<T>} fn
 */
async function timed(timings, name, fn) {
	const started = Date.now();
	try {
		return await fn();
	} finally {
		timings[name] = seconds(started);
	}
}

/**
 * The whole queue-mode suite on one n8n version; returns { version, checks, timings, findings }.
 * @param {string} version
 */
async function runQueueSuite(version) {
	const base = envInt('QUEUE_PORT_BASE', 5800);
	const ports = { main: base, webhook: base + 2, workerBase: base + 4, proxy: base + 8, postgres: base + 10, redis: base + 11 };
	const checks = new Checks(`queue mode, n8n ${version}`);
	/** @type {Record<string, number>} */
	const timings = {};
	/** @type {Record<string, string>} */
	const findings = {}; // what n8n did, for docs/queue-mode.md
	const started = Date.now();
	/** @type {(() => Promise<unknown>)[]} */
	const stops = []; // in-process servers and the n8n processes, stopped in reverse order
	try {
		fs.mkdirSync(QUEUE_CACHE, { recursive: true });
		timings.aptInstall = ensureDebianPackages();
		const n8n = await timed(timings, 'n8nAndPackage', () => N8n.create(version, { name: 'queue', port: ports.main }));
		const { pg, redis } = await timed(timings, 'postgresAndRedis', async () => ({
			pg: await startPostgres({ port: ports.postgres, logFile: n8n.logFile('postgres') }),
			redis: await startRedis({ port: ports.redis, logFile: n8n.logFile('redis') }),
		}));
		// Stopped last (the list runs in reverse): the next version reuses their ports and data folder.
		stops.push(() => pg.stop(), () => redis.stop());
		/** @type {typeof import('../emulator')} */
		const { startEmulator } = require(EMULATOR);
		const emulator = await startEmulator({ apiKey: API_KEY, latencyMs: 1500 });
		stops.push(() => emulator.stop());
		const proxy = await startLossyProxy({ port: ports.proxy, target: `http://127.0.0.1:${ports.webhook}` });
		stops.push(() => proxy.stop());

		const classify = loadWorkflow(path.join(__dirname, 'workflows', 'queue-classify.json'));
		const trigger = loadWorkflow(path.join(ROOT, 'test', 'e2e', 'workflows', 'extend-trigger.json'));
		const large = largeUploadQueueWorkflow();
		n8n.env = { ...n8n.env, ...queueEnv(n8n, { pg, redis, webhookUrl: proxy.url }) };
		await timed(timings, 'importAndPublish', async () => {
			await n8n.importCredentials([credentialFor({ apiKey: API_KEY, region: 'custom', baseUrl: emulator.baseUrl })]);
			await n8n.importWorkflows([classify, trigger, large]);
			for (const { id } of [classify, trigger, large]) await n8n.publish(id);
		});
		const cluster = await timed(timings, 'clusterStart', () => startCluster(n8n, { ports, workers: 2, concurrency: 5 }));
		stops.push(...[cluster.main, cluster.webhook, ...cluster.workers].map((p) => () => p.stop()));
		log(`logs: ${path.dirname(n8n.logFile('x'))}`);
		const session = await ownerSession(cluster.main.url);

		const ctx = { n8n, pg, cluster, emulator, apiKey: API_KEY, proxy, session, timings, findings, workflow: classify };
		await timed(timings, 'a_batch', () => checkBatch(checks, { ...ctx, size: BATCH_SIZE }));
		await timed(timings, 'b_trigger', () => checkTrigger(checks, { ...ctx, workflow: trigger, classifyWorkflow: classify, batchSize: BATCH_SIZE }));
		await timed(timings, 'c_stop', () => checkStop(checks, ctx));
		await timed(timings, 'd_workerKill', () => checkWorkerKill(checks, ctx));
		await timed(timings, 'e_largeUpload', () => checkLargeUploadQueue(checks, { ...ctx, workflow: large }));
	} catch (error) {
		checks.record('suite ran to the end', false, error.stack || error.message);
	} finally {
		await timed(timings, 'shutdown', async () => {
			for (const stop of stops.reverse()) await stop().catch((e) => log(`stop failed: ${e.message}`));
		});
	}
	timings.total = seconds(started);
	const passed = checks.results.length - checks.failed.length;
	log(`[queue mode, n8n ${version}] ${passed}/${checks.results.length} checks passed in ${timings.total} s`);
	return { version, checks, timings, findings };
}

async function main() {
	const versions = process.env.N8N_VERSION ? [process.env.N8N_VERSION] : QUEUE_VERSIONS;
	const outcomes = [];
	for (const version of versions) outcomes.push(await runQueueSuite(version));

	console.log('\nQueue-mode E2E summary');
	for (const { version, checks, timings, findings } of outcomes) {
		const passed = checks.results.length - checks.failed.length;
		console.log(`  n8n ${version}: ${passed}/${checks.results.length} passed; seconds: ${JSON.stringify(timings)}`);
		console.log(`  Observed on ${version}: ${JSON.stringify(findings, null, 1)}`);
		for (const failure of checks.failed) console.log(`    FAIL ${failure.name}: ${(failure.detail ?? '').split('\n')[0]}`);
	}
	return outcomes.every((o) => o.checks.failed.length === 0 && o.checks.results.length > 0) ? 0 : 1;
}

runMain(main);
