import type { INode } from 'n8n-workflow';

import { extendApiError, parseErrorBody, redact } from '../../../../nodes/Extend/transport/errors';

const node = { id: '1', name: 'Extend', type: 'n8n-nodes-extend.extend', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

describe('Extend API errors', () => {
	it('reads the flat body and the wrapped { error: {...} } body', () => {
		const flat = { code: 'NOT_FOUND', message: 'Run not found', retryable: false, requestId: 'req_1' };
		expect(parseErrorBody(flat)).toEqual(flat);
		expect(parseErrorBody({ error: flat })).toEqual(flat);
		expect(parseErrorBody(JSON.stringify(flat))).toEqual(flat);
		expect(parseErrorBody('<html>Bad gateway</html>')).toEqual({ message: '<html>Bad gateway</html>' });
	});

	it('builds a NodeApiError with code, message, request id, status and a hint', () => {
		const error = extendApiError(
			node,
			{ method: 'GET', path: '/classify_runs/clr_x', status: 404, body: { code: 'NOT_FOUND', message: 'Classify run clr_x not found', retryable: false, requestId: 'req_9' }, attempts: 1, mayHaveBeenProcessed: false },
			['sk_secret'],
			3,
		);
		expect(error.message).toBe('Extend GET /classify_runs/clr_x failed: NOT_FOUND: Classify run clr_x not found');
		expect(error.description).toContain('Request ID: req_9');
		expect(error.description).toContain('workspace');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(3);
		expect(error.context.extend).toMatchObject({ code: 'NOT_FOUND', requestId: 'req_9', httpCode: 404 });
	});

	it('never lets the API key through, even when a server echoes it', () => {
		const error = extendApiError(
			node,
			{ method: 'POST', path: '/classify', status: 401, body: { code: 'UNAUTHORIZED', message: 'Bad token sk_live_123456 (Authorization: Bearer sk_live_123456)' }, attempts: 1, mayHaveBeenProcessed: false },
			['sk_live_123456'],
		);
		const everything = JSON.stringify({ m: error.message, d: error.description, c: error.context });
		expect(everything).not.toContain('sk_live_123456');
		expect(redact('Bearer abc.def', [])).toBe('Bearer [redacted]');
	});

	it('explains a network failure without a status', () => {
		const error = extendApiError(
			node,
			{ method: 'GET', path: '/classifiers', networkCode: 'ECONNREFUSED', networkMessage: 'connect ECONNREFUSED 127.0.0.1:9', attempts: 5, mayHaveBeenProcessed: false },
			[],
		);
		expect(error.message).toContain('could not reach Extend (ECONNREFUSED');
		expect(error.description).toContain('Region / Base URL');
		expect(error.description).toContain('Tried 5 times');
	});
});
