// Reads the run (IRun) out of `n8n execute --rawOutput`. n8n prints it through its logger at level
// info, pretty-printed, between other log lines, so take the first line that opens an object up to
// the last line that closes one.
'use strict';

/**
 * @param {string} stdout
 * @returns {import('./types').Run | undefined}
 */
function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	const end = lines.lastIndexOf('}');
	if (start < 0 || end < start) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

module.exports = { parseRawOutput };
