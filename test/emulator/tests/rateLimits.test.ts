// The plan profile: Extend's per-category request limits (429 RATE_LIMIT_EXCEEDED + Retry-After)
// and the files-per-minute throughput queue, set through startEmulator, setPlan and the control API.
// Pacing is checked by order and by lower bounds on elapsed time only (a slow machine cannot fail them).
import { Extend } from 'extend-ai';

import { PLAN_TIERS, startEmulator, type Emulator } from '../index';
import { call, sdk } from './helpers';

const emulators: Emulator[] = [];
async function start(options: Parameters<typeof startEmulator>[0]): Promise<Emulator> {
	const em = await startEmulator({ latencyMs: 0, seed: 5, ...options });
	emulators.push(em);
	return em;
}
afterEach(async () => {
	await Promise.all(emulators.splice(0).map((em) => em.stop()));
});

const classifier = { id: 'cl_document_types' };
const text = (n: number) => ({ file: { text: `Receipt ${n}: paid by card` } });
const burst = async (n: number, send: () => Promise<{ status: number }>) => {
	const statuses: number[] = [];
	for (let i = 0; i < n; i++) statuses.push((await send()).status);
	return statuses;
};

describe('request limits per category', () => {
	it('are off by default', async () => {
		const em = await start({});
		expect(em.plan()).toBeNull();
		expect(new Set(await burst(30, () => call(em, 'GET', '/classifiers')))).toEqual(new Set([200]));
	});

	it('pay-as-you-go is 10 requests per second per category and 80 files per minute', async () => {
		const em = await start({ plan: 'payg' });
		expect(em.plan()).toEqual({ tier: 'payg', requestsPerSecond: { GET: 10, WRITE: 10, RUN: 10 }, filesPerMinute: 80 });
		expect(PLAN_TIERS).toEqual({
			payg: { requestsPerSecond: 10, filesPerMinute: 80 },
			scale: { requestsPerSecond: 25, filesPerMinute: 120 },
			enterprise: { requestsPerSecond: 75, filesPerMinute: 300 },
		});
	});

	// One request per second, so the second request of a category is always within its window.
	it('answer 429 with Extend’s body and Retry-After per category (GET, WRITE, RUN), counted in stats', async () => {
		const em = await start({ plan: { requestsPerSecond: 1, filesPerMinute: null } });
		expect(await burst(2, () => call(em, 'GET', '/classify_runs'))).toEqual([200, 429]);
		const limited = await call(em, 'GET', '/batch_runs/bpr_x');
		expect(limited.status).toBe(429);
		expect(limited.json).toEqual({ code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests. Back off and retry.', retryable: true, requestId: limited.headers['x-extend-request-id'] });
		expect(limited.headers['retry-after']).toBe('1');
		await expect(sdk(em).classifiers.list()).rejects.toBeInstanceOf(Extend.TooManyRequestsError);
		// WRITE and RUN have buckets of their own; a batch is one RUN request.
		expect(await burst(2, () => call(em, 'POST', '/webhook_endpoints', { body: {} }))).toEqual([400, 429]);
		expect(await burst(2, () => call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs: [text(1), text(2)] } }))).toEqual([200, 429]);
		const stats = em.stats();
		expect(stats.requestsByCategory).toEqual({ GET: 4, WRITE: 2, RUN: 2 });
		expect(stats.rateLimitedByCategory).toEqual({ GET: 3, WRITE: 1, RUN: 1 });
		expect(stats.responsesByStatus).toEqual({ '200': 2, '400': 1, '429': 5 });
		expect(stats.faultsInjected.rateLimited).toBe(5);
	});

	it('take per-category figures and the legacy rateLimit, which replaces the plan’s request rates', async () => {
		const em = await start({ plan: { tier: 'scale', requestsPerSecond: { GET: 1, WRITE: null } }, rateLimit: null });
		expect(em.plan()).toEqual({ tier: 'scale', requestsPerSecond: { GET: 1, WRITE: null, RUN: 25 }, filesPerMinute: 120 });
		expect(await burst(2, () => call(em, 'GET', '/classifiers'))).toEqual([200, 429]);
		expect(await burst(30, () => call(em, 'DELETE', '/classify_runs/clr_x'))).toEqual(Array(30).fill(404));
		em.setRateLimit({ perSecond: 1 });
		expect(em.plan()).toEqual({ tier: 'scale', requestsPerSecond: { GET: 1, WRITE: 1, RUN: 1 }, filesPerMinute: 120 });
		em.setRateLimit(null);
		em.setPlan(null);
		expect(em.plan()).toBeNull();
		expect(await burst(5, () => call(em, 'GET', '/classifiers'))).toEqual([200, 200, 200, 200, 200]);
	});

	it('reject invalid profiles', async () => {
		await expect(startEmulator({ plan: { tier: 'gold' as never } })).rejects.toThrow('plan.tier');
		await expect(startEmulator({ plan: { filesPerMinute: -1 } })).rejects.toThrow('plan.filesPerMinute');
		await expect(startEmulator({ plan: { requestsPerSecond: { RUN: 'fast' as never } } })).rejects.toThrow('plan.requestsPerSecond.RUN');
	});
});

describe('throughput (files per minute)', () => {
	it('keeps queued runs PENDING and starts one file every 60000/filesPerMinute ms', async () => {
		const em = await start({ plan: { requestsPerSecond: null, filesPerMinute: 600 } }); // one file every 100 ms
		const batch = (await call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs: [1, 2, 3, 4, 5].map(text) } })).json;
		const done = await em.waitForBatch(batch.id);
		expect(done.status).toBe('PROCESSED');
		// The first file starts as the batch is created, the fifth 400 ms later at the earliest.
		expect(Math.max(...Object.values(em.stats().runEndedAt)) - Date.parse(batch.createdAt)).toBeGreaterThanOrEqual(4 * 100);
		expect(em.stats().throughput).toMatchObject({ filesStarted: 5, maxQueued: 4 });
		expect(em.stats().throughput.totalQueueWaitMs).toBeGreaterThanOrEqual((1 + 2 + 3 + 4) * 100 - 20);
	});

	it('holds single runs too; a queued run can be cancelled and never starts', async () => {
		const em = await start({ plan: { requestsPerSecond: null, filesPerMinute: 1 } });
		const first = (await call(em, 'POST', '/classify_runs', { body: { ...text(1), classifier } })).json;
		const second = (await call(em, 'POST', '/classify_runs', { body: { ...text(2), classifier } })).json;
		expect([first.status, second.status]).toEqual(['PROCESSING', 'PENDING']);
		expect((await call(em, 'POST', `/classify_runs/${second.id}/cancel`)).json.status).toBe('CANCELLED');
		await em.waitForRun(first.id);
		expect(em.stats().throughput.filesStarted).toBe(1);
	});

	it('starts waiting runs by priority, single runs before batch runs at equal priority, then in order', async () => {
		const em = await start({ plan: { requestsPerSecond: null, filesPerMinute: 1 } });
		const create = async (body: object) => (await call(em, 'POST', '/classify_runs', { body: { classifier, ...body } })).json.id as string;
		const running = await create(text(0));
		const batch = (await call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs: [text(1), text(2)] } })).json;
		const batchRuns = (await call(em, 'GET', `/classify_runs?batchId=${batch.id}&sortDir=asc`)).json.data.map((r: { id: string }) => r.id);
		const late = await create({ ...text(3), priority: 7 });
		const single = await create(text(4));
		const urgent = await create({ ...text(5), priority: 0 });
		expect((await call(em, 'GET', `/batch_runs/${batch.id}`)).json.status).toBe('PENDING');
		em.setPlan({ requestsPerSecond: null, filesPerMinute: 60_000 }); // drain, one per millisecond
		await em.waitForBatch(batch.id);
		await em.waitForRun(late);
		expect(Object.keys(em.stats().runEndedAt)).toEqual([running, single, urgent, ...batchRuns, late]);
	});
});

describe('the control API', () => {
	it('GET /__emulator/plan reads the limits, POST replaces them; stats carry the counters', async () => {
		const em = await start({});
		expect((await call(em, 'GET', '/__emulator/plan', { headers: {} })).json).toEqual({ plan: null });
		const set = await call(em, 'POST', '/__emulator/plan', { headers: {}, body: { filesPerMinute: 500 } });
		expect(set.json).toEqual({ plan: { tier: 'payg', requestsPerSecond: { GET: 10, WRITE: 10, RUN: 10 }, filesPerMinute: 500 } });
		expect(em.plan()?.filesPerMinute).toBe(500);
		const bad = await call(em, 'POST', '/__emulator/plan', { headers: {}, body: { filesPerHour: 5 } });
		expect(bad.status).toBe(400);
		expect(bad.json).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('filesPerHour') });
		await call(em, 'GET', '/classifiers');
		const stats = (await call(em, 'GET', '/__emulator/stats', { headers: {} })).json;
		expect(stats).toMatchObject({ requestsByCategory: { GET: 1 }, responsesByStatus: { '200': 1 }, throughput: { filesStarted: 0 } });
		expect((await call(em, 'POST', '/__emulator/plan', { headers: {}, raw: 'null' })).json).toEqual({ plan: null });
	});
});
