// Paging over Extend's list endpoints with a stubbed HTTP helper: every page in order, the token
// passed on, and an end on the last page, on a repeated token and at maxPages.
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

	it('keeps the caller\'s query on every page, and lets it set the page size', async () => {
		const { ctx, calls } = stubContext(pagesOf({ data: [], nextPageToken: 't1' }, { data: [] }));
		await collect(listPages.call(ctx, '/webhook_subscriptions', { qs: { webhookEndpointId: 'ep_1', maxPageSize: 5 }, maxPages: 10 }));
		expect(calls.map((c) => c.request.qs)).toEqual([
			{ maxPageSize: 5, webhookEndpointId: 'ep_1' },
			{ maxPageSize: 5, webhookEndpointId: 'ep_1', nextPageToken: 't1' },
		]);
	});

	it('stops at a token it has seen before instead of looping forever', async () => {
		const { ctx, calls } = stubContext(pagesOf({ data: [{ id: 'a' }], nextPageToken: 'same' }, { data: [{ id: 'b' }], nextPageToken: 'same' }));
		const pages = await collect(listPages.call(ctx, '/webhook_endpoints', { maxPages: 100 }));
		expect(pages).toEqual([[{ id: 'a' }], [{ id: 'b' }]]);
		expect(calls).toHaveLength(2);
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
