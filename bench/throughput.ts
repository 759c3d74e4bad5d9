// 1. Throughput: 100 items through Classify File (Wait for Result) with 2 s runs.
import { startEmulator } from '../test/emulator';
import { classifyParams, runExtend } from '../test/support/extendNode';
import type { Figure } from './report';

export const THROUGHPUT = { items: 100, latencyMs: 2000, concurrency: 10 };

async function timeRun(baseUrl: string, concurrency: number): Promise<number> {
	const input = Array.from({ length: THROUGHPUT.items }, (_, n) => ({ json: { text: `Invoice number ${n}: total amount due 10 EUR.` } }));
	const started = Date.now();
	const result = await runExtend(baseUrl, classifyParams({ simplify: true, options: { concurrency } }), input);
	const ms = Date.now() - started;
	if (result.status !== 'success' || result.items.length !== THROUGHPUT.items) throw new Error(`throughput run failed: ${result.error?.message}`);
	return ms;
}

export async function benchThroughput(): Promise<Figure[]> {
	const emulator = await startEmulator({ latencyMs: THROUGHPUT.latencyMs });
	try {
		const { items, latencyMs, concurrency } = THROUGHPUT;
		const wall = await timeRun(emulator.baseUrl, concurrency);
		const ideal = Math.ceil(items / concurrency) * latencyMs;
		const sequential = await timeRun(emulator.baseUrl, 1);
		return [
			{ name: 'wallMs', value: wall, unit: 'ms' },
			{ name: 'idealMs', value: ideal, unit: 'ms' },
			{ name: 'ratio', value: wall / ideal, goal: '≤ 1.15', met: wall / ideal <= 1.15 },
			{ name: 'sequentialWallMs', value: sequential, unit: 'ms' },
			{ name: 'speedupOverSequential', value: sequential / wall, unit: '×' },
		];
	} finally {
		await emulator.stop();
	}
}
