// One real n8n instance: a fresh user folder (see RUNS in common.js), the packed package
// installed as a community package, and the CLI calls the demo, dev mode and the e2e suite need.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { RUNS, log, seconds, versionAtLeast } = require('./common');
const { ensureN8n } = require('./install');
const { packPackage, installPackage } = require('./pack');
const { runToEnd, startProcess } = require('./processes');
const { parseRawOutput } = require('./rawOutput');

class N8n {
	/**
	 * name: run folder name; port: n8n's HTTP port (its task brokers use port+1 and port+2);
	 * documents: files copied into <folder>/documents, the one folder n8n may read files from.
	 * @param {string} version
	 * @param {{ name: string, port: number, documents?: string[], host?: string }} options
	 */
	static async create(version, { name, port, documents = [], host = '127.0.0.1' }) {
		const install = await ensureN8n(version);
		const folder = path.join(RUNS, `${name}-${version}`);
		fs.rmSync(folder, { recursive: true, force: true });
		const documentsDir = path.join(folder, 'documents');
		fs.mkdirSync(documentsDir, { recursive: true });
		fs.mkdirSync(path.join(folder, 'logs'));
		for (const file of documents) fs.copyFileSync(file, path.join(documentsDir, path.basename(file)));
		const n8n = new N8n(install, folder, { port, documentsDir, host });
		const started = Date.now();
		const pkg = installPackage(packPackage(folder), folder);
		log(`Installed ${pkg.name}@${pkg.version} into ${path.dirname(pkg.dir)} (${seconds(started)} s)`);
		return n8n;
	}

	/**
	 * @param {import('./types').Install} install
	 * @param {string} folder
	 * @param {{ port: number, documentsDir: string, host: string }} options
	 */
	constructor(install, folder, { port, documentsDir, host }) {
		this.install = install;
		this.version = install.version;
		this.folder = folder;
		this.documentsDir = documentsDir;
		this.port = port;
		this.url = `http://${host}:${port}`;
		this.env = n8nEnv({ version: install.version, folder, port, host, fileAccess: [documentsDir], nodeBin: install.nodeBin });
	}

	/** @param {string} name */
	logFile(name) {
		return path.join(this.folder, 'logs', `${name}.log`);
	}

	/**
	 * Runs `n8n <args>`; brokerPort keeps concurrent n8n processes off each other's task broker.
	 * @param {string[]} args
	 * @param {{ brokerPort?: number, timeoutMs?: number }} [options]
	 */
	async cli(args, { brokerPort = this.port + 1, timeoutMs = 180000 } = {}) {
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) };
		const logName = args.slice(0, 2).join(' ').replace(/[^a-z0-9]+/gi, '-');
		// Output straight into the log file: through a pipe the end of a large --rawOutput can be lost.
		const outputFile = this.logFile(logName);
		return await runToEnd(`n8n ${args[0]}`, this.install.nodeBin, [this.install.n8nJs, ...args], { env, cwd: this.folder, timeoutMs, outputFile });
	}

	/**
	 * @param {string[]} args
	 * @param {{ brokerPort?: number, timeoutMs?: number }} [options]
	 */
	async cliOrThrow(args, options) {
		const result = await this.cli(args, options);
		// The import commands log their errors but still exit 0, so look at the output too.
		if (result.code !== 0 || /An error occurred/.test(result.stdout + result.stderr)) {
			throw new Error(`n8n ${args.join(' ')} failed (rc=${result.code}):\n${tail(result.stdout + result.stderr)}`);
		}
		return result;
	}

	/**
	 * Imports workflow objects (with fixed ids) in one CLI call.
	 * @param {import('./types').Workflow[]} workflows
	 */
	async importWorkflows(workflows) {
		const dir = writeJsonFiles(path.join(this.folder, 'import', 'workflows'), workflows);
		await this.cliOrThrow(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/**
	 * Imports credentials given with plain data; n8n encrypts object `data` on import.
	 * @param {import('./types').Credential[]} credentials
	 */
	async importCredentials(credentials) {
		const file = path.join(this.folder, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		try {
			await this.cliOrThrow(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file); // it holds the API key in plain text
		}
	}

	/** Marks a workflow active in the database; n8n activates it (registering its webhooks) when
	 * `n8n start` starts, before the editor is reachable.
	 * @param {string} id
	 */
	async publish(id) {
		// n8n 1.x has no publish:workflow (added in 2.0); its update:workflow --active=true sets the
		// same flag (dist/commands/update/workflow.js: WorkflowRepository.updateActiveState).
		const args = versionAtLeast(this.version, '2.0') ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
		await this.cliOrThrow(args);
	}

	/**
	 * `n8n execute --rawOutput`; returns the run (IRun). Judges by its JSON, not the exit code.
	 * @param {string} id
	 * @param {{ brokerPort?: number }} [options]
	 */
	async execute(id, { brokerPort } = {}) {
		const started = Date.now();
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { brokerPort });
		const run = parseRawOutput(result.stdout);
		// n8n 2.41 on Node 24 sometimes segfaults at exit after printing a complete run: rc 139 from a
		// shell, or no code and SIGSEGV from spawn.
		const crashedAtExit = result.code === 139 || result.signal === 'SIGSEGV';
		if (!run || (run.status === 'success' && result.code !== 0 && !crashedAtExit)) {
			throw new Error(`n8n execute --id=${id}: rc=${result.code} signal=${result.signal}, run ${run ? run.status : 'not printed'}:\n${tail(result.stdout + result.stderr)}`);
		}
		return { run, rc: result.code, seconds: seconds(started) };
	}

	/**
	 * Executions recorded for a workflow, with their run data (see readDatabase.js).
	 * @param {string} workflowId
	 * @returns {Promise<import('./types').Execution[]>}
	 */
	async executions(workflowId) {
		return await this.readDatabase(workflowId);
	}

	/**
	 * The workflow's static data as n8n saved it in its database (null when none).
	 * @param {string} workflowId
	 * @returns {Promise<import('./types').Json | null>}
	 */
	async staticData(workflowId) {
		return await this.readDatabase(workflowId, 'static-data');
	}

	/**
	 * @param {string} workflowId
	 * @param {'static-data'} [what]
	 */
	async readDatabase(workflowId, what) {
		const db = path.join(this.folder, '.n8n', 'database.sqlite');
		const args = [path.join(__dirname, 'readDatabase.js'), this.install.dir, db, workflowId, ...(what ? [what] : [])];
		const result = await runToEnd('read the database', this.install.nodeBin, args, { timeoutMs: 30000 });
		if (result.code !== 0) throw new Error(`reading the database failed: ${result.stderr}`);
		return JSON.parse(result.stdout);
	}

	/** Starts `n8n start` and resolves once the editor and the published webhooks are up. */
	async start() {
		const started = Date.now();
		const logFile = this.logFile('server');
		const out = fs.openSync(logFile, 'w');
		const server = startProcess('n8n start', this.install.nodeBin, [this.install.n8nJs, 'start'], {
			env: this.env,
			cwd: this.folder,
			stdio: ['ignore', out, out],
		});
		fs.closeSync(out);
		let exited = false;
		server.exited.then(() => (exited = true));
		const deadline = Date.now() + 180000;
		while (!/Editor is now accessible via/.test(fs.readFileSync(logFile, 'utf8'))) {
			if (exited) throw new Error(`n8n start exited early:\n${tail(fs.readFileSync(logFile, 'utf8'))}`);
			if (Date.now() > deadline) throw new Error(`n8n start not ready after 180 s:\n${tail(fs.readFileSync(logFile, 'utf8'))}`);
			await new Promise((r) => setTimeout(r, 250));
		}
		return { ...server, logFile, startSeconds: seconds(started) };
	}
}

/**
 * @param {{ version: string, folder: string, port: number, host: string, fileAccess: string[], nodeBin: string }} options
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnv({ version, folder, port, host, fileAccess, nodeBin }) {
	const env = { ...process.env };
	// Settings from the caller's shell that would change what this n8n does.
	for (const key of Object.keys(env)) if (/^(N8N_|WEBHOOK_URL$|DB_|EXECUTIONS_)/.test(key)) delete env[key];
	return {
		...env,
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${env.PATH}`,
		N8N_USER_FOLDER: folder, // else n8n writes to $HOME/.n8n
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: host,
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(port + 1), // its default (5679) would clash with other n8n ports
		// Renamed N8N_WEBHOOK_URL in 2.x; 2.41 warns about the old name, 2.8 knows only that one.
		[versionAtLeast(version, '2.41') ? 'N8N_WEBHOOK_URL' : 'WEBHOOK_URL']: `http://${host}:${port}/`,
		GENERIC_TIMEZONE: 'UTC',
		N8N_LOG_LEVEL: 'info', // `execute --rawOutput` prints the run through the logger at info
		// Activate published workflows before "Editor is now accessible" (2.41 otherwise defers it).
		N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
		N8N_RESTRICT_FILE_ACCESS_TO: fileAccess.join(';'),
	};
}

/**
 * @param {string} dir
 * @param {{ id: string }[]} objects
 */
function writeJsonFiles(dir, objects) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	for (const o of objects) fs.writeFileSync(path.join(dir, `${o.id}.json`), JSON.stringify(o, null, 2));
	return dir;
}

/** @param {string} text */
function tail(text, lines = 25) {
	return text.split('\n').slice(-lines).join('\n');
}

module.exports = { N8n };
