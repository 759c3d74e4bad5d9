// What the SDK does not reach, over plain HTTP: headers, error bodies, every validation rule, 404s,
// sync timeout, PENDING runs and forced failures.
import { startEmulator, type Emulator } from '../index';
import { HEADERS, INLINE_CONFIG, call, sleep } from './helpers';

let em: Emulator;

beforeAll(async () => {
	em = await startEmulator({ latencyMs: 30, seed: 5, apiKey: 'sk_test_emulator', syncTimeoutMs: 150 });
});
afterAll(async () => await em.stop());

const expectError = (res: { status: number; json: Record<string, unknown>; headers: Record<string, unknown> }, status: number, code: string, message?: string): void => {
	expect(res.status).toBe(status);
	expect(res.json).toEqual({ code, message: message ? expect.stringContaining(message) : expect.any(String), retryable: expect.any(Boolean), requestId: expect.stringMatching(/^req_/) });
	expect(res.headers['x-extend-request-id']).toBe(res.json.requestId);
};

describe('headers', () => {
	it('answers 401 UNAUTHORIZED without a bearer token or with the wrong key', async () => {
		expectError(await call(em, 'GET', '/classify_runs', { headers: { 'x-extend-api-version': '2026-02-09' } }), 401, 'UNAUTHORIZED');
		expectError(await call(em, 'GET', '/classify_runs', { headers: { ...HEADERS, authorization: 'Basic abc' } }), 401, 'UNAUTHORIZED');
		expectError(await call(em, 'GET', '/classify_runs', { headers: { ...HEADERS, authorization: 'Bearer sk_other' } }), 401, 'UNAUTHORIZED');
	});

	it('requires x-extend-api-version = 2026-02-09 and accepts x-extend-workspace-id', async () => {
		expectError(await call(em, 'GET', '/classify_runs', { headers: { authorization: HEADERS.authorization } }), 400, 'INVALID_REQUEST', 'x-extend-api-version');
		expectError(await call(em, 'GET', '/classify_runs', { headers: { ...HEADERS, 'x-extend-api-version': '2024-12-23' } }), 400, 'INVALID_REQUEST', 'x-extend-api-version');
		const ok = await call(em, 'GET', '/classify_runs', { headers: { ...HEADERS, 'x-extend-workspace-id': 'ws_123' } });
		expect(ok.status).toBe(200);
		expect(ok.json).toEqual({ object: 'list', data: expect.any(Array) });
		expect(ok.headers['x-extend-request-id']).toMatch(/^req_/);
	});

	it('answers 404 for unknown routes and unknown resources', async () => {
		expectError(await call(em, 'GET', '/nope'), 404, 'NOT_FOUND');
		expectError(await call(em, 'POST', '/classifiers/cl_document_types/publish'), 404, 'NOT_FOUND');
		expectError(await call(em, 'GET', '/classify_runs/clr_missing'), 404, 'NOT_FOUND', 'clr_missing');
		expectError(await call(em, 'POST', '/classify_runs/clr_missing/cancel'), 404, 'NOT_FOUND');
		expectError(await call(em, 'DELETE', '/classify_runs/clr_missing'), 404, 'NOT_FOUND');
		expectError(await call(em, 'GET', '/classifiers/cl_missing'), 404, 'NOT_FOUND');
		expectError(await call(em, 'GET', '/files/file_missing'), 404, 'NOT_FOUND');
		expectError(await call(em, 'GET', '/webhook_endpoints/wh_missing'), 404, 'NOT_FOUND');
		expectError(await call(em, 'GET', '/webhook_subscriptions/whs_missing'), 404, 'NOT_FOUND');
		expectError(await call(em, 'GET', '/batch_runs/bpr_missing'), 404, 'NOT_FOUND');
		expectError(await call(em, 'POST', '/classify_runs', { body: { file: { id: 'file_missing' }, config: INLINE_CONFIG } }), 404, 'NOT_FOUND', 'file_missing');
		expectError(await call(em, 'POST', '/classify_runs', { body: { file: { text: 'x' }, classifier: { id: 'cl_missing' } } }), 404, 'NOT_FOUND', 'cl_missing');
		expectError(await call(em, 'POST', '/classify_runs', { body: { file: { text: 'x' }, classifier: { id: 'cl_document_types', version: '7.0' } } }), 404, 'NOT_FOUND', '7.0');
		expect(em.stats().runsCreated).toBe(0);
	});

	it('answers 400 for a body that is not JSON or not an object', async () => {
		expectError(await call(em, 'POST', '/classify_runs', { raw: '{"file":', headers: { ...HEADERS, 'content-type': 'application/json' } }), 400, 'INVALID_REQUEST', 'JSON');
		expectError(await call(em, 'POST', '/classify_runs', { body: [1, 2] }), 400, 'INVALID_REQUEST', 'object');
	});
});

describe('validation of run bodies', () => {
	const file = { text: 'hello' };
	const classifications = INLINE_CONFIG.classifications;
	const cases: Array<[string, unknown, string]> = [
		['no file', { config: INLINE_CONFIG }, 'file'],
		['file with two forms', { file: { text: 'a', url: 'http://127.0.0.1/a.pdf' }, config: INLINE_CONFIG }, 'exactly one of "url", "id" or "text"'],
		['file with no form', { file: { name: 'a.txt' }, config: INLINE_CONFIG }, 'exactly one of'],
		['empty text', { file: { text: '' }, config: INLINE_CONFIG }, 'file.text'],
		['non-http url', { file: { url: 'ftp://example.com/a.pdf' }, config: INLINE_CONFIG }, 'file.url'],
		['unknown file key', { file: { text: 'a', base64: 'x' }, config: INLINE_CONFIG }, 'base64'],
		['neither classifier nor config', { file }, 'Exactly one of "classifier" or "config"'],
		['both classifier and config', { file, config: INLINE_CONFIG, classifier: { id: 'cl_document_types' } }, 'Exactly one of'],
		['no classifications', { file, config: { classifications: [] } }, 'config.classifications'],
		['classifications not an array', { file, config: { classifications: 'invoice' } }, 'config.classifications'],
		['duplicate ids', { file, config: { classifications: [...classifications, { id: 'invoice', type: 'x', description: 'y' }] } }, 'unique'],
		['no other', { file, config: { classifications: classifications.slice(0, 2) } }, 'type "other"'],
		['missing description', { file, config: { classifications: [{ id: 'a', type: 'other' }] } }, 'config.classifications[0].description'],
		['empty id', { file, config: { classifications: [{ id: '', type: 'other', description: 'd' }] } }, 'config.classifications[0].id'],
		['numeric type', { file, config: { classifications: [{ id: 'a', type: 1, description: 'd' }] } }, 'config.classifications[0].type'],
		['unknown config key', { file, config: { ...INLINE_CONFIG, model: 'gpt' } }, 'model'],
		['metadata not an object', { file, config: INLINE_CONFIG, metadata: ['a'] }, 'metadata'],
		['metadata over 10 KB', { file, config: INLINE_CONFIG, metadata: { blob: 'x'.repeat(10_240) } }, '10KB'],
		['bad emulator:latencyMs', { file, config: INLINE_CONFIG, metadata: { 'emulator:latencyMs': 'soon' } }, 'emulator:latencyMs'],
		['priority not an integer', { file, config: INLINE_CONFIG, priority: 1.5 }, 'priority'],
		['priority out of range', { file, config: INLINE_CONFIG, priority: 101 }, 'priority'],
		['classifier without id', { file, classifier: { version: '1.0' } }, 'classifier.id'],
		['malformed version', { file, classifier: { id: 'cl_document_types', version: 'newest' } }, 'newest'],
		['override with bad classifications', { file, classifier: { id: 'cl_document_types', overrideConfig: { classifications: [{ id: 'a', type: 'a', description: 'a' }] } } }, 'type "other"'],
		['unknown top-level key', { file, config: INLINE_CONFIG, callbackUrl: 'x' }, 'callbackUrl'],
	];

	it.each(cases)('rejects %s with 400 INVALID_REQUEST naming the field', async (_name, body, message) => {
		expectError(await call(em, 'POST', '/classify_runs', { body }), 400, 'INVALID_REQUEST', message);
	});

	it('accepts metadata of exactly 10240 bytes and priority 0..100 on async runs', async () => {
		const pad = 10_240 - JSON.stringify({ blob: '' }).length;
		expect((await call(em, 'POST', '/classify_runs', { body: { file, config: INLINE_CONFIG, metadata: { blob: 'x'.repeat(pad) }, priority: 100 } })).status).toBe(200);
		expect((await call(em, 'POST', '/classify_runs', { body: { file, config: INLINE_CONFIG, priority: 0 } })).status).toBe(200);
	});

	it('rejects priority on the synchronous POST /classify', async () => {
		expectError(await call(em, 'POST', '/classify', { body: { file, config: INLINE_CONFIG, priority: 5 } }), 400, 'INVALID_REQUEST', 'priority');
	});

	it('validates batch bodies: saved classifier only, 1 to 1000 inputs', async () => {
		const classifier = { id: 'cl_document_types' };
		expectError(await call(em, 'POST', '/classify_runs/batch', { body: { config: INLINE_CONFIG, inputs: [{ file }] } }), 400, 'INVALID_REQUEST', 'config');
		expectError(await call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs: [] } }), 400, 'INVALID_REQUEST', 'inputs');
		expectError(await call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs: Array.from({ length: 1001 }, () => ({ file })) } }), 400, 'INVALID_REQUEST', 'inputs');
		expectError(await call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs: [{ file }, { file: {} }] } }), 400, 'INVALID_REQUEST', 'inputs[1].file');
	});

	it('validates list queries', async () => {
		expectError(await call(em, 'GET', '/classify_runs?maxPageSize=0'), 400, 'INVALID_REQUEST', 'maxPageSize');
		expectError(await call(em, 'GET', '/classify_runs?maxPageSize=101'), 400, 'INVALID_REQUEST', 'maxPageSize');
		expectError(await call(em, 'GET', '/classify_runs?nextPageToken=garbage'), 400, 'INVALID_REQUEST', 'nextPageToken');
		expectError(await call(em, 'GET', '/classify_runs?status=DONE'), 400, 'INVALID_REQUEST', 'status');
		expectError(await call(em, 'GET', '/classify_runs?sortBy=name'), 400, 'INVALID_REQUEST', 'sortBy');
		expect((await call(em, 'GET', '/classify_runs?maxPageSize=100&source=API')).status).toBe(200);
	});
});

describe('run lifecycle over HTTP', () => {
	it('accepts a cancel with an empty JSON object body', async () => {
		const run = await call(em, 'POST', '/classify_runs', { body: { file: { text: 'x' }, config: INLINE_CONFIG, metadata: { 'emulator:latencyMs': 5000 } } });
		const cancelled = await call(em, 'POST', `/classify_runs/${run.json.id}/cancel`, { body: {} });
		expect([cancelled.status, cancelled.json.status]).toEqual([200, 'CANCELLED']);
	});

	it('keeps a run PENDING for emulator:pendingMs, then PROCESSING; a PENDING run can be cancelled', async () => {
		const body = { file: { text: 'Invoice' }, config: INLINE_CONFIG, metadata: { 'emulator:pendingMs': 100, 'emulator:latencyMs': 100 } };
		const run = (await call(em, 'POST', '/classify_runs', { body })).json;
		expect(run.status).toBe('PENDING');
		await sleep(150);
		expect((await call(em, 'GET', `/classify_runs/${run.id}`)).json.status).toBe('PROCESSING');
		expect((await em.waitForRun(run.id)).status).toBe('PROCESSED');
		const pending = (await call(em, 'POST', '/classify_runs', { body })).json;
		expect((await call(em, 'POST', `/classify_runs/${pending.id}/cancel`)).json.status).toBe('CANCELLED');
	});

	it('fails a synchronous /classify past syncTimeoutMs with 504 while the run continues', async () => {
		const res = await call(em, 'POST', '/classify', { body: { file: { text: 'Invoice' }, config: INLINE_CONFIG, metadata: { 'emulator:latencyMs': 400 } } });
		expectError(res, 504, 'REQUEST_TIMEOUT', 'continues');
		expect(res.json.retryable).toBe(false);
		const runId = /clr_\w+/.exec(res.json.message)![0];
		expect((await em.waitForRun(runId)).status).toBe('PROCESSED');
	});

	it('fails runs on emulator:fail (any reason) and on an EMULATOR_FAIL marker in the text', async () => {
		const spicy = (await call(em, 'POST', '/classify', { body: { file: { text: 'x' }, config: INLINE_CONFIG, metadata: { 'emulator:fail': 'DOCUMENT_TOO_SPICY' } } })).json;
		expect(spicy).toMatchObject({ status: 'FAILED', failureReason: 'DOCUMENT_TOO_SPICY', output: null, metadata: { 'emulator:fail': 'DOCUMENT_TOO_SPICY' } });
		const marked = (await call(em, 'POST', '/classify', { body: { file: { text: 'Invoice EMULATOR_FAIL:PARSING_ERROR' }, config: INLINE_CONFIG } })).json;
		expect(marked).toMatchObject({ status: 'FAILED', failureReason: 'PARSING_ERROR', failureMessage: expect.any(String) });
	});

	it('waitForRun rejects for unknown runs and after its timeout', async () => {
		await expect(em.waitForRun('clr_missing')).rejects.toThrow('clr_missing');
		const run = (await call(em, 'POST', '/classify_runs', { body: { file: { text: 'x' }, config: INLINE_CONFIG, metadata: { 'emulator:latencyMs': 5000 } } })).json;
		await expect(em.waitForRun(run.id, 50)).rejects.toThrow('did not finish');
		await call(em, 'DELETE', `/classify_runs/${run.id}`);
	});
});
