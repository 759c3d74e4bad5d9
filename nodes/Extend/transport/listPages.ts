// Extend's list endpoints page with `nextPageToken`. A server that repeats a token would make a
// naive loop run forever, so paging stops at a repeated token and after `maxPages`.
import type { IDataObject } from 'n8n-workflow';

import { extendApiRequest, type ExtendContext, type ExtendRequestOptions } from './request';

export const LIST_PAGE_SIZE = 100;

interface ListPagesOptions extends Omit<ExtendRequestOptions, 'deadlineMs'> {
	maxPages: number;
	/** Items wanted in all: no page asks for more than are still missing, and paging ends once they are in. */
	limit?: number;
	/** The time (ms since the epoch) the whole listing must end by: each request gets what is left. */
	endsAt?: number;
	/** The error for a token Extend returned before; without it the listing just ends there. */
	repeatedToken?: (token: string, itemsSoFar: number) => Error;
}

/** Yields each page's `data` in order. Ends on the last page, a repeated token, `maxPages`, `limit` or `endsAt`. */
export async function* listPages(this: ExtendContext, path: string, options: ListPagesOptions): AsyncGenerator<IDataObject[]> {
	const { maxPages, limit = Infinity, endsAt, repeatedToken, qs, ...request } = options;
	const seen = new Set<string>();
	let token: string | undefined;
	let items = 0;
	for (let page = 0; page < maxPages && items < limit && (endsAt === undefined || Date.now() < endsAt); page++) {
		const list = await extendApiRequest.call(this, 'GET', path, {
			...request,
			...(endsAt === undefined ? {} : { deadlineMs: Math.max(1, endsAt - Date.now()) }),
			qs: { ...qs, maxPageSize: Math.min(LIST_PAGE_SIZE, limit - items), ...(token ? { nextPageToken: token } : {}) },
		});
		const data = Array.isArray(list.data) ? (list.data as IDataObject[]) : [];
		items += data.length;
		yield data;
		token = typeof list.nextPageToken === 'string' && list.nextPageToken ? list.nextPageToken : undefined;
		if (!token) return;
		if (seen.has(token)) {
			if (repeatedToken) throw repeatedToken(token, items);
			return;
		}
		seen.add(token);
	}
}
