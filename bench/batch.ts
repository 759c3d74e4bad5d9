// 4. Batch: 500 text documents with a saved classifier against an emulator with Extend's
// pay-as-you-go request limits (10 requests/s per category) and a throughput limit scaled so the
// documents take a minute, once per item and once as a batch.
import { startEmulator } from '../test/emulator';
import { classifyParams, runExtend } from '../test/support/extendNode';
import type { Figure } from './report';

export const BATCH = { documents: 500, filesPerMinute: 500, latencyMs: 1000, concurrency: 10 };

const TEXTS = ['Invoice number {n}: total amount due 10 EUR.', 'Receipt {n}: paid 4.20 by card, thank you.', 'Service agreement {n} between the parties, signed.'];

async function classifyAll(submission: 'perItem' | 'batch') {
	const emulator = await startEmulator({ latencyMs: BATCH.latencyMs, plan: { tier: 'payg', filesPerMinute: BATCH.filesPerMinute } });
	try {
		const input = Array.from({ length: BATCH.documents }, (_, n) => ({ json: { text: TEXTS[n % TEXTS.length].replace('{n}', String(n)) } }));
		const parameters = classifyParams({
			classifierSource: 'saved',
			classifierId: { __rl: true, mode: 'id', value: 'cl_document_types' },
			classifierVersion: 'latest',
			submission,
			simplify: true,
			options: { concurrency: BATCH.concurrency, maxWaitSeconds: 900 },
		});
		const started = Date.now();
		const result = await runExtend(emulator.baseUrl, parameters, input);
		const wallMs = Date.now() - started;
		if (result.status !== 'success' || result.items.length !== BATCH.documents) throw new Error(`${submission} run failed: ${result.error?.message}`);
		const stats = emulator.stats();
		const requests = Object.values(stats.requests).reduce((sum, n) => sum + n, 0);
		return { wallMs, requests, rateLimited: stats.responsesByStatus['429'] ?? 0 };
	} finally {
		await emulator.stop();
	}
}

export async function benchBatch(): Promise<Figure[]> {
	const floorMs = (BATCH.documents / BATCH.filesPerMinute) * 60_000;
	const batch = await classifyAll('batch');
	const perItem = await classifyAll('perItem');
	return [
		{ name: 'throughputFloorMs', value: floorMs, unit: 'ms' },
		{ name: 'batch.requestsPerDocument', value: batch.requests / BATCH.documents, goal: '≤ 1.2', met: batch.requests / BATCH.documents <= 1.2 },
		{ name: 'batch.wallOverFloor', value: batch.wallMs / floorMs, goal: '≤ 1.1', met: batch.wallMs / floorMs <= 1.1 },
		{ name: 'batch.rateLimited429', value: batch.rateLimited, goal: '0', met: batch.rateLimited === 0 },
		{ name: 'batch.wallMs', value: batch.wallMs, unit: 'ms' },
		{ name: 'perItem.requestsPerDocument', value: perItem.requests / BATCH.documents },
		{ name: 'perItem.wallOverFloor', value: perItem.wallMs / floorMs },
		{ name: 'perItem.rateLimited429', value: perItem.rateLimited },
		{ name: 'perItem.wallMs', value: perItem.wallMs, unit: 'ms' },
	];
}
