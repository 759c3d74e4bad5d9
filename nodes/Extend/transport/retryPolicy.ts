// When to try a request again and how long to wait first. Pure functions, so the policy is tested
// on its own and the transport stays a loop.

/** 'read': safe to repeat (GET, DELETE, cancel). 'create': may create a run, so repeat only when
 * the server surely did nothing (429, connection refused before sending). */
export type RetryKind = 'read' | 'create';

export const MAX_ATTEMPTS = 5;
/** Rate limiting is Extend asking to wait, not a fault: wait it out longer. */
export const MAX_ATTEMPTS_RATE_LIMITED = 10;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** Connection failures where the request never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export interface Outcome {
	/** HTTP status, or undefined when the connection failed. */
	status?: number;
	/** Error code of a connection failure (ECONNRESET, ...). */
	networkCode?: string;
}

function isNotSent(outcome: Outcome): boolean {
	return outcome.status === undefined && NOT_SENT_CODES.has(outcome.networkCode ?? '');
}

/** A failure after which the server may have done the work (created the run) anyway. */
export function mayHaveBeenProcessed(outcome: Outcome): boolean {
	if (outcome.status !== undefined) return outcome.status === 408 || outcome.status >= 500;
	return !isNotSent(outcome);
}

export function shouldRetry(kind: RetryKind, outcome: Outcome): boolean {
	if (outcome.status === 429 || isNotSent(outcome)) return true;
	if (kind === 'create') return false;
	if (outcome.status !== undefined) return outcome.status === 408 || outcome.status >= 500;
	// Any other connection failure (ECONNRESET, ETIMEDOUT, …): a read is safe to repeat.
	return outcome.networkCode !== undefined;
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * Delay before retry number `attempt` (0-based): the server's Retry-After (seconds or HTTP date) or
 * X-RateLimit-Reset when given, else exponential backoff with ±20 % jitter; capped at 30 s.
 */
export function retryDelayMs(
	attempt: number,
	headers?: Record<string, unknown>,
	now: number = Date.now(),
	random: () => number = Math.random,
): number {
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_DELAY_MS);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.min(Math.max(date - now, 0), MAX_DELAY_MS);
	}
	const reset = Number(header(headers, 'x-ratelimit-reset'));
	if (Number.isFinite(reset) && reset * 1000 > now) return Math.min(reset * 1000 - now, MAX_DELAY_MS);
	const backoff = Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
	return Math.round(backoff * (0.8 + random() * 0.4));
}
