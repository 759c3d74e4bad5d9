// One route table for the whole API. A route key ('GET /classify_runs/{id}') names a route in
// stats, fault targeting and rate-limit categories.
import type { RateCategory } from './plan';
import type { ApiRequest, ApiResult } from './http';

export interface Route {
	method: string;
	/** e.g. '/classify_runs/{id}/cancel' */
	path: string;
	/** Rate-limit category (docs.extend.ai/2026-02-09/general/rate-limits): reads, mutations, or requests that start processing. */
	category: RateCategory;
	handle(req: ApiRequest): Promise<ApiResult> | ApiResult;
}

export interface Match {
	route: Route;
	key: string;
	params: Record<string, string>;
}

export const routeKey = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** Literal segments win over `{param}` segments, so '/classify_runs/batch' is never a run id. */
export function matchRoute(routes: Route[], method: string, path: string): Match | undefined {
	const segments = path.split('/').filter(Boolean);
	let best: { match: Match; literals: number } | undefined;
	for (const route of routes) {
		if (route.method !== method) continue;
		const pattern = route.path.split('/').filter(Boolean);
		if (pattern.length !== segments.length) continue;
		const params: Record<string, string> = {};
		let literals = 0;
		const ok = pattern.every((part, i) => {
			if (part.startsWith('{')) {
				params[part.slice(1, -1)] = decodeURIComponent(segments[i]);
				return true;
			}
			literals++;
			return part === segments[i];
		});
		if (ok && (!best || literals > best.literals)) best = { match: { route, key: routeKey(route), params }, literals };
	}
	return best?.match;
}
