// Paths and tiny helpers shared by the demo, dev mode and the e2e suite.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache'); // git-ignored: n8n installs, Node 24, packed tarballs
// n8n user folders live outside the repository on purpose: under it, Node's module lookup from
// .n8n/nodes would walk up to this repo's node_modules and hand the nodes our dev copy of
// n8n-workflow, where a real install gets n8n's own copy (n8n puts its paths on NODE_PATH).
const RUNS = process.env.N8N_RUNS_DIR || path.join(os.tmpdir(), 'n8n-nodes-extend-runs');

// The tested n8n versions, newest first (versions.json: e2e, queue mode, CI and README share it).
/** @type {{ e2e: string[], queue: string[] }} */
const VERSIONS = JSON.parse(fs.readFileSync(path.join(__dirname, 'versions.json'), 'utf8'));
const DEFAULT_VERSIONS = VERSIONS.e2e;
const QUEUE_VERSIONS = VERSIONS.queue;

/** @param {string} message */
function log(message) {
	process.stderr.write(message + '\n');
}

/** @param {number} since Date.now() at the start */
function seconds(since) {
	return Math.round((Date.now() - since) / 100) / 10;
}

/**
 * Whether version "a.b.c" is at least "x.y" (numeric, part by part).
 * @param {string} version
 * @param {string} min
 */
function versionAtLeast(version, min) {
	const [a, b] = [version, min].map((v) => v.split('.').map(Number));
	for (let i = 0; i < b.length; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i];
	return true;
}

/**
 * The environment for an npm child. `npm run` exports this repository's .npmrc as npm_config_*
 * variables (ignore-scripts, legacy-peer-deps), which must not reach the n8n install; settings
 * from the caller (cache, registry) stay.
 * @param {NodeJS.ProcessEnv} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
function cleanNpmEnv(extra = {}) {
	const npmrc = fs.existsSync(path.join(ROOT, '.npmrc')) ? fs.readFileSync(path.join(ROOT, '.npmrc'), 'utf8') : '';
	const projectKeys = [...npmrc.matchAll(/^\s*([\w-]+)\s*=/gm)].map((m) => `npm_config_${m[1].replace(/-/g, '_')}`.toLowerCase());
	const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !projectKeys.includes(key.toLowerCase())));
	return { ...env, ...extra };
}

/**
 * @param {string} name
 * @param {number} fallback
 */
function envInt(name, fallback) {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

module.exports = { ROOT, CACHE, RUNS, DEFAULT_VERSIONS, QUEUE_VERSIONS, log, seconds, versionAtLeast, cleanNpmEnv, envInt };
