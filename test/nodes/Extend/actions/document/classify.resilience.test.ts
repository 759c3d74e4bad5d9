// Many items, rate limits, server faults and dropped connections: order kept, nothing lost,
// no duplicate run, and the API key nowhere in the output.
import { startEmulator, type Emulator } from '../../../../emulator';
import { API_KEY, classifyParams, runExtend } from '../../../../support/extendNode';
import { DOCS } from '../documents';

const kinds = ['invoice', 'receipt', 'contract', 'resume', 'other'] as const;
const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { n: i, text: DOCS[kinds[i % kinds.length]] } }));

function expectOneRunPerItem(emulator: Emulator, items: number) {
	const stats = emulator.stats();
	expect(stats.runsCreated).toBe(items);
	expect(Object.values(stats.runsPerInput).every((count) => count === 1)).toBe(true);
}

describe('Classify File: concurrency and resilience', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator({ latencyMs: 300, seed: 7, apiKey: API_KEY })));
	afterAll(async () => await emulator.stop());
	beforeEach(() => {
		emulator.resetStats();
		emulator.setFaults(undefined);
		emulator.setRateLimit(null);
	});

	it('classifies many items concurrently within the bound, in input order with pairedItem', async () => {
		const started = Date.now();
		const result = await runExtend(emulator.baseUrl, classifyParams({ simplify: true, options: { concurrency: 5 } }), batch(15));
		const elapsed = Date.now() - started;
		expect(result.status).toBe('success');
		expect(result.items.map((i) => i.json.classificationType)).toEqual(batch(15).map((b) => kinds[b.json.n % kinds.length]));
		expect(result.items.map((i) => i.pairedItem)).toEqual(batch(15).map((_, i) => ({ item: i })));
		// 15 runs of 300 ms each, 5 at a time, cannot have run one after another.
		expect(elapsed).toBeLessThan(15 * 1300);
		expectOneRunPerItem(emulator, 15);
	});

	it('rides out rate limiting (429 + Retry-After) without losing or duplicating anything', async () => {
		emulator.setRateLimit({ perSecond: 4 });
		const result = await runExtend(emulator.baseUrl, classifyParams({ simplify: true, options: { concurrency: 8 } }), batch(10));
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(10);
		expect(result.items.every((i) => i.json.status === 'PROCESSED')).toBe(true);
		expect(emulator.stats().faultsInjected.rateLimited ?? 0).toBeGreaterThan(0);
		expectOneRunPerItem(emulator, 10);
	});

	it('retries injected 429/503 and dropped connections, creating exactly one run per item', async () => {
		emulator.setFaults({ status429: 0.2, status503: 0.1, dropBefore: 0.05, dropAfter: 0.05 });
		const result = await runExtend(emulator.baseUrl, classifyParams({ simplify: true, options: { concurrency: 4 } }), batch(12), { continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(12);
		const injected = emulator.stats().faultsInjected;
		expect(Object.values(injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
		const done = result.items.filter((i) => i.json.status === 'PROCESSED');
		expect(done.length).toBe(12);
		expectOneRunPerItem(emulator, 12);
	});

	it('after a create that may have succeeded, finds the run instead of creating a second one', async () => {
		emulator.setFaults({ dropAfter: 1, routes: ['POST /classify_runs'] });
		const result = await runExtend(emulator.baseUrl, classifyParams(), [{ json: { text: DOCS.invoice } }]);
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ output: { type: 'invoice' } });
		expect(emulator.stats().faultsInjected.dropAfter).toBe(1);
		expectOneRunPerItem(emulator, 1);
	});

	it('never puts the API key in an item, an error or a message', async () => {
		emulator.setFaults({ status500: 1, routes: ['GET /classify_runs/{id}'] });
		const result = await runExtend(
			emulator.baseUrl,
			classifyParams({ options: { maxWaitSeconds: 2 } }),
			[{ json: { text: DOCS.invoice } }, { json: { text: '' } }],
			{ continueOnFail: true },
		);
		const wrongKey = await runExtend(emulator.baseUrl, classifyParams(), [{ json: { text: DOCS.invoice } }], { credentials: { apiKey: 'sk_wrong_key_987654321' } });
		expect(wrongKey.error?.message).toMatch(/UNAUTHORIZED/);
		const everything = JSON.stringify([result.run, wrongKey.run, String(wrongKey.error?.stack)]);
		expect(everything).not.toContain(API_KEY);
		expect(everything).not.toContain('sk_wrong_key_987654321');
		expect(result.items[0].json.error).toMatch(/INTERNAL_ERROR/);
	});
});
