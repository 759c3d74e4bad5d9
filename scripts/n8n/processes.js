// Child processes this tool starts, and stopping each one by its own pid: on success, on failure,
// and on Ctrl-C. Long-running children get their own process group (detached) so a terminal's
// Ctrl-C reaches only us and we stop them in order.
'use strict';
const fs = require('node:fs');
const { spawn } = require('node:child_process');

/** @typedef {import('./types').Exit} Exit */
/** @typedef {import('./types').Started} Started */
/** @typedef {import('./types').Finished} Finished */

/** @type {Map<number, { name: string, child: import('node:child_process').ChildProcess, exited: Promise<Exit> }>} */
const running = new Map();

/**
 * @param {string} name
 * @param {import('node:child_process').ChildProcess} child
 * @returns {Promise<Exit>}
 */
function track(name, child) {
	const pid = /** @type {number} */ (child.pid);
	/** @type {Promise<Exit>} */
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	running.set(pid, { name, child, exited });
	exited.then(() => running.delete(pid));
	return exited;
}

/**
 * Starts a long-running process; returns { pid, child, exited, stop() }.
 * @param {string} name
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 * @returns {Started}
 */
function startProcess(name, cmd, args, options) {
	const child = spawn(cmd, args, { ...options, detached: true });
	const pid = child.pid;
	if (!pid) throw new Error(`could not start ${name} (${cmd})`);
	const exited = track(name, child);
	return { pid, child, exited, stop: () => stopProcess(pid) };
}

/**
 * SIGTERM, then SIGKILL when it has not exited after graceMs.
 * @param {number} pid
 */
async function stopProcess(pid, graceMs = 15000) {
	const entry = running.get(pid);
	if (!entry) return;
	try {
		process.kill(pid, 'SIGTERM');
	} catch {
		return;
	}
	/** @type {NodeJS.Timeout | undefined} */
	let timer;
	/** @type {Promise<void>} */
	const killed = new Promise((resolve) => {
		timer = setTimeout(() => {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// it exited meanwhile
			}
			resolve();
		}, graceMs);
	});
	await Promise.race([entry.exited, killed]);
	clearTimeout(timer);
	await entry.exited;
}

/** Stops what is still running, newest first (n8n before the emulator it talks to). */
async function stopAll() {
	for (const pid of [...running.keys()].reverse()) await stopProcess(pid);
}

/**
 * Runs a command to its end and collects its output; never throws on a non-zero exit.
 * `outputFile`: stdout goes to that file, read back at the end (stderr is appended after). A program
 * that prints a lot and then calls process.exit() (`n8n execute --rawOutput` with a 2 MiB binary in
 * its run) loses the end of its output into a pipe, whose writes are asynchronous; a file's are not.
 * @param {string} name
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions & { timeoutMs?: number, outputFile?: string }} [options]
 * @returns {Promise<Finished>}
 */
function runToEnd(name, cmd, args, { timeoutMs = 0, outputFile, ...options } = {}) {
	return new Promise((resolve, reject) => {
		const fd = outputFile ? fs.openSync(outputFile, 'w') : undefined;
		const child = spawn(cmd, args, { ...options, stdio: ['ignore', fd ?? 'pipe', 'pipe'] });
		track(name, child);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (d) => (stdout += d));
		child.stderr?.on('data', (d) => (stderr += d));
		const timer = timeoutMs ? setTimeout(() => ((stderr += `\n[${name}: timed out after ${timeoutMs} ms]`), stopProcess(/** @type {number} */ (child.pid))), timeoutMs) : undefined;
		child.on('error', reject);
		// 'close', not 'exit': the pipes are drained by then.
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (fd !== undefined) {
				fs.closeSync(fd);
				stdout = fs.readFileSync(/** @type {string} */ (outputFile), 'utf8');
				fs.appendFileSync(/** @type {string} */ (outputFile), stderr);
			}
			resolve({ code, signal, stdout, stderr });
		});
	});
}

/**
 * Peak resident memory (VmHWM) of a process and its descendants, summed, in MiB (Linux only).
 * @param {number} pid
 * @returns {number}
 */
function peakRssMiB(pid) {
	/** @param {string} file */
	const read = (file) => {
		try {
			return fs.readFileSync(file, 'utf8');
		} catch {
			return '';
		}
	};
	const kib = Number((/VmHWM:\s+(\d+)/.exec(read(`/proc/${pid}/status`)) || [])[1] || 0);
	const children = read(`/proc/${pid}/task/${pid}/children`).split(/\s+/).filter(Boolean);
	return Math.round(kib / 1024) + children.reduce((sum, child) => sum + peakRssMiB(Number(child)), 0);
}

let handlersInstalled = false;
/**
 * Runs main(), then stops every child; Ctrl-C or SIGTERM stop them too. Sets the exit code.
 * @param {() => Promise<number | void>} main
 */
function runMain(main) {
	if (!handlersInstalled) {
		handlersInstalled = true;
		for (const signal of ['SIGINT', 'SIGTERM']) {
			process.on(signal, () => {
				process.stderr.write(`\n${signal}: stopping ${running.size} process(es) ...\n`);
				stopAll().finally(() => process.exit(130));
			});
		}
		// Last resort if we die on an uncaught path: never leave a child behind.
		process.on('exit', () => {
			for (const pid of running.keys()) {
				try {
					process.kill(pid, 'SIGTERM');
				} catch {
					// it exited meanwhile
				}
			}
		});
	}
	return Promise.resolve()
		.then(main)
		.then(
			(code) => code ?? 0,
			(err) => {
				process.stderr.write(`\nFAILED: ${err && err.message ? err.message : err}\n`);
				return 1;
			},
		)
		.then(async (code) => {
			await stopAll();
			process.exitCode = code;
		});
}

module.exports = { track, startProcess, runToEnd, runMain, peakRssMiB };
