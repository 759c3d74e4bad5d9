// A small recorder of named checks: each passes or fails on its own, so one run reports every
// broken behaviour, not only the first.
'use strict';

/** @typedef {{ name: string, ok: boolean, detail: string | undefined, ms: number }} Result */

class Checks {
	/** @param {string} label */
	constructor(label) {
		this.label = label;
		/** @type {Result[]} */
		this.results = [];
	}

	/**
	 * Runs fn; the check passes unless it throws. What fn returns (a string) is the detail shown.
	 * @param {string} name
	 * @param {() => unknown} fn
	 */
	async check(name, fn) {
		const started = Date.now();
		try {
			const detail = /** @type {string | undefined} */ (await fn());
			this.record(name, true, detail, started);
		} catch (error) {
			this.record(name, false, error && error.message ? error.message : String(error), started);
		}
	}

	/**
	 * @param {string} name
	 * @param {boolean} ok
	 * @param {string} [detail]
	 */
	record(name, ok, detail, started = Date.now()) {
		const ms = Date.now() - started;
		this.results.push({ name, ok, detail, ms });
		const line = `${ok ? 'PASS' : 'FAIL'} [${this.label}] ${name}${detail ? ` — ${detail}` : ''}`;
		(ok ? process.stdout : process.stderr).write(`${line}\n`);
	}

	get failed() {
		return this.results.filter((r) => !r.ok);
	}
}

/**
 * @param {unknown} condition
 * @param {string} [message]
 * @returns {asserts condition}
 */
function expect(condition, message) {
	if (!condition) throw new Error(message);
}

/**
 * JSON of every item, to show in a failure message.
 * @param {import('../../scripts/n8n/types').Item[] | undefined} items
 */
function show(items) {
	return JSON.stringify((items ?? []).map((i) => i.json)).slice(0, 600);
}

module.exports = { Checks, expect, show };
