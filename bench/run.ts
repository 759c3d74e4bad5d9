// `npm run bench`: speed, polling cost, memory and batch cost against the emulator; prints a table and writes
// bench/results.json. Sections can be picked: `npm run bench -- memory polling`.
import { join } from 'node:path';

import { BATCH, benchBatch } from './batch';
import { benchMemory, CONCURRENT_FILE_BYTES, CONCURRENT_FILES, FILE_BYTES } from './memory';
import { benchPolling, RUN_SECONDS } from './polling';
import { printTable, writeResults, type Figure } from './report';
import { benchThroughput, THROUGHPUT } from './throughput';

const SECTIONS: Record<string, () => Promise<Figure[]>> = {
	throughput: benchThroughput,
	polling: benchPolling,
	memory: benchMemory,
	batch: benchBatch,
};

async function main(): Promise<void> {
	process.env.N8N_LOG_LEVEL = 'silent';
	const wanted = process.argv.slice(2).filter((a) => a in SECTIONS);
	const names = wanted.length ? wanted : Object.keys(SECTIONS);
	const results: Record<string, Figure[]> = {};
	for (const name of names) {
		process.stdout.write(`running ${name}...\n`);
		results[name] = await SECTIONS[name]();
		printTable(name, results[name]);
	}
	const settings = { throughput: THROUGHPUT, pollingRunSeconds: RUN_SECONDS, memoryFileBytes: FILE_BYTES, memoryConcurrent: { files: CONCURRENT_FILES, fileBytes: CONCURRENT_FILE_BYTES }, batch: BATCH, node: process.version };
	writeResults(join(__dirname, '..', '..', '..', 'bench', 'results.json'), settings, results);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${(error as Error).stack}\n`);
		process.exit(1);
	},
);
