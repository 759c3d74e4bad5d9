// The poller with a stubbed HTTP helper: what it repeats, what it gives up on, its budget, and the
// cancel after a stop, for one run and for a batch. Fast and exact where the emulator tests only see
// the outcome.
import type { IHttpRequestOptions } from 'n8n-workflow';

import { BATCH_GETS_PER_SECOND, Pacer } from '../../../../nodes/Extend/runs/batchRuns';
import { nextBatchLookMs, waitForBatch, waitForRun } from '../../../../nodes/Extend/runs/poller';
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

/**
 * A batch at a stubbed Extend: run `id` is PROCESSED from the `endsAtList[id]`-th listing of the
 * batch's runs on (never when absent); the batch's own status is `batchStatus`.
 */
function fakeBatch(endsAtList: Record<string, number | undefined>, options: { batchStatus?: string; onList?: (lists: number) => void } = {}) {
	const ids = Object.keys(endsAtList);
	let lists = 0;
	const status = (id: string) => (endsAtList[id] !== undefined && lists >= endsAtList[id]! ? 'PROCESSED' : 'PROCESSING');
	return (request: IHttpRequestOptions): StubResponse => {
		const url = String(request.url);
		if (request.method === 'GET' && url === '/classify_runs') {
			lists++;
			options.onList?.(lists);
			return { statusCode: 200, body: { data: ids.map((id) => ({ object: 'classify_run', id, status: status(id), updatedAt: new Date().toISOString() })) } };
		}
		if (request.method === 'GET' && url.startsWith('/classify_runs/')) {
			const id = decodeURIComponent(url.split('/').pop()!);
			return { statusCode: 200, body: { object: 'classify_run', id, status: status(id), output: { type: 'invoice' } } };
		}
		if (request.method === 'GET' && url.startsWith('/batch_runs/')) return { statusCode: 200, body: { object: 'batch_run', id: 'bpr_1', status: options.batchStatus ?? 'PROCESSING' } };
		if (request.method === 'POST' && url.endsWith('/cancel')) return { statusCode: 200, body: { object: 'classify_run', status: 'CANCELLED' } };
		throw new Error(`unexpected ${request.method} ${url}`);
	};
}

const submitted = (runCount: number) => ({ object: 'batch_run', id: 'bpr_1', status: 'PENDING', runCount });
const batchOptions = () => ({ itemIndex: 0, maxWaitMs: 10_000, cancelOnStop: true, startedAt: Date.now(), schedule: FAST, pacer: new Pacer(BATCH_GETS_PER_SECOND) });
const urls = (calls: Array<{ request: IHttpRequestOptions }>, method: string, pattern: RegExp) =>
	calls.filter((c) => c.request.method === method && pattern.test(String(c.request.url))).map((c) => String(c.request.url));
const ids = (runs: Array<{ id?: unknown }>) => runs.map((r) => String(r.id)).sort();

describe('waitForBatch', () => {
	it('fetches each run in full once it ended, while the batch goes on, and ends when all have without asking for the batch', async () => {
		const { ctx, calls } = stubContext(fakeBatch({ clr_a: 1, clr_b: 2, clr_c: 2 }));
		const outcome = await waitForBatch.call(ctx, submitted(3), batchOptions());
		expect(ids(outcome.finished)).toEqual(['clr_a', 'clr_b', 'clr_c']);
		expect(outcome.finished.every((run) => run.status === 'PROCESSED' && run.output !== undefined)).toBe(true);
		expect(outcome.unfinished).toEqual([]);
		expect(urls(calls, 'GET', /^\/classify_runs\/clr_/).sort()).toEqual(['/classify_runs/clr_a', '/classify_runs/clr_b', '/classify_runs/clr_c']);
		expect(urls(calls, 'GET', /^\/classify_runs$/)).toHaveLength(2);
		expect(urls(calls, 'GET', /^\/batch_runs\//)).toEqual([]);
	});

	it('asks for the batch only when nothing ended, and lists once more when the batch ended as a whole', async () => {
		const { ctx, calls } = stubContext(fakeBatch({ clr_a: 1, clr_b: undefined }, { batchStatus: 'FAILED' }));
		const outcome = await waitForBatch.call(ctx, submitted(2), batchOptions());
		expect(outcome.batch).toMatchObject({ id: 'bpr_1', status: 'FAILED' });
		expect(ids(outcome.finished)).toEqual(['clr_a']);
		expect(outcome.unfinished).toEqual([expect.objectContaining({ id: 'clr_b', status: 'PROCESSING' })]);
		expect(urls(calls, 'GET', /^\/batch_runs\//)).toEqual(['/batch_runs/bpr_1']);
		expect(urls(calls, 'GET', /^\/classify_runs$/)).toHaveLength(3);
	});

	it('at the end of the budget, gives the latest summary of every run still going and cancels none', async () => {
		const { ctx, calls } = stubContext(fakeBatch({ clr_a: undefined, clr_b: undefined }));
		const outcome = await waitForBatch.call(ctx, submitted(2), { ...batchOptions(), maxWaitMs: 300 });
		expect(outcome.finished).toEqual([]);
		expect(ids(outcome.unfinished)).toEqual(['clr_a', 'clr_b']);
		expect(outcome.batch).toMatchObject({ status: 'PROCESSING' });
		expect(urls(calls, 'POST', /cancel$/)).toEqual([]);
	});

	it('on a stop, cancels every run that has not ended (Cancel Run on Stop), and only those', async () => {
		const stop = new AbortController();
		const { ctx, calls } = stubContext(fakeBatch({ clr_a: 1, clr_b: undefined, clr_c: undefined }, { onList: (n) => n === 2 && setTimeout(() => stop.abort(new Error('stopped')), 0) }));
		await expect(waitForBatch.call(ctx, submitted(3), { ...batchOptions(), signal: stop.signal })).rejects.toThrow('stopped');
		expect(urls(calls, 'POST', /cancel$/).sort()).toEqual(['/classify_runs/clr_b/cancel', '/classify_runs/clr_c/cancel']);
	});

	it('cancels nothing on a stop when Cancel Run on Stop is off', async () => {
		const stop = new AbortController();
		const { ctx, calls } = stubContext(fakeBatch({ clr_a: undefined }, { onList: () => setTimeout(() => stop.abort(new Error('stopped')), 0) }));
		await expect(waitForBatch.call(ctx, submitted(1), { ...batchOptions(), cancelOnStop: false, signal: stop.signal })).rejects.toThrow('stopped');
		expect(urls(calls, 'POST', /cancel$/)).toEqual([]);
	});
});
