// A batch's runs with a stubbed HTTP helper: the summaries listed page by page (stopping at `since`),
// the full runs fetched in order and a few at a time, and every request paced.
import type { IDataObject } from 'n8n-workflow';

import { BATCH_GETS_PER_SECOND, fetchRuns, listBatchRunSummaries, Pacer } from '../../../../nodes/Extend/runs/batchRuns';
import { stubContext, type StubResponse } from '../../../support/stubContext';

/** A pacer that lets everyone through at once and notes each wait in `events`. */
function countingPacer(events: string[]): Pacer {
	return { wait: async () => void events.push('wait') } as unknown as Pacer;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Pacer', () => {
	it("stays below Extend's smallest GET limit (10 a second)", () => {
		expect(BATCH_GETS_PER_SECOND).toBeLessThan(10);
	});

	it('spaces callers 1/perSecond apart, however many ask at once; the first goes at once', async () => {
		const pacer = new Pacer(20);
		const start = Date.now();
		const at = await Promise.all(Array.from({ length: 4 }, async () => (await pacer.wait(), Date.now() - start)));
		expect(at[0]).toBeLessThan(40);
		for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(45);
	});

	it('stops waiting when the signal aborts', async () => {
		const pacer = new Pacer(1);
		await pacer.wait();
		const stop = new AbortController();
		const waiting = pacer.wait(stop.signal);
		stop.abort(new Error('stopped'));
		await expect(waiting).rejects.toThrow('stopped');
	});
});

describe('listBatchRunSummaries', () => {
	const summary = (id: string, updatedAt: string) => ({ object: 'classify_run', id, updatedAt });

	it('lists every page of the batch, newest change first, with a pacer wait before each request', async () => {
		const events: string[] = [];
		const pages = [
			{ data: [summary('clr_3', '2026-12-01T10:03:00Z'), summary('clr_2', '2026-12-01T10:02:00Z')], nextPageToken: 't1' },
			{ data: [summary('clr_1', '2026-12-01T10:01:00Z')] },
		];
		const { ctx, calls } = stubContext((_request, call): StubResponse => (events.push('request'), { statusCode: 200, body: pages[call - 1] }));
		const summaries = await listBatchRunSummaries.call(ctx, 'bpr_1', { pacer: countingPacer(events) });
		expect(summaries.map((s) => s.id)).toEqual(['clr_3', 'clr_2', 'clr_1']);
		expect(calls.map((c) => [c.request.url, c.request.qs])).toEqual([
			['/classify_runs', { batchId: 'bpr_1', sortBy: 'updatedAt', sortDir: 'desc', maxPageSize: 100 }],
			['/classify_runs', { batchId: 'bpr_1', sortBy: 'updatedAt', sortDir: 'desc', maxPageSize: 100, nextPageToken: 't1' }],
		]);
		expect(events.slice(0, 4)).toEqual(['wait', 'request', 'wait', 'request']);
	});

	it('stops after the page that reaches runs not changed since `since`', async () => {
		const pages = [
			{ data: [summary('clr_4', '2026-12-01T10:04:00Z'), summary('clr_3', '2026-12-01T10:03:00Z')], nextPageToken: 't1' },
			{ data: [summary('clr_2', '2026-12-01T10:02:00Z'), summary('clr_1', '2026-12-01T09:00:00Z')], nextPageToken: 't2' },
			{ data: [summary('clr_0', '2026-12-01T08:00:00Z')] },
		];
		const { ctx, calls } = stubContext((_request, call) => ({ statusCode: 200, body: pages[call - 1] }));
		const since = Date.parse('2026-12-01T10:00:00Z');
		const summaries = await listBatchRunSummaries.call(ctx, 'bpr_1', { pacer: countingPacer([]), since });
		expect(summaries.map((s) => s.id)).toEqual(['clr_4', 'clr_3', 'clr_2', 'clr_1']);
		expect(calls).toHaveLength(2);
	});
});

describe('fetchRuns', () => {
	it('returns the full runs in the order of the ids, whatever order they arrive in', async () => {
		const { ctx, calls } = stubContext(async (request) => {
			const id = String(request.url).split('/').pop()!;
			await wait(id === 'clr_1' ? 30 : 5);
			return { statusCode: 200, body: { object: 'classify_run', id: decodeURIComponent(id), status: 'PROCESSED' } };
		});
		const runs = await fetchRuns.call(ctx, ['clr_1', 'clr_2', 'clr/3'], { pacer: countingPacer([]) });
		expect(runs.map((r: IDataObject) => r.id)).toEqual(['clr_1', 'clr_2', 'clr/3']);
		expect(calls.map((c) => c.request.url).sort()).toEqual(['/classify_runs/clr%2F3', '/classify_runs/clr_1', '/classify_runs/clr_2']);
	});

	it('fetches at most 4 at a time, each after a pacer wait', async () => {
		const events: string[] = [];
		let inFlight = 0;
		let most = 0;
		const { ctx } = stubContext(async () => {
			events.push('request');
			most = Math.max(most, ++inFlight);
			await wait(10);
			inFlight--;
			return { statusCode: 200, body: { object: 'classify_run' } };
		});
		const ids = Array.from({ length: 10 }, (_, i) => `clr_${i}`);
		expect(await fetchRuns.call(ctx, ids, { pacer: countingPacer(events) })).toHaveLength(10);
		expect(most).toBe(4);
		expect(events.filter((e) => e === 'wait')).toHaveLength(10);
	});

	it('fetches nothing for no ids', async () => {
		const { ctx, calls } = stubContext(() => ({ statusCode: 200, body: {} }));
		expect(await fetchRuns.call(ctx, [], { pacer: countingPacer([]) })).toEqual([]);
		expect(calls).toHaveLength(0);
	});
});
