// n8n in queue mode on one machine: main (editor, REST API, trigger activation), one webhook
// processor (`n8n webhook`) and workers (`n8n worker`), sharing PostgreSQL, Redis, the encryption key
// and one user folder (so one installed copy of the community package). Each process gets its own
// HTTP and task-broker ports.
'use strict';
/** @typedef {import('./types').N8n} N8n */
/** @typedef {import('./types').Role} Role */
const fs = require('node:fs');
const { log, seconds } = require('../../scripts/n8n/common');
const { startProcess } = require('../../scripts/n8n/processes');

// Fixed for the run: every process must decrypt what another one stored.
const ENCRYPTION_KEY = 'queue-e2e-encryption-key-0123456789';

/** @type {Record<string, RegExp>} */
const READY = {
	start: /Editor is now accessible via/,
	webhook: /Webhook listener waiting for requests/,
	worker: /n8n worker is now ready/,
};

/** The settings every process of the cluster shares (also the CLI: import and publish go to PostgreSQL). */
/**
 * @param {N8n} n8n
 * @param {{ pg: import('./types').Postgres, redis: import('./types').Redis, webhookUrl: string }} services
 */
function queueEnv(n8n, { pg, redis, webhookUrl }) {
	// n8n.env names the public webhook URL WEBHOOK_URL or N8N_WEBHOOK_URL depending on the version.
	const webhookUrlKey = Object.keys(n8n.env).find((k) => /^(N8N_)?WEBHOOK_URL$/.test(k)) || 'WEBHOOK_URL';
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		[webhookUrlKey]: webhookUrl.replace(/\/*$/, '/'),
		// Main keeps serving production webhooks too (the default): an execution main enqueued itself
		// is the only kind n8n 2.8.4 can stop on a worker (see docs/queue-mode.md).
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		// Shorter than Bull's defaults (60 s lock, 30 s stall check) and n8n's 180 min recovery check,
		// so the killed-worker test sees n8n's reaction within a minute or two.
		QUEUE_WORKER_LOCK_DURATION: '15000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
	};
}

/**
 * Starts `n8n <command>` and resolves once its ready line is logged.
 * @param {N8n} n8n
 * @param {{ name: string, command: string, args?: string[], port: number, brokerPort: number, extraEnv?: NodeJS.ProcessEnv }} role
 * @returns {Promise<Role>}
 */
async function startRole(n8n, { name, command, args = [], port, brokerPort, extraEnv = {} }) {
	const started = Date.now();
	const logFile = n8n.logFile(name);
	const out = fs.openSync(logFile, 'w');
	const env = { ...n8n.env, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...extraEnv };
	const proc = startProcess(`n8n ${name}`, n8n.install.nodeBin, [n8n.install.n8nJs, command, ...args], { env, cwd: n8n.folder, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	let exited = false;
	proc.exited.then(() => (exited = true));
	const deadline = Date.now() + 180000;
	const text = () => fs.readFileSync(logFile, 'utf8');
	while (!READY[command].test(text())) {
		if (exited) throw new Error(`n8n ${name} exited early:\n${text().split('\n').slice(-25).join('\n')}`);
		if (Date.now() > deadline) throw new Error(`n8n ${name} not ready after 180 s`);
		await new Promise((r) => setTimeout(r, 250));
	}
	log(`n8n ${name} ready on port ${port} (pid ${proc.pid}, ${seconds(started)} s)`);
	return { ...proc, name, port, logFile, url: `http://127.0.0.1:${port}`, log: text, startSeconds: seconds(started) };
}

/**
 * Starts main, one webhook processor and `workers` workers in parallel. ports: { main, webhook,
 * workerBase }; each process uses port+1 for its task broker. n8n.env must already hold queueEnv().
 * @param {N8n} n8n
 * @param {{ ports: { main: number, webhook: number, workerBase: number }, workers?: number, concurrency?: number }} options
 * @returns {Promise<import('./types').Cluster>}
 */
async function startCluster(n8n, { ports, workers = 2, concurrency = 5 }) {
	/** @type {{ name: string, command: string, args?: string[], port: number, extraEnv?: NodeJS.ProcessEnv }[]} */
	const roles = [
		{ name: 'main', command: 'start', port: ports.main },
		{ name: 'webhook', command: 'webhook', port: ports.webhook },
		...Array.from({ length: workers }, (_, i) => {
			const port = ports.workerBase + 2 * i; // the worker's health server port, if switched on
			return { name: `worker${i + 1}`, command: 'worker', args: [`--concurrency=${concurrency}`], port, extraEnv: { QUEUE_HEALTH_CHECK_PORT: String(port) } };
		}),
	];
	const [main, webhook, ...workerProcs] = await Promise.all(roles.map((r) => startRole(n8n, { ...r, brokerPort: r.port + 1 })));
	return { main, webhook, workers: workerProcs };
}

module.exports = { queueEnv, startCluster };
