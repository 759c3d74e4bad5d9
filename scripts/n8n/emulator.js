// Starts the Extend emulator CLI (compiled by `npm run build:tools`) as a child process and reads
// its base URL from the one line it prints.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./common');
const { startProcess } = require('./processes');

const CLI = path.join(ROOT, 'build', 'tools', 'test', 'emulator', 'cli.js');

/**
 * Resolves { baseUrl, apiKey, stop() } once the emulator listens.
 * @param {{ port?: number, apiKey: string, latencyMs?: number, logFile?: string }} options
 * @returns {Promise<NonNullable<import('./types').Backend['emulator']>>}
 */
async function startEmulatorProcess({ port = 0, apiKey, latencyMs, logFile }) {
	if (!fs.existsSync(CLI)) throw new Error(`${path.relative(ROOT, CLI)} is missing: run \`npm run build:tools\` first`);
	const args = [CLI, '--host', '127.0.0.1', '--port', String(port), '--api-key', apiKey];
	if (latencyMs !== undefined) args.push('--latency-ms', String(latencyMs));
	const emulator = startProcess('Extend emulator', process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	const log = logFile ? fs.createWriteStream(logFile) : undefined;
	let output = '';
	/** @type {string} */
	const baseUrl = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`the emulator did not start in 20 s:\n${output}`)), 20000);
		/** @param {Buffer} chunk */
		const onData = (chunk) => {
			output += chunk;
			log?.write(chunk);
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1].replace(/\/+$/, ''));
			}
		};
		emulator.child.stdout?.on('data', onData);
		emulator.child.stderr?.on('data', onData);
		emulator.exited.then(({ code }) => (clearTimeout(timer), reject(new Error(`the emulator exited (${code}):\n${output}`))));
	});
	return { baseUrl, apiKey, pid: emulator.pid, stop: emulator.stop };
}

module.exports = { startEmulatorProcess };
