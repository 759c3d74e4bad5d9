// 2. Polling cost: GET requests per run and detection lag for runs of 5, 30, 60 and 300 s, by the
// node and by Extend's SDK (createAndPoll) side by side, all on real time and in parallel.
import { ExtendClient } from 'extend-ai';

import { startEmulator, type Emulator } from '../test/emulator';
import { API_KEY, classifyParams, runExtend } from '../test/support/extendNode';
import type { Figure } from './report';

export const RUN_SECONDS = [5, 30, 60, 300];

interface Measured {
	gets: number;
	lagMs: number;
}

async function byNode(emulator: Emulator, seconds: number): Promise<Measured> {
	const result = await runExtend(
		emulator.baseUrl,
		classifyParams({ options: { metadata: JSON.stringify({ 'emulator:latencyMs': seconds * 1000 }), maxWaitSeconds: seconds * 3 } }),
		[{ json: { text: 'Invoice: total due 10 EUR' } }],
	);
	const returnedAt = Date.now();
	if (result.status !== 'success') throw new Error(`node run of ${seconds}s failed: ${result.error?.message}`);
	const id = String(result.items[0].json.id);
	const stats = emulator.stats();
	return { gets: stats.requestsByRun[id] ?? 0, lagMs: returnedAt - stats.runEndedAt[id] };
}

async function bySdk(emulator: Emulator, seconds: number): Promise<Measured> {
	const client = new ExtendClient({ token: API_KEY, baseUrl: emulator.baseUrl });
	const run = await client.classifyRuns.createAndPoll({
		file: { text: 'Invoice: total due 10 EUR' },
		config: { classifications: [{ id: 'invoice', type: 'invoice', description: 'an invoice' }, { id: 'other', type: 'other', description: 'anything else' }] },
		metadata: { 'emulator:latencyMs': seconds * 1000 },
	});
	const returnedAt = Date.now();
	const stats = emulator.stats();
	return { gets: stats.requestsByRun[run.id] ?? 0, lagMs: returnedAt - stats.runEndedAt[run.id] };
}

export async function benchPolling(): Promise<Figure[]> {
	const emulator = await startEmulator({ latencyMs: 1000 });
	try {
		const jobs = RUN_SECONDS.flatMap((s) => [byNode(emulator, s), bySdk(emulator, s)]);
		const measured = await Promise.all(jobs);
		const figures: Figure[] = [];
		RUN_SECONDS.forEach((s, n) => {
			const node = measured[2 * n];
			const sdk = measured[2 * n + 1];
			const lagShare = node.lagMs / (s * 1000);
			figures.push(
				{ name: `run${s}s.nodeGets`, value: node.gets, goal: s === 60 ? '≤ 12' : undefined, met: s === 60 ? node.gets <= 12 : undefined },
				{ name: `run${s}s.nodeLagMs`, value: node.lagMs, unit: 'ms', goal: '≤ 10 % of run', met: lagShare <= 0.1 },
				{ name: `run${s}s.sdkGets`, value: sdk.gets },
				{ name: `run${s}s.sdkLagMs`, value: sdk.lagMs, unit: 'ms' },
			);
		});
		return figures;
	} finally {
		await emulator.stop();
	}
}
