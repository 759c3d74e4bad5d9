// Paging over Extend's list endpoints with a stubbed HTTP helper: every page in order, the token
// passed on, and an end on the last page, a repeated token, maxPages, the limit and the time.
import type { IDataObject } from 'n8n-workflow';

import { LIST_PAGE_SIZE, listPages } from '../../../../nodes/Extend/transport/listPages';
import { stubContext, type StubResponse } from '../../../support/stubContext';

/** Answers the n-th request with the n-th page (the last one again when asked for more). */
const pagesOf = (...pages: Array<{ data?: unknown; nextPageToken?: unknown }>) => (_request: unknown, call: number): StubResponse => ({
	statusCode: 200,
	body: pages[Math.min(call, pages.length) - 1],
});

async function collect(pages: AsyncGenerator<IDataObject[]>): Promise<IDataObject[][]> {
	const seen: IDataObject[][] = [];
	for await (const page of pages) seen.push(page);
	return seen;
}

describe('listPages', () => {
	it('yields every page in order, passing each nextPageToken on, until a page has none', async () => {
		const { ctx, calls } = stubContext(pagesOf({ data: [{ id: 'a' }], nextPageToken: 't1' }, { data: [{ id: 'b' }, { id: 'c' }], nextPageToken: 't2' }, { data: [{ id: 'd' }], nextPageToken: '' }));
		const pages = await collect(listPages.call(ctx, '/webhook_endpoints', { maxPages: 10 }));
		expect(pages).toEqual([[{ id: 'a' }], [{ id: 'b' }, { id: 'c' }], [{ id: 'd' }]]);
		expect(calls.map((c) => [c.request.method, c.request.url, c.request.qs])).toEqual([
			['GET', '/webhook_endpoints', { maxPageSize: LIST_PAGE_SIZE }],
			['GET', '/webhook_endpoints', { maxPageSize: LIST_PAGE_SIZE, nextPageToken: 't1' }],
			['GET', '/webhook_endpoints', { maxPageSize: LIST_PAGE_SIZE, nextPageToken: 't2' }],
		]);
	});

	it("keeps the caller's query on every page, the page size its own", async () => {
		const { ctx, calls } = stubContext(pagesOf({ data: [], nextPageToken: 't1' }, { data: [] }));
		await collect(listPages.call(ctx, '/webhook_subscriptions', { qs: { webhookEndpointId: 'ep_1', maxPageSize: 5 }, maxPages: 10 }));
		expect(calls.map((c) => c.request.qs)).toEqual([
			{ webhookEndpointId: 'ep_1', maxPageSize: LIST_PAGE_SIZE },
			{ webhookEndpointId: 'ep_1', maxPageSize: LIST_PAGE_SIZE, nextPageToken: 't1' },
		]);
	});

	it('asks no page for more items than the limit still misses, and ends once they are in', async () => {
		const page = (n: number, token: string) => ({ data: Array.from({ length: n }, (_, i) => ({ i })), nextPageToken: token });
		const { ctx, calls } = stubContext(pagesOf(page(100, 't1'), page(50, 't2'), page(100, 't3')));
		const pages = await collect(listPages.call(ctx, '/classify_runs', { limit: 150, maxPages: 10 }));
		expect(pages.map((p) => p.length)).toEqual([100, 50]);
		expect(calls.map((c) => c.request.qs?.maxPageSize)).toEqual([100, 50]);
	});

	it('gives each request what is left of the listing\'s time, and asks nothing once it is up', async () => {
		const { ctx, calls } = stubContext(pagesOf({ data: [{ id: 'a' }] }));
		const endsAt = Date.now() + 2_000;
		await collect(listPages.call(ctx, '/classify_runs', { endsAt, maxPages: 10 }));
		expect(calls[0].request.timeout).toBeGreaterThan(0);
		expect(calls[0].request.timeout).toBeLessThanOrEqual(2_000);

		const late = stubContext(pagesOf({ data: [{ id: 'a' }] }));
		expect(await collect(listPages.call(late.ctx, '/classify_runs', { endsAt: Date.now() - 1, maxPages: 10 }))).toEqual([]);
		expect(late.calls).toHaveLength(0);
	});

	it('stops at a token it has seen before instead of looping forever', async () => {
		const { ctx, calls } = stubContext(pagesOf({ data: [{ id: 'a' }], nextPageToken: 'same' }, { data: [{ id: 'b' }], nextPageToken: 'same' }));
		const pages = await collect(listPages.call(ctx, '/webhook_endpoints', { maxPages: 100 }));
		expect(pages).toEqual([[{ id: 'a' }], [{ id: 'b' }]]);
		expect(calls).toHaveLength(2);
	});

	it('throws the caller\'s error for a repeated token, with the items read so far', async () => {
		const { ctx } = stubContext(pagesOf({ data: [{ id: 'a' }, { id: 'b' }], nextPageToken: 'same' }, { data: [{ id: 'c' }], nextPageToken: 'same' }));
		const repeatedToken = jest.fn((token: string, itemsSoFar: number) => new Error(`token ${token} again after ${itemsSoFar} items`));
		await expect(collect(listPages.call(ctx, '/classify_runs', { maxPages: 100, repeatedToken }))).rejects.toThrow('token same again after 3 items');
		expect(repeatedToken).toHaveBeenCalledTimes(1);
	});

	it('stops after maxPages although the server offers more', async () => {
		const { ctx, calls } = stubContext((_request, call) => ({ statusCode: 200, body: { data: [{ n: call }], nextPageToken: `t${call}` } }));
		const pages = await collect(listPages.call(ctx, '/webhook_endpoints', { maxPages: 3 }));
		expect(pages).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
		expect(calls).toHaveLength(3);
	});

	it('reads a page without a data list as empty, and a token that is not a string as the end', async () => {
		const { ctx, calls } = stubContext(pagesOf({ data: { id: 'not-a-list' }, nextPageToken: 42 }));
		expect(await collect(listPages.call(ctx, '/webhook_endpoints', { maxPages: 10 }))).toEqual([[]]);
		expect(calls).toHaveLength(1);
	});

	it('asks for no page when the caller stops reading', async () => {
		const { ctx, calls } = stubContext(pagesOf({ data: [{ id: 'a' }], nextPageToken: 't1' }, { data: [{ id: 'b' }] }));
		for await (const page of listPages.call(ctx, '/webhook_endpoints', { maxPages: 10 })) {
			expect(page).toEqual([{ id: 'a' }]);
			break;
		}
		expect(calls).toHaveLength(1);
	});
});
