// Header checks every API request goes through: the bearer token and the API version.
import type { IncomingHttpHeaders } from 'node:http';

import { ApiError, invalid } from './errors';

export const SUPPORTED_API_VERSION = '2026-02-09';

/** With `apiKey` set only that key is accepted; otherwise any non-empty bearer token. */
export function checkAuth(headers: IncomingHttpHeaders, apiKey: string | undefined): void {
	const token = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
	if (!token) throw new ApiError(401, 'UNAUTHORIZED', 'Missing or malformed Authorization header: send "Authorization: Bearer <API key>".');
	if (apiKey !== undefined && token !== apiKey) throw new ApiError(401, 'UNAUTHORIZED', 'The API key is invalid.');
}

/** The version header is required (INFERRED: keys created after 2025-04-21 get a 400 without it). */
export function checkApiVersion(headers: IncomingHttpHeaders): void {
	const version = headers['x-extend-api-version'];
	if (version === undefined || version === '') {
		throw invalid(`The x-extend-api-version header is required; this API supports "${SUPPORTED_API_VERSION}".`);
	}
	if (version !== SUPPORTED_API_VERSION) {
		throw invalid(`The x-extend-api-version header value "${String(version)}" is not supported; use "${SUPPORTED_API_VERSION}".`);
	}
}
