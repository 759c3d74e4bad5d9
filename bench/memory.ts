// 3. Memory: large uploads through the node, in n8n's binary modes. Each scenario runs in a fresh
// child process (so one scenario's heap cannot hide or inflate the next one's growth); the figure
// is the peak RSS growth of that process over its baseline, divided by the file size. The emulator
// runs in its own process and records the length and SHA-256 of what it received, compared with
// the file sent.
//   filesystem            one 100 MB file in n8n-core's filesystem binary store, File → Upload;
//                         plus its upload speed against a plain undici upload of the same file
//   filesystemStoreRead   the floor: the same file only read from the store, every chunk dropped
//   filesystemConcurrent  ten 50 MB files in the store, Classify File at concurrency 10
//   inMemory              one 100 MB file as base64 on the item (in-memory mode), Classify File
import { spawn } from 'node:child_process';

import { startEmulatorProcess } from './emulatorProcess';
import type { Figure } from './report';

export const FILE_BYTES = 100 * 1024 * 1024;
export const CONCURRENT_FILES = 10;
export const CONCURRENT_FILE_BYTES = 50 * 1024 * 1024;

export const SCENARIOS = ['filesystem', 'filesystemStoreRead', 'filesystemConcurrent', 'inMemory'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Runs one scenario of bench/memoryScenario.ts in a child process and returns its figures. */
function runScenario(scenario: Scenario, baseUrl: string): Promise<Figure[]> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', `${__dirname}/memoryScenario.js`, scenario, baseUrl], {
			stdio: ['ignore', 'pipe', 'inherit'],
			env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
		});
		let out = '';
		child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.once('error', reject);
		child.once('exit', (code) => {
			const line = out.trim().split('\n').pop() ?? '';
			if (code !== 0) return reject(new Error(`memory scenario ${scenario} exited with ${code}: ${out}`));
			try {
				resolve((JSON.parse(line) as Figure[]).map((f) => ({ ...f, name: `${scenario}.${f.name}` })));
			} catch (error) {
				reject(new Error(`memory scenario ${scenario} printed no figures: ${out} (${(error as Error).message})`));
			}
		});
	});
}

/** Each scenario gets a fresh emulator: one's background classify runs must not slow the next. */
export async function benchMemory(): Promise<Figure[]> {
	const wanted = (process.env.BENCH_MEMORY_SCENARIOS ?? '').split(',').filter((s): s is Scenario => (SCENARIOS as readonly string[]).includes(s));
	const figures: Figure[] = [];
	for (const scenario of wanted.length ? wanted : SCENARIOS) {
		process.stdout.write(`  memory: ${scenario}...\n`);
		const emulator = await startEmulatorProcess(['--latency-ms', '200', '--max-upload-bytes', String(FILE_BYTES * 2)]);
		try {
			figures.push(...(await runScenario(scenario, emulator.baseUrl)));
		} finally {
			await emulator.stop();
		}
	}
	const value = (name: string) => figures.find((f) => f.name === name)?.value;
	const upload = value('filesystem.peakRssGrowthBytes');
	const floor = value('filesystemStoreRead.peakRssGrowthBytes');
	if (typeof upload === 'number' && typeof floor === 'number') {
		figures.push({ name: 'filesystem.growthOverStoreReadBytes', value: upload - floor, unit: 'B' });
	}
	return figures;
}
