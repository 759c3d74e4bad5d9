// Cursor pagination shared by every list endpoint: `{ object: 'list', data, nextPageToken? }`.
// The cursor is the sort key of the last item returned (keyset), so runs created between two page
// requests do not shift later pages. maxPageSize defaults to 10 and is capped at 100 (INFERRED:
// Extend documents neither number).
import { invalid } from './errors';
import { queryEnum } from './validation';

export interface ListPage<S> {
	object: 'list';
	data: S[];
	nextPageToken?: string;
}

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

/** A sortable, unique key: zero-padded time then a creation sequence number as the tie-breaker. */
export const sortKey = (time: string, seq: number): string => `${String(Date.parse(time)).padStart(15, '0')}:${String(seq).padStart(10, '0')}`;

export function paginate<T, S>(items: T[], key: (item: T) => string, query: URLSearchParams, project: (item: T) => S): ListPage<S> {
	const dir = queryEnum(query, 'sortDir', ['asc', 'desc'] as const) ?? 'desc';
	const size = pageSize(query.get('maxPageSize'));
	const after = decodeToken(query.get('nextPageToken'));
	const sign = dir === 'asc' ? 1 : -1;
	const sorted = items.map((item) => ({ item, k: key(item) })).sort((a, b) => sign * compare(a.k, b.k));
	const rest = after === undefined ? sorted : sorted.filter(({ k }) => sign * compare(k, after) > 0);
	const page = rest.slice(0, size);
	const result: ListPage<S> = { object: 'list', data: page.map(({ item }) => project(item)) };
	if (rest.length > size) result.nextPageToken = Buffer.from(JSON.stringify({ after: page[page.length - 1].k })).toString('base64url');
	return result;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function pageSize(raw: string | null): number {
	if (raw === null) return DEFAULT_PAGE_SIZE;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) throw invalid(`Query parameter maxPageSize must be an integer between 1 and ${MAX_PAGE_SIZE}.`);
	return n;
}

function decodeToken(raw: string | null): string | undefined {
	if (raw === null || raw === '') return undefined;
	try {
		const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { after?: unknown };
		if (typeof parsed.after === 'string') return parsed.after;
	} catch {
		// fall through to the error below
	}
	throw invalid('Query parameter nextPageToken is not a valid page token.');
}
