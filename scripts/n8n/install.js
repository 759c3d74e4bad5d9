// Installs a stock n8n from npm into .cache/n8n/<version>/ once per version, plus Node 24 from the
// npm `node` package when that n8n needs it. Why each step looks the way it does: the `xlsx` tarball
// n8n depends on is on a CDN this machine cannot reach (overridden with npm:@e965/xlsx); the install
// script of @confluentinc/kafka-javascript downloads zlib from the web (--ignore-scripts, then only
// the native modules n8n needs are rebuilt); sqlite3 is compiled against the local Node's headers.
// docs/n8n-versions.md has the recipe per version. The command: scripts/installN8n.js.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { CACHE, log, seconds, versionAtLeast, cleanNpmEnv } = require('./common');
const { track } = require('./processes');

const NODE24 = '24.21.0';
const NODE24_DIR = path.join(CACHE, `node-${NODE24}`);

// n8n <= 2.8 runs on Node 20; newer lines want Node 22/24 (their package.json engines, e.g. 2.41.1:
// "node": ">=24.0.0").
// The 1.123.x line too: its late patches (1.123.80, 1.123.81) depend on @n8n/expression-runtime,
// whose isolated-vm ^6 (engines node >= 22) ships prebuilt binaries for Node 22 and 24 only, and
// compiling it for Node 20 fails ("v8::SourceLocation does not name a type"). On Node 24 npm installs
// it with its scripts and uses the prebuilt binary; n8n 1.123's engines allow Node <= 24.x.
/** @param {string} version */
const isLine1_123 = (version) => versionAtLeast(version, '1.123') && !versionAtLeast(version, '2.0');
/** @param {string} version */
const needsNode24 = (version) => versionAtLeast(version, '2.9') || isLine1_123(version);

// n8n >= 2.35 pulls @confluentinc/kafka-javascript, whose install script downloads zlib from the web.
/** @param {string} version */
const needsIgnoreScripts = (version) => versionAtLeast(version, '2.35');

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, label: string }} options
 * @returns {Promise<void>}
 */
function run(cmd, args, { cwd, env, label }) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
		track(label, child); // stopped with everything else on Ctrl-C or failure
		// npm is silent for minutes at --loglevel=error: print a heartbeat so a person sees progress.
		const beat = setInterval(() => {
			const modules = path.join(cwd, 'node_modules');
			const count = fs.existsSync(modules) ? fs.readdirSync(modules).length : 0;
			log(`  ${label}: ${seconds(started)} s, ${count ? `${count} entries in node_modules` : 'resolving and downloading'}`);
		}, 20000);
		const stop = () => clearInterval(beat);
		child.on('error', (err) => (stop(), reject(err)));
		child.on('exit', (code, signal) => {
			stop();
			if (code === 0) resolve();
			else reject(new Error(`${label} failed (${cmd} ${args.join(' ')}: ${signal || code})`));
		});
	});
}

// node-gyp compiles sqlite3 for the Node first on PATH, against the headers in nodeDir.
/**
 * @param {string} nodeDir
 * @param {string} nodeBinDir
 */
function npmEnv(nodeDir, nodeBinDir) {
	return cleanNpmEnv({ npm_config_nodedir: nodeDir, PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}` });
}

const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error', '--update-notifier=false'];

/**
 * npm install of one package into its own folder under .cache/, once.
 * @param {string} dir
 * @param {string} spec
 */
async function ensureCachedPackage(dir, spec) {
	if (fs.existsSync(path.join(dir, 'installed'))) return;
	log(`Installing ${spec} from npm into ${path.relative(process.cwd(), dir)} ...`);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"cached-tool","private":true}\n');
	await run('npm', ['install', spec, ...NPM_QUIET], { cwd: dir, env: cleanNpmEnv(), label: spec });
	fs.writeFileSync(path.join(dir, 'installed'), new Date().toISOString());
}

// The npm package node-<platform>-<arch> holds Node's binary and also include/node, so node-gyp
// needs nothing from nodejs.org.
const PLATFORM_PACKAGE = `node-${process.platform}-${process.arch}`;

async function ensureNode24() {
	await ensureCachedPackage(NODE24_DIR, `node@${NODE24}`);
	const platform = require.resolve(`${PLATFORM_PACKAGE}/package.json`, { paths: [path.join(NODE24_DIR, 'node_modules', 'node')] });
	return { nodeBin: path.join(NODE24_DIR, 'node_modules', 'node', 'bin', 'node'), nodeDir: path.dirname(platform) };
}

/** The running Node, with its own headers (nodesource/Debian prefix) or the same version's from npm. */
async function systemNode() {
	const prefix = path.dirname(path.dirname(process.execPath));
	if (fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'))) return { nodeBin: process.execPath, nodeDir: prefix };
	const dir = path.join(CACHE, `node-headers-${process.versions.node}`);
	await ensureCachedPackage(dir, `${PLATFORM_PACKAGE}@${process.versions.node}`);
	return { nodeBin: process.execPath, nodeDir: path.join(dir, 'node_modules', PLATFORM_PACKAGE) };
}

/**
 * @param {string} nodeBin
 * @param {string} dir
 * @param {string} moduleName
 */
function loads(nodeBin, dir, moduleName) {
	return spawnSync(nodeBin, ['-e', `require(${JSON.stringify(path.join(dir, 'node_modules', moduleName))})`]).status === 0;
}

/**
 * Returns { version, dir, nodeBin, n8nJs, installSeconds } for a ready n8n install.
 * @param {string} version
 * @returns {Promise<import('./types').Install>}
 */
async function ensureN8n(version) {
	const runtime = needsNode24(version) ? await ensureNode24() : await systemNode();
	const dir = path.join(CACHE, 'n8n', version);
	const marker = path.join(dir, 'installed.json');
	const n8nJs = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const result = { version, dir, nodeBin: runtime.nodeBin, n8nJs, installSeconds: 0 };
	if (fs.existsSync(marker)) return result;

	const started = Date.now();
	log(`Installing n8n@${version} into ${path.relative(process.cwd(), dir)} (first use only; about 6 minutes) ...`);
	fs.mkdirSync(dir, { recursive: true });
	const host = { name: 'n8n-host', private: true, overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' } };
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(host, null, 2) + '\n');
	const env = npmEnv(runtime.nodeDir, path.dirname(runtime.nodeBin));
	const opts = { cwd: dir, env, label: `n8n@${version}` };
	const ignoreScripts = needsIgnoreScripts(version);
	await run('npm', ['install', `n8n@${version}`, ...(ignoreScripts ? ['--ignore-scripts'] : []), ...NPM_QUIET], opts);
	// Its scripts skipped, or an earlier attempt broken: build the native modules n8n needs.
	if (ignoreScripts || !loads(runtime.nodeBin, dir, 'sqlite3')) {
		log(`  compiling sqlite3 for n8n@${version} ...`);
		const natives = ['sqlite3', 'isolated-vm'].filter((m) => fs.existsSync(path.join(dir, 'node_modules', m)));
		await run('npm', ['rebuild', ...natives, ...NPM_QUIET], opts);
	}
	if (!loads(runtime.nodeBin, dir, 'sqlite3')) throw new Error(`n8n@${version}: sqlite3 does not load; see the compile output above`);
	result.installSeconds = seconds(started);
	fs.writeFileSync(marker, JSON.stringify({ version, installSeconds: result.installSeconds, at: new Date().toISOString() }) + '\n');
	log(`Installed n8n@${version} in ${result.installSeconds} s`);
	return result;
}

module.exports = { ensureN8n };
