// PostgreSQL and Redis for n8n's queue mode: Debian's packages (installed when missing, as on a fresh
// CI machine), run as private instances on loopback with their data under .cache/queue/, each
// started as our own child process so it is stopped by its pid with everything else.
'use strict';
/** @typedef {import('./types').Postgres} Postgres */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { CACHE, log, seconds } = require('../../scripts/n8n/common');
const { startProcess, runToEnd } = require('../../scripts/n8n/processes');

const QUEUE_CACHE = path.join(CACHE, 'queue');
const DB = { database: 'n8n', user: 'n8n', password: 'n8n' };

/** @param {string} cmd */
function which(cmd) {
	return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
}

/** Debian keeps the server binaries in /usr/lib/postgresql/<major>/bin, off PATH. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')));
	majors.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

/** apt-get install of what is missing (needs root); returns the seconds it took, 0 when nothing was. */
function ensureDebianPackages() {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!which('redis-server')) missing.push('redis-server');
	if (!missing.length) return 0;
	const started = Date.now();
	log(`Installing ${missing.join(', ')} from Debian ...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	// The packages' own services are not wanted: we run private instances.
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
	return seconds(started);
}

/**
 * @param {string} what
 * @param {() => boolean | Promise<boolean>} ready
 * @param {{ timeoutMs?: number, exited?: Promise<unknown> }} [options]
 */
async function waitFor(what, ready, { timeoutMs = 60000, exited } = {}) {
	const deadline = Date.now() + timeoutMs;
	let gone = false;
	exited?.then(() => (gone = true));
	while (!(await ready())) {
		if (gone) throw new Error(`${what} exited while starting`);
		if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/**
 * A fresh PostgreSQL cluster (initdb) on 127.0.0.1:port with a database and user for n8n.
 * @param {{ port: number, logFile: string }} options
 * @returns {Promise<Postgres>}
 */
async function startPostgres({ port, logFile }) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (/usr/lib/postgresql/<major>/bin)');
	const dir = path.join(QUEUE_CACHE, 'postgres');
	const user = process.getuid?.() === 0 ? postgresUser() : undefined; // postgres refuses to run as root
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	if (user) fs.chownSync(dir, user.uid, user.gid);
	/** @type {import('node:child_process').ExecFileSyncOptionsWithStringEncoding} */
	const asOwner = { ...user, stdio: 'pipe', encoding: 'utf8' };
	execFileSync(path.join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], asOwner);
	const out = fs.openSync(logFile, 'w');
	const server = startProcess('postgres', path.join(bin, 'postgres'), ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off'], {
		...user,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const pg = { port, bin, server };
	const isReady = async () => (await runToEnd('pg_isready', path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)])).code === 0;
	await waitFor('postgres', isReady, { exited: server.exited });
	await psql(pg, `CREATE ROLE ${DB.user} LOGIN PASSWORD '${DB.password}'`, { user: 'postgres' });
	await psql(pg, `CREATE DATABASE ${DB.database} OWNER ${DB.user}`, { user: 'postgres' });
	return { ...pg, ...DB, stop: server.stop };
}

function postgresUser() {
	const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' })));
	return { uid, gid };
}

/**
 * Runs SQL through psql; returns its unaligned output (one row a line).
 * @param {{ port: number, bin: string }} pg
 * @param {string} sql
 * @param {{ user?: string, database?: string }} [as]
 */
async function psql(pg, sql, { user = DB.user, database = user === 'postgres' ? 'postgres' : DB.database } = {}) {
	const args = ['-h', '127.0.0.1', '-p', String(pg.port), '-U', user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql];
	const result = await runToEnd('psql', path.join(pg.bin, 'psql'), args, { env: { ...process.env, PGPASSWORD: DB.password }, timeoutMs: 30000 });
	if (result.code !== 0) throw new Error(`psql failed: ${result.stderr.trim()}\n${sql}`);
	return result.stdout.trim();
}

/**
 * A value for SQL that returns one JSON document (e.g. json_agg(...)); [] / null when empty.
 * @param {Postgres} pg
 * @param {string} sql
 * @returns {Promise<any>}
 */
async function psqlJson(pg, sql) {
	const out = await psql(pg, sql);
	return out ? JSON.parse(out) : null;
}

/**
 * A throwaway Redis on 127.0.0.1:port: no persistence, in the foreground (our child).
 * @param {{ port: number, logFile: string }} options
 * @returns {Promise<import('./types').Redis>}
 */
async function startRedis({ port, logFile }) {
	const out = fs.openSync(logFile, 'w');
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
	const server = startProcess('redis-server', which('redis-server'), args, { cwd: QUEUE_CACHE, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	await waitFor('redis-server', () => /Ready to accept connections/.test(fs.readFileSync(logFile, 'utf8')), { exited: server.exited });
	return { port, server, stop: server.stop };
}

module.exports = { QUEUE_CACHE, ensureDebianPackages, startPostgres, startRedis, psqlJson };
