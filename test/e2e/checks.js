// A small recorder of named checks: each passes or fails on its own, so one run reports every
// broken behaviour, not only the first.
'use strict';

class Checks {
	constructor(label) {
		this.label = label;
		this.results = [];
	}

	async check(name, fn) {
		const started = Date.now();
		try {
			const detail = await fn();
			this.record(name, true, detail, started);
		} catch (error) {
			this.record(name, false, error && error.message ? error.message : String(error), started);
		}
	}

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

function expect(condition, message) {
	if (!condition) throw new Error(message);
}

/** JSON of every item, to show in a failure message. */
function show(items) {
	return JSON.stringify((items ?? []).map((i) => i.json)).slice(0, 600);
}

module.exports = { Checks, expect, show };
