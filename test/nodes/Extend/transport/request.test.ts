// The transport with a stubbed HTTP helper: redaction, base URL checks, the time bound, and the
// item's abort signal reaching the request although n8n overwrites abortSignal.
import { extendApiRequest } from '../../../../nodes/Extend/transport/request';
import { STUB_KEY, stubContext, untilAborted } from '../../../support/stubContext';

describe('extendApiRequest', () => {
	it('redacts a stored key with a trailing newline or tab, as sent and as stored', async () => {
		for (const stored of [`${STUB_KEY}\n`, `${STUB_KEY}\t`, `  ${STUB_KEY} \r\n`]) {
			const { ctx } = stubContext(() => ({ statusCode: 400, body: { code: 'INVALID_REQUEST', message: `bad key ${STUB_KEY} (was "${stored}")` } }), { apiKey: stored });
			const error = (await extendApiRequest.call(ctx, 'GET', '/classifiers').catch((e: Error) => e)) as Error & { description: string };
			const text = JSON.stringify({ message: error.message, description: error.description, context: (error as unknown as { context: unknown }).context });
			expect(text).toContain('[redacted]');
			expect(text).not.toContain(STUB_KEY);
		}
	});

	it.each(['ftp://api.extend.ai', 'api.extend.ai', '', 'javascript:alert(1)'])('fails at once for the base URL %j, without a request', async (baseUrl) => {
		const { ctx, calls } = stubContext(() => ({ statusCode: 200, body: {} }), { baseUrl });
		await expect(extendApiRequest.call(ctx, 'GET', '/classifiers')).rejects.toThrow(/Base URL .* is not an http\(s\) URL/);
		expect(calls).toHaveLength(0);
	});

	it('keeps all tries within deadlineMs, even while Extend answers 429', async () => {
		const { ctx, calls } = stubContext(() => ({ statusCode: 429, headers: { 'retry-after': '2' }, body: { code: 'RATE_LIMIT_EXCEEDED' } }));
		const error = await extendApiRequest.call(ctx, 'POST', '/classify_runs/x/cancel', { retry: 'read', maxAttempts: 2, deadlineMs: 5_000 }).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		// Attempts at 0, 2 and 4 s; one more at 6 s would pass the deadline. Unbounded it was 10 tries.
		expect(calls).toHaveLength(3);
		expect(calls[2].at - calls[0].at).toBeLessThan(5_000);
	});

	it('cuts the last attempt\'s timeout to the deadline', async () => {
		const { ctx, calls } = stubContext(() => ({ statusCode: 200, body: { ok: true } }));
		await extendApiRequest.call(ctx, 'GET', '/classifiers', { timeoutMs: 60_000, deadlineMs: 3_000 });
		expect(calls[0].request.timeout).toBeLessThanOrEqual(3_000);
	});

	it('aborts the request in flight when the item signal aborts, although n8n sets abortSignal itself', async () => {
		const item = new AbortController();
		const { ctx, calls } = stubContext((request) => untilAborted(request.abortSignal));
		const pending = extendApiRequest.call(ctx, 'GET', '/classify_runs/clr_1', { signal: item.signal });
		await new Promise((resolve) => setImmediate(resolve));
		item.abort(new Error('a sibling failed'));
		await expect(pending).rejects.toThrow('a sibling failed');
		expect(calls).toHaveLength(1);
		expect(calls[0].request.abortSignal?.aborted).toBe(true);
	});

	it('still sends a detached request after the execution stopped (the remote cancel)', async () => {
		const { ctx, calls, stop } = stubContext(() => ({ statusCode: 200, body: { status: 'CANCELLED' } }));
		stop();
		await expect(extendApiRequest.call(ctx, 'POST', '/classify_runs/clr_1/cancel', { detached: true })).resolves.toEqual({ status: 'CANCELLED' });
		expect(calls[0].request.abortSignal).toBeUndefined();
	});
});
