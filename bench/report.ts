// Prints a figures table and writes them as one JSON object.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Figure {
	name: string;
	value: number | string | null;
	unit?: string;
	goal?: string;
	met?: boolean;
}

export function printTable(title: string, figures: Figure[]): void {
	const rows = figures.map((f) => [
		f.name,
		f.value === null ? 'n/a' : typeof f.value === 'number' ? String(Math.round(f.value * 1000) / 1000) : f.value,
		f.unit ?? '',
		f.goal ? `${f.goal} ${f.met === undefined ? '' : f.met ? '✔' : '✘'}` : '',
	]);
	const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length), ['figure', 'value', 'unit', 'goal'][c].length));
	const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ');
	process.stdout.write(`\n${title}\n${line(['figure', 'value', 'unit', 'goal'])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
	for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

export function writeResults(path: string, settings: Record<string, unknown>, sections: Record<string, Figure[]>): void {
	// Sections not run this time keep their last figures.
	let previous: { figures?: Record<string, unknown>; settings?: Record<string, unknown> } = {};
	try {
		previous = JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		previous = {};
	}
	const figures: Record<string, unknown> = { ...previous.figures };
	for (const section of Object.keys(sections)) for (const key of Object.keys(figures)) if (key.startsWith(`${section}.`)) delete figures[key];
	for (const [section, list] of Object.entries(sections)) {
		for (const f of list) figures[`${section}.${f.name}`] = { value: f.value, unit: f.unit ?? null, goal: f.goal ?? null, met: f.met ?? null };
	}
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, `${JSON.stringify({ at: new Date().toISOString(), settings: { ...previous.settings, ...settings }, figures }, null, 2)}\n`);
	process.stdout.write(`\nFigures written to ${path}\n`);
}
