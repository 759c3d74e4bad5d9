// The request pipeline: request id → control and helper URLs (no auth) → route match and stats →
// injected faults → auth and version headers → the plan's request limit → handler → slow/drop → JSON answer.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { checkApiVersion, checkAuth } from './auth';
import { ApiError, internalError, invalid, notFound, rateLimited } from './errors';
import type { FaultInjector, FaultKind } from './faults';
import { parseJson, readBody, sendJson, sleep } from './http';
import type { IdGenerator } from './ids';
import type { RateLimiter, ResolvedPlan } from './plan';
import { matchRoute, type Route } from './router';
import { listSamples, readSample } from './samples';
import type { SignedUrls } from './signed';
import { bump, type EmulatorStats } from './types';

export interface PipelineParts {
	routes: Route[];
	ids: IdGenerator;
	apiKey?: string;
	maxBodyBytes: number;
	samplesDir: string;
	signed: SignedUrls;
	faults: FaultInjector;
	limiter: RateLimiter;
	stats: () => EmulatorStats;
	/** The control API's view of the plan limits: read them, or replace the profile (validated). */
	plan: { get(): ResolvedPlan | null; set(profile: unknown): void };
}

export function createPipeline(parts: PipelineParts): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
	const { routes, ids, faults, limiter, stats } = parts;
	const injected = (kind: FaultKind | 'rateLimited'): void => bump(stats().faultsInjected, kind);

	return async (req, res) => {
		const requestId = ids.id('req_');
		res.setHeader('x-extend-request-id', requestId);
		const method = req.method ?? 'GET';
		const url = new URL(req.url ?? '/', 'http://emulator');
		if (url.pathname === '/__emulator/plan') return await servePlan(parts, req, res, requestId);
		if (method === 'GET' && serveControlUrl(parts, url.pathname, res, requestId)) return;
		if (method === 'GET' && serveHelperUrl(parts, url.pathname, res, requestId)) return;

		const match = matchRoute(routes, method, url.pathname);
		const key = match?.key ?? 'unmatched';
		bump(stats().requests, key);
		if (key === 'GET /classify_runs/{id}') bump(stats().requestsByRun, match!.params.id);
		if (match) bump(stats().requestsByCategory, match.route.category);
		const fault = match ? faults.decide(key) : { slowMs: 0 };

		const answer = async (status: number, body: unknown, headers: Record<string, string> = {}): Promise<void> => {
			if (fault.slowMs > 0) await sleep(fault.slowMs);
			if (fault.kind === 'dropAfter') {
				injected('dropAfter');
				req.socket.destroy();
				return;
			}
			if (res.destroyed || res.headersSent) return;
			if (status === 413) {
				// Stop the upload: answer, then close the connection instead of reading the rest.
				headers.connection = 'close';
				res.once('finish', () => req.socket.destroy());
			}
			bump(stats().responsesByStatus, String(status));
			sendJson(res, status, body, headers);
		};

		if (fault.kind === 'dropBefore') {
			injected('dropBefore');
			req.socket.destroy();
			return;
		}
		try {
			if (fault.kind === '429' || fault.kind === '500' || fault.kind === '503') {
				injected(fault.kind);
				throw fault.kind === '429' ? rateLimited(1, 'Rate limit exceeded (injected by the emulator).') : internalError(Number(fault.kind));
			}
			checkAuth(req.headers, parts.apiKey);
			checkApiVersion(req.headers);
			if (!match) throw notFound('Route', `${method} ${url.pathname}`);
			const retryAfter = limiter.take(match.route.category);
			if (retryAfter > 0) {
				injected('rateLimited');
				bump(stats().rateLimitedByCategory, match.route.category);
				throw rateLimited(retryAfter);
			}
			const result = await match.route.handle({
				params: match.params,
				query: url.searchParams,
				raw: req,
				json: async () => parseJson(await readBody(req, parts.maxBodyBytes)),
			});
			await answer(result.status ?? 200, result.body, result.headers);
		} catch (error) {
			const apiError = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL_ERROR', `An internal error occurred: ${(error as Error).message}`, true);
			await answer(apiError.status, apiError.body(requestId), { ...apiError.headers });
		}
	};
}

/**
 * The control API for tests and tools that run the emulator in another process: GET
 * /__emulator/stats (= stats()), GET /__emulator/uploads and /__emulator/uploads/<fileId>. No auth,
 * no faults, no rate limit, and not counted in stats().requests (reading the counters leaves them alone).
 */
function serveControlUrl(parts: PipelineParts, path: string, res: ServerResponse, requestId: string): boolean {
	const [, area, fileId] = /^\/__emulator\/(stats|uploads)(?:\/([^/]+))?\/?$/.exec(path) ?? [];
	if (!area) return false;
	const stats = parts.stats();
	const upload = fileId ? stats.uploads.find((u) => u.fileId === fileId) : undefined;
	if (area === 'stats' && !fileId) sendJson(res, 200, stats);
	else if (area === 'uploads' && !fileId) sendJson(res, 200, { uploads: stats.uploads });
	else if (upload) sendJson(res, 200, upload);
	else sendJson(res, 404, notFound(area === 'uploads' ? 'Upload' : 'Resource', fileId ?? path).body(requestId));
	return true;
}

/** GET /__emulator/plan: the limits in force; POST with a plan profile (or null) replaces them. */
async function servePlan(parts: PipelineParts, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
	try {
		if (req.method === 'POST') parts.plan.set(parseJson(await readBody(req, parts.maxBodyBytes)) ?? null);
		else if (req.method !== 'GET') throw notFound('Route', `${req.method} /__emulator/plan`);
		sendJson(res, 200, { plan: parts.plan.get() });
	} catch (error) {
		const apiError = error instanceof ApiError ? error : invalid((error as Error).message);
		sendJson(res, apiError.status, apiError.body(requestId));
	}
}

/** GET /__samples[/name] and GET /__signed/<token>: no auth, no faults, no rate limit. */
function serveHelperUrl(parts: PipelineParts, path: string, res: ServerResponse, requestId: string): boolean {
	const [, area, name] = /^\/(__samples|__signed)(?:\/([^/]+))?\/?$/.exec(path) ?? [];
	if (!area) return false;
	bump(parts.stats().requests, area === '__samples' ? 'GET /__samples/{name}' : 'GET /__signed/{token}');
	if (area === '__samples' && !name) {
		sendJson(res, 200, { samples: listSamples(parts.samplesDir) });
		return true;
	}
	const found = area === '__samples' ? readSample(parts.samplesDir, name ?? '') : parts.signed.read(name ?? '');
	if (found === 'expired') {
		sendJson(res, 403, new ApiError(403, 'FORBIDDEN', 'This signed URL has expired.').body(requestId));
	} else if (!found) {
		sendJson(res, 404, notFound('Resource', path).body(requestId));
	} else {
		res.writeHead(200, { 'content-type': found.contentType, 'content-length': String(found.data.length) });
		res.end(found.data);
	}
	return true;
}
