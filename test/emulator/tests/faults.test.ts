// Injected faults (429/500/503, dropped connections, slow answers), the rate limit, seeded
// determinism and the fault/run statistics.
import { Extend } from 'extend-ai';

import { startEmulator, type Emulator } from '../index';
import { emptyStats } from '../types';
import { INLINE_CONFIG, call, sdk } from './helpers';

const emulators: Emulator[] = [];
async function start(options: Parameters<typeof startEmulator>[0]): Promise<Emulator> {
	const em = await startEmulator({ latencyMs: 20, ...options });
	emulators.push(em);
	return em;
}
afterAll(async () => await Promise.all(emulators.map((em) => em.stop())));

const createBody = { file: { text: 'Invoice 1' }, config: INLINE_CONFIG };

describe('injected faults', () => {
	it('answers 429 with Retry-After and retryable:true on the targeted route only', async () => {
		const em = await start({ seed: 1, faults: { status429: 1, routes: ['GET /classify_runs'] } });
		const res = await call(em, 'GET', '/classify_runs');
		expect(res.status).toBe(429);
		expect(res.headers['retry-after']).toBe('1');
		expect(res.json).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryable: true, requestId: expect.stringMatching(/^req_/) });
		expect((await call(em, 'GET', '/classifiers')).status).toBe(200);
		await expect(sdk(em).classifyRuns.list()).rejects.toBeInstanceOf(Extend.TooManyRequestsError);
		expect(em.stats().faultsInjected).toEqual({ '429': 2 });
	});

	it('answers 500 INTERNAL_ERROR and 503, retryable', async () => {
		const em = await start({ seed: 1, faults: { status500: 1 } });
		const res = await call(em, 'POST', '/classify_runs', { body: createBody });
		expect([res.status, res.json.code, res.json.retryable]).toEqual([500, 'INTERNAL_ERROR', true]);
		em.setFaults({ status503: 1, routes: ['*'] });
		expect((await call(em, 'GET', '/classifiers')).status).toBe(503);
		await expect(sdk(em).classifiers.list()).rejects.toMatchObject({ statusCode: 503 });
		em.setFaults(undefined);
		expect((await call(em, 'GET', '/classifiers')).status).toBe(200);
		expect(em.stats()).toMatchObject({ runsCreated: 0, faultsInjected: { '500': 1, '503': 2 } });
	});

	it('dropBefore destroys the socket before anything is created', async () => {
		const em = await start({ seed: 1, faults: { dropBefore: 1, routes: ['POST /classify_runs'] } });
		await expect(call(em, 'POST', '/classify_runs', { body: createBody })).rejects.toThrow();
		expect(em.stats()).toMatchObject({ runsCreated: 0, faultsInjected: { dropBefore: 1 }, requests: { 'POST /classify_runs': 1 } });
	});

	it('dropAfter creates the run, then destroys the socket; a client retry makes a duplicate', async () => {
		const em = await start({ seed: 1, faults: { dropAfter: 1, routes: ['POST /classify_runs'] } });
		await expect(call(em, 'POST', '/classify_runs', { body: createBody })).rejects.toThrow();
		await expect(call(em, 'POST', '/classify_runs', { body: createBody })).rejects.toThrow();
		const stats = em.stats();
		expect(stats.runsCreated).toBe(2);
		expect(stats.faultsInjected).toEqual({ dropAfter: 2 });
		expect(Object.values(stats.runsPerInput)).toEqual([2]);
		const list = await call(em, 'GET', '/classify_runs');
		expect(list.json.data).toHaveLength(2);
	});

	it('slowMs delays answers', async () => {
		const em = await start({ seed: 1, faults: { slowMs: 250 } });
		const started = Date.now();
		expect((await call(em, 'GET', '/classifiers')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
	});

	it('never applies to /__samples or signed URLs', async () => {
		const em = await start({ seed: 1, faults: { status500: 1, routes: ['*'] } });
		expect((await call(em, 'GET', '/__samples/receipt.txt', { headers: {} })).status).toBe(200);
		expect((await call(em, 'GET', '/__samples', { headers: {} })).json.samples).toContain('invoice.pdf');
		expect((await call(em, 'GET', '/__signed/sig_unknown', { headers: {} })).status).toBe(404);
		expect(em.stats().faultsInjected).toEqual({});
	});

	it('is deterministic for a seed', async () => {
		const sequence = async (seed: number): Promise<number[]> => {
			const em = await start({ seed, faults: { status500: 0.3, status429: 0.2 } });
			const statuses: number[] = [];
			for (let i = 0; i < 20; i++) statuses.push((await call(em, 'GET', '/classifiers')).status);
			return statuses;
		};
		const first = await sequence(42);
		expect(await sequence(42)).toEqual(first);
		expect(new Set(first)).toEqual(new Set([200, 429, 500]));
		expect(await sequence(43)).not.toEqual(first);
	});
});

describe('rate limit', () => {
	it('limits each category (GET, WRITE, RUN) separately with 429 RATE_LIMIT_EXCEEDED and Retry-After', async () => {
		const em = await start({ seed: 1, rateLimit: { perSecond: 2 } });
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await call(em, 'GET', '/classifiers')).status);
		expect(statuses).toEqual([200, 200, 429]);
		const limited = await call(em, 'GET', '/classify_runs');
		expect(limited.json).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryable: true });
		expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		// RUN has its own bucket.
		expect((await call(em, 'POST', '/classify_runs', { body: createBody })).status).toBe(200);
		expect(em.stats().faultsInjected.rateLimited).toBe(2);
		em.setRateLimit(null);
		expect((await call(em, 'GET', '/classifiers')).status).toBe(200);
	});
});

describe('stats', () => {
	it('counts requests by templated route key and per polled run; resetStats clears them', async () => {
		const em = await start({ seed: 1 });
		const run = (await call(em, 'POST', '/classify_runs', { body: createBody })).json;
		await call(em, 'GET', `/classify_runs/${run.id}`);
		await call(em, 'GET', `/classify_runs/${run.id}`);
		await em.waitForRun(run.id);
		const stats = em.stats();
		expect(stats.requests).toEqual({ 'POST /classify_runs': 1, 'GET /classify_runs/{id}': 2 });
		expect(stats.requestsByRun).toEqual({ [run.id]: 2 });
		expect(stats.runEndedAt[run.id]).toBeLessThanOrEqual(Date.now());
		expect(stats.runsPerInput).toEqual({ [JSON.stringify({ file: createBody.file })]: 1 });
		em.resetStats();
		expect(em.stats()).toEqual(emptyStats());
	});
});
