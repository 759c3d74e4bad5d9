// Submission "Batch": items travel in batch requests and come back exactly as in per-item mode
// (order, pairing, routing, error items), against the emulator's batch endpoints over loopback.
import type { INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../../../emulator';
import { listAllRuns } from '../../../../support/emulatorApi';
import { binaryItem, classifyParams, runExtend } from '../../../../support/extendNode';
import { DOCS } from '../documents';

const SAVED = { __rl: true, mode: 'id', value: 'cl_document_types' };
const TYPES = ['invoice', 'receipt', 'contract', 'resume'] as const;

function batchParams(overrides: INodeParameters = {}): INodeParameters {
	return classifyParams({
		classifierSource: 'saved',
		classifierId: SAVED,
		classifierVersion: 'latest',
		submission: 'batch',
		...overrides,
		options: { metadata: '={{ JSON.stringify($json.meta ?? {}) }}', ...((overrides.options as object) ?? {}) },
	});
}

const docs = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { n: i, text: DOCS[TYPES[i % TYPES.length]] } }));

describe('Classify: Submission Batch', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator({ latencyMs: 300 })));
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.resetStats());

	it('classifies 25 items in one batch request: every run in full, in input order, paired, about one request per document', async () => {
		const result = await runExtend(emulator.baseUrl, batchParams(), docs(25));
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(25);
		expect(result.items.map((item) => item.json.output && (item.json.output as { type: string }).type)).toEqual(docs(25).map((d) => TYPES[d.json.n % 4]));
		expect(result.items.map((item) => item.pairedItem)).toEqual(docs(25).map((_, i) => ({ item: i })));
		expect(result.items.map((item) => (item.json.metadata as { n8n: { itemIndex: number } }).n8n.itemIndex)).toEqual(docs(25).map((_, i) => i));
		expect(result.items[0].json).toMatchObject({ object: 'classify_run', status: 'PROCESSED', config: expect.any(Object) });
		const stats = emulator.stats();
		expect(stats.requests['POST /classify_runs/batch']).toBe(1);
		expect(stats.requests['POST /classify_runs']).toBeUndefined();
		expect(stats.requests['GET /classify_runs/{id}']).toBe(25);
		const total = Object.entries(stats.requests).reduce((sum, [, n]) => sum + n, 0);
		expect(total / 25).toBeLessThanOrEqual(1.5);
	});

	it('keeps Continue On Fail per item: a bad URL and a failed run become error items in place, the rest are classified', async () => {
		const input = docs(6);
		input[2].json = { ...input[2].json, meta: { 'emulator:fail': 'FAILED_TO_PROCESS_FILE' } } as never;
		const params = batchParams({ documentSource: '={{ $json.n === 4 ? "url" : "text" }}', url: 'not a url' });
		const result = await runExtend(emulator.baseUrl, params, input, { continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(6);
		expect(result.items.map((item) => item.pairedItem)).toEqual(input.map((_, i) => ({ item: i })));
		expect(String(result.items[2].json.error)).toMatch(/^Extend run clr_\w+ failed: FAILED_TO_PROCESS_FILE/);
		expect(String(result.items[4].json.error)).toMatch(/"File URL" must be a full http\(s\) URL, but it is "not a url"/);
		for (const i of [0, 1, 3, 5]) expect(result.items[i].json).toMatchObject({ status: 'PROCESSED', output: { type: TYPES[i % 4] } });
		expect(emulator.stats().requests['POST /classify_runs/batch']).toBe(1);
	});

	it('stops at the first bad item without Continue On Fail, before any batch exists', async () => {
		const params = batchParams({ documentSource: '={{ $json.n === 1 ? "url" : "text" }}', url: 'ftp://example.com/a.pdf' });
		const result = await runExtend(emulator.baseUrl, params, docs(3));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/"File URL" must be a full http\(s\) URL/);
		expect(emulator.stats().requests['POST /classify_runs/batch']).toBeUndefined();
	});

	it('refuses inline classifications per item, saying why and what to change, with no request', async () => {
		const result = await runExtend(emulator.baseUrl, classifyParams({ submission: 'batch' }), docs(2), { continueOnFail: true });
		expect(result.items.map((item) => item.json.error)).toEqual(['Batch submission needs a saved classifier', 'Batch submission needs a saved classifier']);
		expect(String((result.items[0].json as { description?: string }).description ?? JSON.stringify(result.items[0].json))).toMatch(/Saved Classifier|One Run per Item/);
		expect(Object.keys(emulator.stats().requests)).toHaveLength(0);
	});

	it('routes by type exactly as per-item submission does, with the input and its binary on each branch', async () => {
		const routeClassifications = ['invoice', 'receipt'].map((type) => JSON.stringify({ id: type, type }));
		const input = [binaryItem(DOCS.invoice, 'a.txt', 'text/plain', { n: 0 }), binaryItem(DOCS.receipt, 'b.txt', 'text/plain', { n: 1 }), binaryItem(DOCS.contract, 'c.txt', 'text/plain', { n: 2 })];
		const params = batchParams({ documentSource: 'binary', routeByType: true, routeClassifications });
		const perItem = await runExtend(emulator.baseUrl, { ...params, submission: 'perItem' }, input);
		const batched = await runExtend(emulator.baseUrl, params, input);
		expect(batched.status).toBe('success');
		const shape = (run: typeof batched) => run.outputs.map((branch) => branch.map((item) => [item.json.n, (item.json.output as { type: string }).type, item.binary?.data?.fileName]));
		expect(shape(batched)).toEqual([[[0, 'invoice', 'a.txt']], [[1, 'receipt', 'b.txt']], [[2, 'contract', 'c.txt']]]);
		expect(shape(batched)).toEqual(shape(perItem));
		// The binaries were uploaded first, then referenced by file id in the batch.
		expect(emulator.stats().requests['POST /files/upload']).toBe(6);
	});

	it('Submit Only returns one item per batch, paired with all of its inputs', async () => {
		const result = await runExtend(emulator.baseUrl, batchParams({ mode: 'submitOnly' }), docs(4));
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ object: 'batch_run', id: expect.stringMatching(/^bpr_/), runCount: 4 });
		expect(result.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(emulator.stats().requests['GET /classify_runs/{id}']).toBeUndefined();
	});

	it('splits more than 1,000 items into batches of at most 1,000, in item order', async () => {
		const result = await runExtend(emulator.baseUrl, batchParams({ mode: 'submitOnly', options: { concurrency: 100 } }), docs(1003));
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.runCount)).toEqual([1000, 3]);
		const paired = result.items.map((item) => (item.pairedItem as Array<{ item: number }>).map((p) => p.item));
		expect(paired).toEqual([docs(1000).map((_, i) => i), [1000, 1001, 1002]]);
		expect(emulator.stats().requests['POST /classify_runs/batch']).toBe(2);
	}, 60_000);

	it('with Max Wait exceeded: On Timeout "Return Run As Is" returns the unfinished runs, "Error" fails each item naming its run and batch', async () => {
		const slow = docs(2).map((d) => ({ json: { ...d.json, meta: { 'emulator:latencyMs': 20_000 } } }));
		const returned = await runExtend(emulator.baseUrl, batchParams({ options: { maxWaitSeconds: 2, onTimeout: 'returnRun' } }), slow);
		expect(returned.items.map((item) => item.json.status)).toEqual(['PROCESSING', 'PROCESSING']);
		const failed = await runExtend(emulator.baseUrl, batchParams({ options: { maxWaitSeconds: 2 } }), slow, { continueOnFail: true });
		expect(failed.items.map((item) => String(item.json.error))).toEqual([
			expect.stringMatching(/^Extend run clr_\w+ of batch bpr_\w+ did not finish within 2 seconds \(last status: PROCESSING\)/),
			expect.stringMatching(/^Extend run clr_\w+ of batch bpr_\w+ did not finish within 2 seconds/),
		]);
	}, 30_000);
});

describe('Classify: Submission Batch, stopped', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator({ latencyMs: 60_000 })));
	afterAll(async () => await emulator.stop());

	it.each([
		[true, 'CANCELLED'],
		[false, 'PROCESSING'],
	])('a stopped execution returns promptly; with Cancel Run on Stop %s the batch runs end %s', async (cancelOnStop, status) => {
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 1500);
		const started = Date.now();
		const result = await runExtend(emulator.baseUrl, batchParams({ options: { cancelOnStop } }), docs(3), { signal: controller.signal });
		expect(result.status).toBe('canceled');
		expect(Date.now() - started).toBeLessThan(10_000);
		const runs = (await listAllRuns(emulator.baseUrl)).slice(0, 3);
		expect(runs.map((run) => run.status)).toEqual([status, status, status]);
	});
});
