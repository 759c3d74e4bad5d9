// Batch runs over real HTTP and through the SDK: POST /classify_runs/batch, GET /batch_runs/{id},
// the batch's runs listed by batchId, the final status, and the signed batch_processor_run.* webhooks.
import { type ExtendClient } from 'extend-ai';

import { startEmulator, type Emulator } from '../index';
import { call, sdk, startReceiver } from './helpers';

let em: Emulator;
let client: ExtendClient;

beforeAll(async () => {
	em = await startEmulator({ latencyMs: 30, seed: 11 });
	client = sdk(em);
});
afterAll(async () => await em.stop());

const classifier = { id: 'cl_document_types', version: '1.0' };
const texts = ['Invoice 7: amount due within 30 days', 'Receipt: paid by card, thank you for your purchase', 'Employment agreement between the parties'];
const inputs = texts.map((text, n) => ({ file: { text, name: `doc-${n}.txt` }, metadata: { item: n } }));

describe('POST /classify_runs/batch and GET /batch_runs/{id}', () => {
	it('answers a PENDING BatchRun with exactly the SDK fields, then PROCESSING, then PROCESSED', async () => {
		const slowInputs = inputs.map((input) => ({ ...input, metadata: { 'emulator:latencyMs': 400 } }));
		const created = await call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs: slowInputs, priority: 20 } });
		expect(created.status).toBe(200);
		expect(Object.keys(created.json).sort()).toEqual(['createdAt', 'id', 'object', 'runCount', 'status']);
		expect(created.json).toMatchObject({ object: 'batch_run', status: 'PENDING', runCount: 3 });
		expect(created.json.id).toMatch(/^bpr_/);
		expect((await call(em, 'GET', `/batch_runs/${created.json.id}`)).json.status).toBe('PROCESSING');
		const done = await em.waitForBatch(created.json.id);
		expect(done).toEqual({ ...created.json, status: 'PROCESSED' });
		expect((await call(em, 'GET', `/batch_runs/${created.json.id}`)).json).toEqual(done);
		expect(em.stats().batchEndedAt[created.json.id]).toBeLessThanOrEqual(Date.now());
	});

	it('makes one run per input with the input metadata, listed (paged) by batchId and source', async () => {
		const batch = (await call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs } })).json;
		await em.waitForBatch(batch.id);
		const first = (await call(em, 'GET', `/classify_runs?batchId=${batch.id}&sortDir=asc&maxPageSize=2`)).json;
		expect(first.data).toHaveLength(2);
		const second = (await call(em, 'GET', `/classify_runs?batchId=${batch.id}&sortDir=asc&maxPageSize=2&nextPageToken=${first.nextPageToken}`)).json;
		expect(second.nextPageToken).toBeUndefined();
		const runs = [...first.data, ...second.data];
		expect(runs.map((r) => r.metadata)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(runs.map((r) => r.file.name)).toEqual(['doc-0.txt', 'doc-1.txt', 'doc-2.txt']);
		// Summaries, and no batchId field: Extend's ClassifyRun (SDK 1.17.0) has none.
		for (const run of runs) expect(run).not.toHaveProperty('output');
		for (const run of runs) expect(run).not.toHaveProperty('batchId');
		expect(runs.every((r) => r.classifierVersion.version === '1.0' && r.status === 'PROCESSED')).toBe(true);
		const full = await Promise.all(runs.map(async (r) => (await call(em, 'GET', `/classify_runs/${r.id}`)).json.output.type));
		expect(full).toEqual(['invoice', 'receipt', 'contract']);
		const bySource = (await call(em, 'GET', '/classify_runs?source=BATCH_PROCESSOR_RUN&maxPageSize=100')).json.data.map((r: { id: string }) => r.id);
		expect(bySource).toEqual(expect.arrayContaining(runs.map((r) => r.id)));
	});

	it('ends FAILED when every run failed, PROCESSED when one succeeded, CANCELLED when all were cancelled', async () => {
		const failing = { file: { text: 'anything' }, metadata: { 'emulator:fail': 'PARSING_ERROR' } };
		const allFailed = (await call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs: [failing, failing] } })).json;
		const mixed = (await call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs: [failing, inputs[0]] } })).json;
		const slow = { file: { text: 'slow' }, metadata: { 'emulator:latencyMs': 60_000 } };
		const cancelled = (await call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs: [slow, slow] } })).json;
		for (const run of (await call(em, 'GET', `/classify_runs?batchId=${cancelled.id}`)).json.data) {
			expect((await call(em, 'POST', `/classify_runs/${run.id}/cancel`)).status).toBe(200);
		}
		expect((await em.waitForBatch(allFailed.id)).status).toBe('FAILED');
		expect((await em.waitForBatch(mixed.id)).status).toBe('PROCESSED');
		expect((await call(em, 'GET', `/batch_runs/${cancelled.id}`)).json.status).toBe('CANCELLED');
	});

	it('validates the whole body before creating any run', async () => {
		const before = em.stats().runsCreated;
		const expect400 = async (body: unknown, mentions: string) => {
			const res = await call(em, 'POST', '/classify_runs/batch', { body });
			expect(res.status).toBe(400);
			expect(res.json).toMatchObject({ code: 'INVALID_REQUEST', retryable: false });
			expect(res.json.message).toContain(mentions);
		};
		await expect400({ inputs }, 'classifier');
		await expect400({ classifier, inputs: [{ file: { text: 'x' }, name: 'a' }] }, 'inputs[0]');
		await expect400({ classifier, inputs: [{ file: { url: 'ftp://x/a.pdf' } }] }, 'inputs[0].file.url');
		await expect400({ classifier, inputs: [{ file: { text: 'x' }, metadata: 'no' }] }, 'inputs[0].metadata');
		await expect400({ classifier, inputs, priority: 101 }, 'priority');
		await expect400({ classifier: { id: 'cl_document_types', overrideConfig: { classifications: [] } }, inputs }, 'overrideConfig');
		const missingFile = await call(em, 'POST', '/classify_runs/batch', { body: { classifier, inputs: [inputs[0], { file: { id: 'file_missing' } }] } });
		expect(missingFile.json).toMatchObject({ code: 'NOT_FOUND' });
		expect((await call(em, 'POST', '/classify_runs/batch', { body: { classifier: { id: 'cl_nope' }, inputs } })).status).toBe(404);
		expect(em.stats().runsCreated).toBe(before);
	});
});

describe('batch webhooks', () => {
	it('sends batch_processor_run.processed once, besides the runs’ own classify_run events, signed like them', async () => {
		const receiver = await startReceiver();
		const endpoint = await client.webhookEndpoints.create({
			url: receiver.url,
			name: 'Batches',
			enabledEvents: ['classify_run.processed', 'batch_processor_run.processed', 'batch_processor_run.failed'],
			apiVersion: '2026-02-09',
		});
		try {
			const batch = await client.classifyRuns.createBatch({ classifier, inputs: inputs.slice(0, 2) });
			await em.waitForBatch(batch.id);
			await receiver.waitFor(3);
			const events = receiver.received.map((r) => client.webhooks.verifyAndParse(r.body, r.headers as Record<string, string>, endpoint.signingSecret));
			// Sent in that order; three connections may arrive in any order.
			expect(events.map((e) => e.eventType).sort()).toEqual(['batch_processor_run.processed', 'classify_run.processed', 'classify_run.processed']);
			const batchEvent = events.find((e) => e.eventType === 'batch_processor_run.processed')!;
			expect(batchEvent.payload).toEqual({ ...batch, status: 'PROCESSED' });
			expect(batchEvent.eventId).toMatch(/^evt_/);
			expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
		} finally {
			await client.webhookEndpoints.delete(endpoint.id);
			await receiver.stop();
		}
	});

	it('sends batch_processor_run.failed through a classifier subscription, by signed URL when asked', async () => {
		const receiver = await startReceiver();
		const endpoint = await client.webhookEndpoints.create({
			url: receiver.url,
			name: 'Subscribed',
			enabledEvents: [],
			apiVersion: '2026-02-09',
			advancedOptions: { payload: { format: 'url', urlThresholdBytes: 10 } },
		});
		await client.webhookSubscriptions.create({ webhookEndpointId: endpoint.id, resourceType: 'classifier', resourceId: classifier.id, enabledEvents: ['batch_processor_run.failed'] });
		try {
			const batch = await client.classifyRuns.createBatch({ classifier, inputs: [{ file: { text: 'x' }, metadata: { 'emulator:fail': 'OUT_OF_CREDITS' } }] });
			await em.waitForBatch(batch.id);
			await receiver.waitFor(1);
			const raw = receiver.received[0];
			const event = client.webhooks.verifyAndParse(raw.body, raw.headers as Record<string, string>, endpoint.signingSecret, { allowSignedUrl: true });
			expect(event.eventType).toBe('batch_processor_run.failed');
			expect(client.webhooks.isSignedUrlEvent(event)).toBe(true);
			const full = await client.webhooks.fetchSignedPayload(event as Parameters<ExtendClient['webhooks']['fetchSignedPayload']>[0]);
			expect(full.payload).toEqual({ ...batch, status: 'FAILED' });
			expect(receiver.received).toHaveLength(1);
		} finally {
			await client.webhookEndpoints.delete(endpoint.id);
			await receiver.stop();
		}
	});
});

describe('batches through the SDK', () => {
	it('createBatch, batchRuns.get and classifyRuns.list({ batchId }) page through the runs', async () => {
		const many = Array.from({ length: 12 }, (_, n) => ({ file: { text: `Receipt ${n}: paid in full` }, metadata: { n } }));
		const batch = await client.classifyRuns.createBatch({ classifier: { id: 'cl_document_types' }, inputs: many, priority: 5 });
		expect(batch).toMatchObject({ object: 'batch_run', status: 'PENDING', runCount: 12 });
		await em.waitForBatch(batch.id);
		await expect(client.batchRuns.get(batch.id)).resolves.toEqual({ ...batch, status: 'PROCESSED' });
		const seen: unknown[] = [];
		let nextPageToken: string | undefined;
		do {
			const page = await client.classifyRuns.list({ batchId: batch.id, sortDir: 'asc', nextPageToken });
			seen.push(...page.data.map((r) => r.metadata?.n));
			nextPageToken = page.nextPageToken;
		} while (nextPageToken);
		expect(seen).toEqual(many.map((_, n) => n));
	});
});
