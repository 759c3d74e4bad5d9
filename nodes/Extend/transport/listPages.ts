// Extend's list endpoints page with `nextPageToken`. A server that repeats a token would make a
// naive loop run forever, so paging stops at a repeated token and after `maxPages`.
import type { IDataObject } from 'n8n-workflow';

import { extendApiRequest, type ExtendContext, type ExtendRequestOptions } from './request';

export const LIST_PAGE_SIZE = 100;

interface ListPagesOptions extends ExtendRequestOptions {
	maxPages: number;
}

/** Yields each page's `data` in order. Ends on the last page, a repeated token or `maxPages`. */
export async function* listPages(this: ExtendContext, path: string, options: ListPagesOptions): AsyncGenerator<IDataObject[]> {
	const { maxPages, qs, ...request } = options;
	const seen = new Set<string>();
	let token: string | undefined;
	for (let page = 0; page < maxPages; page++) {
		const list = await extendApiRequest.call(this, 'GET', path, {
			...request,
			qs: { maxPageSize: LIST_PAGE_SIZE, ...qs, ...(token ? { nextPageToken: token } : {}) },
		});
		yield Array.isArray(list.data) ? (list.data as IDataObject[]) : [];
		token = typeof list.nextPageToken === 'string' && list.nextPageToken ? list.nextPageToken : undefined;
		if (!token || seen.has(token)) return;
		seen.add(token);
	}
}
