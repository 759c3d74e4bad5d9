// The poller with a stubbed HTTP helper: what it repeats, what it gives up on, its budget, and the
// cancel after a stop. Fast and exact where the emulator tests only see the outcome.
import { waitForRun, nextBatchLookMs } from '../../../../nodes/Extend/runs/poller';
import { connectionReset, stubContext, type StubResponse } from '../../../support/stubContext';

const FAST = { minDelayMs: 5, growth: 0, maxDelayMs: 5 };
const run = (status: string): StubResponse => ({ statusCode: 200, body: { object: 'classify_run', id: 'clr_1', status } });
const gets = (calls: Array<{ request: { method?: string; url: string } }>) => calls.filter((c) => c.request.method === 'GET').length;
const options = { itemIndex: 0, maxWaitMs: 2000, onTimeout: 'error' as const, cancelOnStop: true, schedule: FAST };

describe('waitForRun', () => {
	it('looks until the run ends and returns it', async () => {
		const { ctx, calls } = stubContext((_r, n) => run(n < 3 ? 'PROCESSING' : 'PROCESSED'));
		await expect(waitForRun.call(ctx, 'clr_1', options)).resolves.toMatchObject({ status: 'PROCESSED' });
		expect(gets(calls)).toBe(3);
	});

	it('rides out dropped connections during a look (the transport repeats reads) and gets the run', async () => {
		const { ctx, calls } = stubContext((_r, n) => {
			if (n <= 2) throw connectionReset();
			return run('PROCESSED');
		});
		await expect(waitForRun.call(ctx, 'clr_1', { ...options, maxWaitMs: 30_000 })).resolves.toMatchObject({ status: 'PROCESSED' });
		expect(gets(calls)).toBe(3);
	});

	it('gives up at once on a 404 (not transient)', async () => {
		const { ctx, calls } = stubContext(() => ({ statusCode: 404, body: { code: 'NOT_FOUND', message: 'Classify run clr_1 not found' } }));
		await expect(waitForRun.call(ctx, 'clr_1', options)).rejects.toThrow(/not found/i);
		expect(gets(calls)).toBe(1);
	});

	it('refuses a wait budget that is not a positive number instead of polling without pause', async () => {
		const { ctx, calls } = stubContext(() => run('PROCESSING'));
		await expect(waitForRun.call(ctx, 'clr_1', { ...options, maxWaitMs: Number.NaN })).rejects.toThrow('The wait budget NaN ms is not a positive number');
		expect(calls).toHaveLength(0);
	});

	it('ends at the budget naming the operation as the UI does', async () => {
		const { ctx } = stubContext(() => run('PROCESSING'));
		const error = await waitForRun.call(ctx, 'clr_1', { ...options, maxWaitMs: 100 }).catch((e: Error & { description?: string }) => e);
		expect(error).toMatchObject({ message: 'Extend run clr_1 did not finish within 0 seconds (last status: PROCESSING).' });
		expect((error as { description?: string }).description).toMatch(/Classify Run operation Get and ID clr_1/);
	});

	it('on a stop, stops looking and cancels the run once (Cancel Run on Stop)', async () => {
		const stub = stubContext(() => run('PROCESSING'));
		const controller = new AbortController();
		setTimeout(() => controller.abort(new Error('stopped')), 50);
		await expect(waitForRun.call(stub.ctx, 'clr_1', { ...options, signal: controller.signal })).rejects.toThrow();
		const cancels = stub.calls.filter((c) => c.request.method === 'POST' && String(c.request.url).endsWith('/classify_runs/clr_1/cancel'));
		expect(cancels).toHaveLength(1);
		const looksAfter = stub.calls.filter((c) => c.request.method === 'GET' && c.at > Date.now() + 1);
		expect(looksAfter).toHaveLength(0);
	});
});

describe('nextBatchLookMs', () => {
	const schedule = { minDelayMs: 1000, growth: 0.2, maxDelayMs: 30_000 };

	it('follows the single-run schedule until a run of the batch ended', () => {
		expect(nextBatchLookMs(0, 0, 500, schedule)).toBe(1000);
		expect(nextBatchLookMs(20_000, 0, 500, schedule)).toBe(4000);
	});

	it('then looks when about 20 more runs should have ended at the pace seen so far', () => {
		// 500 runs ended in 60 s: 120 ms a run, 20 runs in 2.4 s.
		expect(nextBatchLookMs(60_000, 500, 400, schedule)).toBe(2400);
		// A slow batch (80 files a minute): 20 runs in 15 s.
		expect(nextBatchLookMs(600_000, 800, 200, schedule)).toBe(15_000);
	});

	it('never waits longer than the single-run schedule, however slow the first runs looked', () => {
		// 9 runs ended in the first 2 s (222 ms a run): 20 runs would be 4.4 s, the single-run schedule says 1 s.
		expect(nextBatchLookMs(2000, 9, 491, schedule)).toBe(1000);
		expect(nextBatchLookMs(12_000, 10, 400, schedule)).toBe(2400);
	});

	it('sees the last runs soon: the wait shrinks with the runs left, never under a second', () => {
		expect(nextBatchLookMs(60_000, 495, 5, schedule)).toBe(1000);
		expect(nextBatchLookMs(60_000, 500, 10, schedule)).toBe(1200);
		expect(nextBatchLookMs(60_000, 500, 0, schedule)).toBe(1000);
	});
});
