// A plain-text table for the terminal; the last column wraps to the terminal width.
'use strict';

/**
 * @param {string} text
 * @param {number} width
 */
function wrap(text, width) {
	const lines = [''];
	for (const word of String(text).split(/\s+/).filter(Boolean)) {
		const last = lines[lines.length - 1];
		if (last && last.length + 1 + word.length > width) lines.push(word);
		else lines[lines.length - 1] = last ? `${last} ${word}` : word;
	}
	return lines;
}

/**
 * columns: [{ title, key }]; rows: objects. Returns the table as a string.
 * @param {{ title: string, key: string }[]} columns
 * @param {Record<string, unknown>[]} rows
 */
function formatTable(columns, rows, totalWidth = process.stdout.columns || 120) {
	const cells = rows.map((row) => columns.map((c) => String(row[c.key] ?? '')));
	const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((r) => r[i].length)));
	const fixed = widths.slice(0, -1).reduce((sum, w) => sum + w + 3, 0);
	widths[widths.length - 1] = Math.max(20, Math.min(widths[widths.length - 1], totalWidth - fixed - 1));
	const line = (/** @type {string[]} */ values) => values.map((v, i) => v.padEnd(widths[i])).join(' | ').trimEnd();
	const out = [line(columns.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('-+-')];
	for (const row of cells) {
		const last = wrap(row[row.length - 1], widths[widths.length - 1]);
		out.push(line([...row.slice(0, -1), last[0]]));
		for (const more of last.slice(1)) out.push(line([...row.slice(0, -1).map(() => ''), more]));
	}
	return out.join('\n');
}

module.exports = { formatTable };
