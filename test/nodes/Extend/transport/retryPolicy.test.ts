import { mayHaveBeenProcessed, retryDelayMs, shouldRetry } from '../../../../nodes/Extend/transport/retryPolicy';

describe('retry policy', () => {
	it('retries a rate-limited request of any kind, and connection refusals (nothing was sent)', () => {
		for (const kind of ['read', 'create'] as const) {
			expect(shouldRetry(kind, { status: 429 })).toBe(true);
			for (const networkCode of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']) {
				expect(shouldRetry(kind, { networkCode })).toBe(true);
				expect(mayHaveBeenProcessed({ networkCode })).toBe(false);
			}
		}
		// A status means the server answered: the code of the connection no longer counts.
		expect(shouldRetry('create', { status: 503, networkCode: 'ECONNREFUSED' })).toBe(false);
		expect(mayHaveBeenProcessed({ status: 503, networkCode: 'ECONNREFUSED' })).toBe(true);
	});

	it('retries reads on 408, 5xx and dropped connections, never on other 4xx', () => {
		for (const status of [408, 500, 502, 503, 504]) expect(shouldRetry('read', { status })).toBe(true);
		for (const status of [400, 401, 402, 403, 404, 409, 422]) expect(shouldRetry('read', { status })).toBe(false);
		expect(shouldRetry('read', { networkCode: 'ECONNRESET' })).toBe(true);
	});

	it('never repeats a create blindly after it may have reached Extend', () => {
		for (const outcome of [{ status: 500 }, { status: 503 }, { status: 408 }, { networkCode: 'ECONNRESET' }, { networkCode: 'ETIMEDOUT' }]) {
			expect(shouldRetry('create', outcome)).toBe(false);
			expect(mayHaveBeenProcessed(outcome)).toBe(true);
		}
		expect(mayHaveBeenProcessed({ status: 429 })).toBe(false);
		expect(mayHaveBeenProcessed({ status: 400 })).toBe(false);
		expect(mayHaveBeenProcessed({ networkCode: 'ECONNREFUSED' })).toBe(false);
	});

	it('waits what Retry-After says, in seconds or as a date, capped at 30 s', () => {
		const now = Date.parse('2026-11-23T12:00:00Z');
		expect(retryDelayMs(0, { 'retry-after': '2' }, now)).toBe(2000);
		expect(retryDelayMs(3, { 'Retry-After': '0' }, now)).toBe(0);
		expect(retryDelayMs(0, { 'retry-after': 'Mon, 23 Nov 2026 12:00:05 GMT' }, now)).toBe(5000);
		expect(retryDelayMs(0, { 'retry-after': '3600' }, now)).toBe(30_000);
		expect(retryDelayMs(0, { 'x-ratelimit-reset': String(now / 1000 + 4) }, now)).toBe(4000);
	});

	it('backs off exponentially with bounded jitter when the server gives no hint', () => {
		expect(retryDelayMs(0, {}, 0, () => 0.5)).toBe(500);
		expect(retryDelayMs(2, {}, 0, () => 0.5)).toBe(2000);
		expect(retryDelayMs(2, {}, 0, () => 0)).toBe(1600);
		expect(retryDelayMs(2, {}, 0, () => 1)).toBe(2400);
		expect(retryDelayMs(20, {}, 0, () => 0.5)).toBe(30_000);
	});

	it('falls back to backoff when the hints are unusable or already past', () => {
		const now = Date.parse('2026-11-23T12:00:00Z');
		expect(retryDelayMs(1, { 'retry-after': 'soon' }, now, () => 0.5)).toBe(1000);
		expect(retryDelayMs(1, { 'retry-after': 'Mon, 23 Nov 2026 11:59:00 GMT' }, now)).toBe(0);
		expect(retryDelayMs(1, { 'x-ratelimit-reset': String(now / 1000 - 10) }, now, () => 0.5)).toBe(1000);
		expect(retryDelayMs(1, { 'retry-after': null, 'X-RateLimit-Reset': 'never' }, now, () => 0.5)).toBe(1000);
	});
});
