import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { extendPaths } from '../transport/paths';
import { extendApiRequest } from '../transport/request';

/** Saved classifiers for the resource locator, a page at a time, filtered by name or id. */
export async function searchClassifiers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await extendApiRequest.call(this, 'GET', extendPaths.classifiers, {
		qs: { maxPageSize: 100, ...(paginationToken ? { nextPageToken: paginationToken } : {}) },
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const results = ((page.data as IDataObject[]) ?? [])
		.filter((c) => !needle || `${String(c.name)} ${String(c.id)}`.toLowerCase().includes(needle))
		.map((c) => ({ name: String(c.name ?? c.id), value: String(c.id) }));
	return { results, paginationToken: page.nextPageToken as string | undefined };
}
