// The batch events (batch_processor_run.processed / .failed), from the emulator's own signed
// deliveries into the trigger's webhook() over loopback: one execution per batch whose items are the
// batch's runs, fetched through a counting proxy in front of the emulator (requests per second, in
// flight at once), redeliveries and a concurrent delivery, "Only Runs Submitted Here" and the filters.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { classifyRunToJson } from '../../../nodes/Extend/runs/mapper';
import { BATCH_GETS_PER_SECOND } from '../../../nodes/Extend/runs/batchRuns';
import { ANSWER_WITHIN_MS } from '../../../nodes/ExtendTrigger/batch';
import { forgetClaims } from '../../../nodes/ExtendTrigger/dedupe';
import { ExtendTrigger } from '../../../nodes/ExtendTrigger/ExtendTrigger.node';
import { TriggerHarness } from '../../harness/runWebhook';
import { startEmulator, type Emulator } from '../../emulator/index';
import { call, TOKEN } from '../../emulator/tests/helpers';
import { classifyParams, runExtend } from '../../support/extendNode';
import { envelope, INVOICE_TEXT, post, RESUME_TEXT, settledDeliveries, signedHeaders, until } from './setup';

const BATCH_EVENTS = ['batch_processor_run.processed', 'batch_processor_run.failed'];
const CLASSIFIER = { id: 'cl_document_types', version: '1.0' };
const RECEIPT_TEXT = 'Receipt: paid by card, thank you for your purchase';

/** An HTTP proxy in front of the emulator that records each request's start, and how many were in flight at once. */
class CountingProxy {
	readonly requests: Array<{ method: string; path: string; at: number }> = [];
	maxInFlight = 0;
	private inFlight = 0;
	private server?: Server;
	url = '';

	constructor(private readonly target: string) {}

	async start(): Promise<void> {
		const target = new URL(this.target);
		this.server = createServer((req, res) => {
			this.requests.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0], at: Date.now() });
			this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
			const upstream = httpRequest(
				{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
					answer.on('end', () => this.inFlight--);
				},
			);
			upstream.on('error', () => {
				this.inFlight--;
				res.destroy();
			});
			req.pipe(upstream);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	/** GETs of runs (the batch's fetch) since `from`. */
	runGets(from = 0) {
		return this.requests.filter((r) => r.at >= from && r.method === 'GET' && r.path.startsWith('/classify_runs'));
	}

	reset(): void {
		this.requests.length = 0;
		this.maxInFlight = 0;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	}
}

/** The most requests that started within any one second. */
function maxPerSecond(times: number[]): number {
	let max = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= 1000) j++;
		max = Math.max(max, i - j + 1);
	}
	return max;
}

interface BatchSetup {
	em: Emulator;
	proxy: CountingProxy;
	trigger: TriggerHarness;
	stop: () => Promise<void>;
}

async function setupBatch(parameters: IDataObject, typeVersion = 1, latencyMs = 20): Promise<BatchSetup> {
	forgetClaims();
	// Extend's pay-as-you-go limits: 10 GETs a second; the fetch must meet no 429.
	const em = await startEmulator({ apiKey: TOKEN, latencyMs, plan: { requestsPerSecond: 10, filesPerMinute: null }, webhookRetries: 1, webhookRetryDelayMs: 50, webhookTimeoutMs: 20_000 });
	const proxy = new CountingProxy(em.baseUrl);
	await proxy.start();
	const credentials = { extendApi: { apiKey: TOKEN, region: 'custom', baseUrl: proxy.url, apiVersion: '2026-02-09', workspaceId: '' } };
	const trigger = await TriggerHarness.start({ node: new ExtendTrigger(), parameters: { events: BATCH_EVENTS, ...parameters }, credentials, typeVersion });
	await trigger.activate();
	return {
		em,
		proxy,
		trigger,
		stop: async () => {
			await em.stop();
			await proxy.stop();
			await trigger.stop();
		},
	};
}

async function createBatch(em: Emulator, inputs: Array<{ file: IDataObject; metadata?: IDataObject }>): Promise<{ id: string; runCount: number }> {
	const created = await call(em, 'POST', '/classify_runs/batch', { body: { classifier: CLASSIFIER, inputs } });
	if (created.status !== 200) throw new Error(`POST /classify_runs/batch: ${created.status} ${JSON.stringify(created.json)}`);
	return created.json as { id: string; runCount: number };
}

const texts = (count: number) => Array.from({ length: count }, (_, n) => [INVOICE_TEXT, RECEIPT_TEXT, RESUME_TEXT][n % 3]);
const textInputs = (count: number) => texts(count).map((text, n) => ({ file: { text, name: `doc-${n}.txt` }, metadata: { item: n } }));

/** The batch's runs as Extend gives them, in input order (the plan's limits off: the test's own reads are not paced). */
async function runsOf(em: Emulator, batchId: string): Promise<IDataObject[]> {
	em.setPlan(null);
	const list = (await call(em, 'GET', `/classify_runs?batchId=${batchId}&sortBy=createdAt&sortDir=asc&maxPageSize=100`)).json.data as IDataObject[];
	return await Promise.all(list.map(async (summary) => (await call(em, 'GET', `/classify_runs/${String(summary.id)}`)).json as IDataObject));
}

describe('Extend Trigger: batch events', () => {
	let s: BatchSetup;
	afterEach(async () => await s?.stop());

	it('a batch of 25 runs starts one execution with 25 items in input order, each mapped like a single run', async () => {
		s = await setupBatch({});
		const batch = await createBatch(s.em, textInputs(25));
		await s.em.waitForBatch(batch.id);
		await until(() => s.trigger.executions.length === 1, 'the execution', 20_000);

		const [delivery] = await settledDeliveries(s.em, 1);
		expect(delivery).toMatchObject({ status: 200, eventType: 'batch_processor_run.processed' });
		const { items } = s.trigger.executions[0];
		expect(items).toHaveLength(25);
		expect(items.map((item) => (item.json.metadata as IDataObject).item)).toEqual([...Array(25).keys()]);
		// One list page and one GET per run; no 429 under the 10/s GET limit.
		expect(s.proxy.runGets().filter((r) => r.path === '/classify_runs')).toHaveLength(1);
		expect(s.proxy.runGets().filter((r) => r.path !== '/classify_runs')).toHaveLength(25);
		expect(s.em.stats().rateLimitedByCategory.GET ?? 0).toBe(0);
		const runs = await runsOf(s.em, batch.id);
		expect(items.map((item) => item.json)).toEqual(
			runs.map((run) => ({ eventId: delivery.eventId, eventType: 'batch_processor_run.processed', batchId: batch.id, ...classifyRunToJson(run) })),
		);
		expect(items.map((item) => (item.json.output as IDataObject).type)).toEqual(texts(25).map((_, n) => ['invoice', 'receipt', 'resume'][n % 3]));
		expect(s.trigger.handled).toEqual([expect.objectContaining({ status: 200, started: true, body: JSON.stringify({ message: 'Workflow was started' }) })]);
		await s.stop();
		// After a restart the id is in the stored static data: a late redelivery starts nothing.
		expect((s.trigger.nodeData().seenEvents as IDataObject[]).map((e) => e.id)).toEqual([delivery.eventId]);
	});

	it('Simplify gives each run the flat view of the shared mapper', async () => {
		s = await setupBatch({ simplify: true });
		const batch = await createBatch(s.em, textInputs(4));
		await until(() => s.trigger.executions.length === 1, 'the execution', 20_000);
		const runs = await runsOf(s.em, batch.id);
		const { items } = s.trigger.executions[0];
		expect(items.map(({ json: { eventId, eventType, batchId, ...rest } }) => ({ eventType, batchId, rest, eventId: typeof eventId }))).toEqual(
			runs.map((run) => ({ eventType: 'batch_processor_run.processed', batchId: batch.id, rest: classifyRunToJson(run, true), eventId: 'string' })),
		);
		expect(items[0].json).toMatchObject({ classificationType: 'invoice', status: 'PROCESSED' });
	});

	it('a failed batch starts one execution with its failed runs', async () => {
		s = await setupBatch({});
		const failing = (n: number) => ({ file: { text: `broken ${n}` }, metadata: { 'emulator:fail': 'FAILED_TO_PROCESS_FILE', item: n } });
		const batch = await createBatch(s.em, [failing(0), failing(1), failing(2)]);
		expect((await s.em.waitForBatch(batch.id)).status).toBe('FAILED');
		await until(() => s.trigger.executions.length === 1, 'the execution', 20_000);
		const { items } = s.trigger.executions[0];
		expect(items.map((item) => item.json)).toEqual(
			[0, 1, 2].map((n) =>
				expect.objectContaining({ eventType: 'batch_processor_run.failed', batchId: batch.id, status: 'FAILED', failureReason: 'FAILED_TO_PROCESS_FILE', metadata: expect.objectContaining({ item: n }) }),
			),
		);
	});

	it('a redelivered batch event (its answer was lost) starts nothing the second time', async () => {
		s = await setupBatch({});
		s.trigger.loseNextResponses(1);
		await createBatch(s.em, textInputs(6));
		const deliveries = await settledDeliveries(s.em, 2);
		await until(() => s.trigger.handled.length === 2, 'both deliveries handled', 20_000);
		expect(deliveries.map((d) => d.eventId)).toEqual([deliveries[0].eventId, deliveries[0].eventId]);
		expect(deliveries.map((d) => d.status)).toEqual([null, 200]);
		expect(s.trigger.executions).toHaveLength(1);
		expect(JSON.parse(s.trigger.handled[1].body)).toEqual({ message: 'Event already received; ignored' });
		// The redelivery fetched nothing: one list and six runs in all.
		expect(s.proxy.runGets()).toHaveLength(7);
	});

	it('a second delivery while the first is still fetching gets 409 and starts nothing; after it, "already received"', async () => {
		s = await setupBatch({ events: ['batch_processor_run.failed'] });
		const batch = await createBatch(s.em, textInputs(12));
		await s.em.waitForBatch(batch.id);
		s.proxy.reset();
		const secret = String(s.trigger.nodeData().signingSecret);
		const body = envelope('evt_batch_concurrent', { ...(await call(s.em, 'GET', `/batch_runs/${batch.id}`)).json, status: 'FAILED' }, 'batch_processor_run.failed');
		const first = post(s.trigger.productionUrl, body, signedHeaders(secret, body));
		await until(() => s.proxy.runGets().length >= 3, 'the first delivery fetching');
		const second = await post(s.trigger.productionUrl, body, signedHeaders(secret, body));
		expect(second.status).toBe(409);
		expect(s.trigger.executions).toHaveLength(0);
		expect((await first).status).toBe(200);
		const third = await post(s.trigger.productionUrl, body, signedHeaders(secret, body));
		expect(JSON.parse(third.text)).toEqual({ message: 'Event already received; ignored' });
		expect(s.trigger.executions).toHaveLength(1);
		expect(s.trigger.executions[0].items).toHaveLength(12);
		expect(s.proxy.runGets()).toHaveLength(13);
	});

	it(`fetches paced under Extend's GET limit (${BATCH_GETS_PER_SECOND} a second, never more than its 10) and at most 4 at once`, async () => {
		// Slow answers (150 ms each) would let unbounded workers pile up; the pace bounds the rate.
		s = await setupBatch({}, 1, 20);
		const batch = await createBatch(s.em, textInputs(40));
		await s.em.waitForBatch(batch.id);
		const from = Date.now();
		s.em.setFaults({ slowMs: 150, routes: ['GET /classify_runs/{id}'] });
		await until(() => s.trigger.executions.length === 1, 'the execution', 30_000);
		const gets = s.proxy.runGets(from);
		expect(gets).toHaveLength(41);
		const times = gets.map((r) => r.at);
		expect(maxPerSecond(times)).toBeLessThanOrEqual(10);
		// 41 requests spaced 1/BATCH_GETS_PER_SECOND apart take at least 40/BATCH_GETS_PER_SECOND seconds.
		expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual((40 * 1000) / BATCH_GETS_PER_SECOND - 50);
		expect(s.proxy.maxInFlight).toBeLessThanOrEqual(4);
		expect(s.proxy.maxInFlight).toBeGreaterThan(1);
		expect(s.em.stats().rateLimitedByCategory.GET ?? 0).toBe(0);
		expect(s.trigger.executions[0].items).toHaveLength(40);
	});

	it(`a batch whose fetch outlasts ${ANSWER_WITHIN_MS / 1000} s is answered 200 then, before its execution starts: no redelivery`, async () => {
		s = await setupBatch({});
		const count = Math.ceil((ANSWER_WITHIN_MS / 1000) * BATCH_GETS_PER_SECOND) + 10;
		const batch = await createBatch(s.em, textInputs(count));
		await until(() => s.em.stats().deliveries.length === 1, 'the answer', 40_000);
		const answeredAt = Date.now();
		expect(s.em.stats().deliveries[0]).toMatchObject({ status: 200, attempt: 1 });
		expect(s.trigger.executions).toHaveLength(0);
		await until(() => s.trigger.executions.length === 1, 'the execution', 40_000);
		expect(Date.now()).toBeGreaterThan(answeredAt);
		expect(s.trigger.executions[0].items.map((item) => (item.json.metadata as IDataObject).item)).toEqual([...Array(count).keys()]);
		expect(s.trigger.executions[0].items.every((item) => item.json.batchId === batch.id)).toBe(true);
		expect(JSON.parse(s.trigger.handled[0].body)).toEqual({ message: 'Batch received; its runs are being fetched' });
		expect(s.em.stats().deliveries).toHaveLength(1);
		expect(s.em.stats().rateLimitedByCategory.GET ?? 0).toBe(0);
	}, 60_000);

	it('"Only for Classifier" subscribes the batch events for that classifier; a signed payload URL is followed', async () => {
		s = await setupBatch({ onlyClassifier: { __rl: true, mode: 'id', value: CLASSIFIER.id } });
		const subscriptions = (await call(s.em, 'GET', `/webhook_subscriptions?webhookEndpointId=${String(s.trigger.nodeData().endpointId)}`)).json.data as IDataObject[];
		expect(subscriptions).toEqual([expect.objectContaining({ resourceId: CLASSIFIER.id, enabledEvents: [...BATCH_EVENTS].sort() })]);
		await call(s.em, 'POST', `/webhook_endpoints/${String(s.trigger.nodeData().endpointId)}`, {
			body: { advancedOptions: { payload: { format: 'url', urlThresholdBytes: 10 } } },
		});
		const batch = await createBatch(s.em, textInputs(3));
		await until(() => s.trigger.executions.length === 1, 'the execution', 20_000);
		expect((await settledDeliveries(s.em, 1))[0]).toMatchObject({ signedUrl: true, status: 200 });
		expect(s.trigger.executions[0].items.map((item) => [item.json.batchId, (item.json.metadata as IDataObject).item])).toEqual([0, 1, 2].map((n) => [batch.id, n]));
	});

	it('a failed batch without runs starts one item with the batch itself (none with "Only Runs Submitted Here")', async () => {
		s = await setupBatch({});
		const secret = String(s.trigger.nodeData().signingSecret);
		const batch = { object: 'batch_run', id: 'bpr_without_runs', status: 'FAILED', runCount: 2, createdAt: new Date().toISOString() };
		const body = envelope('evt_batch_empty', batch, 'batch_processor_run.failed');
		expect((await post(s.trigger.productionUrl, body, signedHeaders(secret, body))).status).toBe(200);
		expect(s.trigger.executions.map((e) => e.items.map((item) => item.json))).toEqual([
			[{ eventId: 'evt_batch_empty', eventType: 'batch_processor_run.failed', batchId: batch.id, ...batch }],
		]);
		await s.stop();
		s = await setupBatch({}, 1.1);
		const secret11 = String(s.trigger.nodeData().signingSecret);
		const again = await post(s.trigger.productionUrl, body, signedHeaders(secret11, body));
		expect(JSON.parse(again.text)).toEqual({ message: 'The batch has no runs; ignored' });
		expect(s.trigger.executions).toHaveLength(0);
	});

	describe('"Only Runs Submitted Here" (version 1.1) and the filters', () => {
		const SAVED = { __rl: true, mode: 'id', value: 'cl_document_types' };
		const submitBatch = async (t: BatchSetup, mode: string, docs: string[]) =>
			await runExtend(
				t.em.baseUrl,
				classifyParams({ mode, classifierSource: 'saved', classifierId: SAVED, classifierVersion: 'latest', submission: 'batch' }),
				docs.map((text) => ({ json: { text } })),
				{ credentials: { apiKey: TOKEN } },
			);

		it("a Submit Only batch from this n8n: every run, in item order, with the item's correlation metadata", async () => {
			s = await setupBatch({}, 1.1);
			const submitted = await submitBatch(s, 'submitOnly', texts(7));
			expect(submitted.items).toHaveLength(1);
			await until(() => s.trigger.executions.length === 1, 'the execution', 20_000);
			const { items } = s.trigger.executions[0];
			expect(items.map((item) => ((item.json.metadata as IDataObject).n8n as IDataObject).itemIndex)).toEqual([...Array(7).keys()]);
			expect(items.every((item) => item.json.batchId === submitted.items[0].json.id)).toBe(true);
		});

		it('ignores a batch a Wait for Result node handled and a batch from elsewhere, fetching none of their runs', async () => {
			s = await setupBatch({}, 1.1);
			const waited = await submitBatch(s, 'waitForResult', texts(3));
			expect(waited.items).toHaveLength(3);
			await createBatch(s.em, textInputs(3)); // the dashboard or another app: no correlation block
			const deliveries = await settledDeliveries(s.em, 2);
			await until(() => s.trigger.handled.length === 2, 'both deliveries handled');
			expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
			expect(s.trigger.executions).toHaveLength(0);
			expect(s.trigger.handled.map((h) => JSON.parse(h.body).message)).toEqual([
				'No run of the batch was submitted by this n8n with Submit Only; ignored',
				'No run of the batch was submitted by this n8n with Submit Only; ignored',
			]);
			// Only the list of each batch went through the trigger's credential (the Extend node used the emulator directly).
			expect(s.proxy.runGets().map((r) => r.path)).toEqual(['/classify_runs', '/classify_runs']);
		});

		it('"Only Classifications" keeps the matching runs; a batch with none starts nothing', async () => {
			s = await setupBatch({ options: { classifications: 'invoice' } });
			await createBatch(s.em, textInputs(6));
			await until(() => s.trigger.executions.length === 1, 'the execution', 20_000);
			expect(s.trigger.executions[0].items.map((item) => [(item.json.metadata as IDataObject).item, (item.json.output as IDataObject).type])).toEqual([
				[0, 'invoice'],
				[3, 'invoice'],
			]);
			await createBatch(s.em, [{ file: { text: RESUME_TEXT } }]);
			await until(() => s.trigger.handled.length === 2, 'the second delivery');
			expect(JSON.parse(s.trigger.handled[1].body)).toEqual({ message: 'Filtered out: no run of the batch passed the filters' });
			expect(s.trigger.executions).toHaveLength(1);
		});
	});

	it('answers 502 when the runs cannot be fetched in time for the answer; the redelivery starts the execution', async () => {
		s = await setupBatch({});
		s.em.setFaults({ status500: 1, routes: ['GET /classify_runs'] });
		const batch = await createBatch(s.em, textInputs(3));
		await until(() => s.em.stats().deliveries.length >= 1, 'the first delivery', 20_000);
		s.em.setFaults(undefined);
		const deliveries = await settledDeliveries(s.em, 2);
		expect(deliveries.map((d) => d.status)).toEqual([502, 200]);
		expect(s.trigger.executions).toHaveLength(1);
		expect(s.trigger.executions[0].items.map((item) => item.json.batchId)).toEqual([batch.id, batch.id, batch.id]);
	});
});
