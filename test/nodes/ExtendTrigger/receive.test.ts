// The emulator's own signed deliveries, over real HTTP, into the trigger's webhook(): mapping,
// redeliveries, signed payload URLs, filters and Manual mode.
import type { IDataObject } from 'n8n-workflow';

import { classifyRunToJson } from '../../../nodes/Extend/runs/mapper';
import { forgetClaims } from '../../../nodes/ExtendTrigger/dedupe';
import { SIGNED_PAYLOAD_DEADLINE_MS } from '../../../nodes/ExtendTrigger/receive';
import { CLASSIFY_RUN_FIELDS } from '../../emulator/tests/helpers';
import { callEmulator } from '../../support/emulatorApi';
import { classifyParams, runExtend } from '../../support/extendNode';
import {
	BOTH_EVENTS,
	envelope,
	INVOICE_TEXT,
	post,
	RESUME_TEXT,
	runDocument,
	settledDeliveries,
	setup,
	signedHeaders,
	until,
	type Setup,
} from './setup';

const json = (s: Setup, n: number): IDataObject => s.trigger.executions[n].items[0].json;

describe('Extend Trigger deliveries', () => {
	let s: Setup;
	afterEach(async () => await s?.stop());

	it('maps a processed run: every classify_run field plus eventId and eventType, one item', async () => {
		s = await setup({ events: BOTH_EVENTS });
		await s.trigger.activate();
		const run = await runDocument(s.em, INVOICE_TEXT, { metadata: { orderId: 'PO-7' } });
		await until(() => s.trigger.executions.length === 1, 'the execution');

		const [delivery] = await settledDeliveries(s.em, 1);
		expect(delivery).toMatchObject({ status: 200, eventType: 'classify_run.processed', signedUrl: false });
		const { items } = s.trigger.executions[0];
		expect(items).toHaveLength(1);
		const { eventId, eventType, ...rest } = items[0].json;
		expect({ eventId, eventType }).toEqual({ eventId: delivery.eventId, eventType: 'classify_run.processed' });
		expect(Object.keys(rest).sort()).toEqual(expect.arrayContaining(CLASSIFY_RUN_FIELDS));
		expect(rest).toEqual(classifyRunToJson(run as unknown as IDataObject));
		expect(rest).toMatchObject({ id: run.id, status: 'PROCESSED', metadata: { orderId: 'PO-7' } });
		expect(s.trigger.handled).toEqual([expect.objectContaining({ status: 200, started: true })]);
	});

	it('maps a failed run', async () => {
		s = await setup({ events: BOTH_EVENTS });
		await s.trigger.activate();
		const run = await runDocument(s.em, 'Anything', { metadata: { 'emulator:fail': 'FAILED_TO_PROCESS_FILE' } });
		await until(() => s.trigger.executions.length === 1, 'the execution');
		expect(json(s, 0)).toMatchObject({
			eventType: 'classify_run.failed',
			id: run.id,
			status: 'FAILED',
			failureReason: 'FAILED_TO_PROCESS_FILE',
			output: null,
		});
	});

	it('Simplify gives the flat view of the shared mapper', async () => {
		s = await setup({ events: BOTH_EVENTS, simplify: true });
		await s.trigger.activate();
		const run = await runDocument(s.em, INVOICE_TEXT);
		await until(() => s.trigger.executions.length === 1, 'the execution');
		const { eventId, eventType, ...rest } = json(s, 0);
		expect(eventId).toMatch(/^evt_/);
		expect(eventType).toBe('classify_run.processed');
		expect(rest).toEqual(classifyRunToJson(run as unknown as IDataObject, true));
		expect(rest).toMatchObject({ runId: run.id, classificationId: run.output?.id, confidence: run.output?.confidence });
	});

	it('a redelivered event (its answer was lost) starts nothing the second time', async () => {
		s = await setup({ events: BOTH_EVENTS });
		await s.trigger.activate();
		s.trigger.loseNextResponses(1);
		await runDocument(s.em, INVOICE_TEXT);
		const deliveries = await settledDeliveries(s.em, 2);
		expect(deliveries.map((d) => d.eventId)).toEqual([deliveries[0].eventId, deliveries[0].eventId]);
		expect(deliveries.map((d) => d.status)).toEqual([null, 200]);
		expect(s.trigger.executions).toHaveLength(1);
		expect(JSON.parse(s.trigger.handled[1].body)).toEqual({ message: 'Event already received; ignored' });
		expect(s.trigger.nodeData().seenEvents).toEqual([{ id: deliveries[0].eventId, at: expect.any(Number) }]);
	});

	it('the accepted id reaches the database although n8n resets the changed flag when it starts the run', async () => {
		s = await setup({ events: BOTH_EVENTS });
		await s.trigger.activate();
		const secret = String(s.trigger.nodeData().signingSecret);
		const body = envelope('evt_other_process', { object: 'classify_run', id: 'clr_1', status: 'PROCESSED', output: null });
		const first = await post(s.trigger.productionUrl, body, signedHeaders(secret, body));
		expect({ status: first.status, body: JSON.parse(first.text) as unknown }).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		expect(s.trigger.nodeData().seenEvents).toEqual([{ id: 'evt_other_process', at: expect.any(Number) }]);
		forgetClaims(); // the redelivery reaches another n8n process (queue mode) or n8n after a restart
		const again = await post(s.trigger.productionUrl, body, signedHeaders(secret, body));
		expect(JSON.parse(again.text)).toEqual({ message: 'Event already received; ignored' });
		expect(s.trigger.executions).toHaveLength(1);
	});

	it('a replayed valid delivery starts nothing, the id list survives the static data round trip', async () => {
		s = await setup({ events: BOTH_EVENTS });
		await s.trigger.activate();
		const secret = String(s.trigger.nodeData().signingSecret);
		const body = envelope('evt_replayed', { object: 'classify_run', id: 'clr_1', status: 'PROCESSED', output: null });
		const headers = signedHeaders(secret, body);
		expect((await post(s.trigger.productionUrl, body, headers)).status).toBe(200);
		expect((await post(s.trigger.productionUrl, body, headers)).status).toBe(200);
		expect(s.trigger.executions).toHaveLength(1);
		expect(s.trigger.nodeData().seenEvents).toEqual([{ id: 'evt_replayed', at: expect.any(Number) }]);
	});

	describe('"Only Runs Submitted Here" (version 1.1, on by default)', () => {
		const submit = async (t: Setup, mode: string) =>
			await runExtend(t.em.baseUrl, classifyParams({ mode, documentSource: 'text', text: INVOICE_TEXT }));

		it('starts for a Submit Only run from this n8n, and ignores runs a waiting node handled or others made', async () => {
			s = await setup({ events: BOTH_EVENTS }, { typeVersion: 1.1 });
			await s.trigger.activate();
			const submitted = await submit(s, 'submitOnly');
			const waited = await submit(s, 'waitForResult');
			await runDocument(s.em, RESUME_TEXT); // from the dashboard or another app: no correlation block
			const deliveries = await settledDeliveries(s.em, 3);
			expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
			expect(s.trigger.executions.map((e) => e.items[0].json.id)).toEqual([submitted.items[0].json.id]);
			const ignored = s.trigger.handled.filter((h) => !h.started).map((h) => JSON.parse(h.body).message as string);
			expect(ignored).toEqual(['Not a run this n8n submitted with Submit Only; ignored', 'Not a run this n8n submitted with Submit Only; ignored']);
			expect(waited.items[0].json.status).toBe('PROCESSED');
		});

		it('can be turned off, and version 1 nodes keep starting for every run', async () => {
			s = await setup({ events: BOTH_EVENTS, onlySubmitOnly: false }, { typeVersion: 1.1 });
			await s.trigger.activate();
			await runDocument(s.em, RESUME_TEXT);
			await until(() => s.trigger.executions.length === 1, 'the execution (filter off)');
			await s.stop();
			s = await setup({ events: BOTH_EVENTS });
			await s.trigger.activate();
			await runDocument(s.em, RESUME_TEXT);
			await until(() => s.trigger.executions.length === 1, 'the execution (version 1)');
		});
	});

	describe('signed payload URLs', () => {
		const useSignedUrls = async (t: Setup) =>
			await callEmulator(t.em.baseUrl, 'POST', `/webhook_endpoints/${String(t.trigger.nodeData().endpointId)}`, {
				advancedOptions: { payload: { format: 'url', urlThresholdBytes: 10 } },
			});

		it('are followed (after the envelope is verified) and mapped like inline payloads', async () => {
			s = await setup({ events: BOTH_EVENTS });
			await s.trigger.activate();
			await useSignedUrls(s);
			const run = await runDocument(s.em, INVOICE_TEXT);
			await until(() => s.trigger.executions.length === 1, 'the execution');
			const [delivery] = await settledDeliveries(s.em, 1);
			expect(delivery).toMatchObject({ signedUrl: true, status: 200 });
			const { eventId, eventType, ...rest } = json(s, 0);
			expect({ eventId, eventType }).toEqual({ eventId: delivery.eventId, eventType: 'classify_run.processed' });
			expect(rest).toEqual(classifyRunToJson(run as unknown as IDataObject));
		});

		it('are refused with 422 when "Follow Payload URLs" is off', async () => {
			s = await setup({ events: BOTH_EVENTS, options: { followSignedUrls: false } });
			await s.trigger.activate();
			await useSignedUrls(s);
			await runDocument(s.em, INVOICE_TEXT);
			const deliveries = await settledDeliveries(s.em, 2);
			expect(deliveries.map((d) => d.status)).toEqual([422, 422]);
			expect(s.trigger.executions).toHaveLength(0);
			expect(JSON.parse(s.trigger.handled[0].body).message).toMatch(/Follow Payload URLs/);
		});

		it('answer 502 and start nothing when the download fails; the event is not marked as received', async () => {
			s = await setup({ events: BOTH_EVENTS });
			await s.trigger.activate();
			const secret = String(s.trigger.nodeData().signingSecret);
			const body = envelope('evt_gone', { object: 'signed_data_url', id: 'clr_1', data: `${s.em.baseUrl}/__signed/sig_never_issued` });
			const sent = await post(s.trigger.productionUrl, body, signedHeaders(secret, body));
			expect(sent.status).toBe(502);
			expect(s.trigger.executions).toHaveLength(0);
			expect(s.trigger.nodeData().seenEvents).toBeUndefined();
			expect(s.trigger.logs).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringMatching(/could not fetch the signed payload/) })]);
			expect(JSON.stringify(s.trigger.logs)).not.toContain(secret);
			expect(JSON.stringify(s.trigger.logs)).not.toContain('sig_never_issued');
		});

		/** A payload server that answers with `serve`; `served` counts the bytes it got out. */
		async function payloadServer(serve: (res: import('node:http').ServerResponse) => void) {
			const { createServer } = await import('node:http');
			const server = createServer((_req, res) => serve(res));
			await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
			const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/payload`;
			return {
				url,
				close: async () => {
					server.closeAllConnections();
					await new Promise<void>((r) => server.close(() => r()));
				},
			};
		}
		const signedUrlDelivery = (eventId: string, url: string) => envelope(eventId, { object: 'signed_data_url', id: 'clr_1', data: url });

		it('give up on a server that trickles the payload, at the total deadline (not an idle timeout)', async () => {
			s = await setup({ events: BOTH_EVENTS });
			await s.trigger.activate();
			const secret = String(s.trigger.nodeData().signingSecret);
			const timers: NodeJS.Timeout[] = [];
			const trickle = await payloadServer((res) => {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.write('{"object":"classify_run",');
				timers.push(setInterval(() => res.write(' '), 500)); // never idle for long
			});
			try {
				const body = signedUrlDelivery('evt_trickle', trickle.url);
				const started = Date.now();
				const sent = await post(s.trigger.productionUrl, body, signedHeaders(secret, body));
				const tookMs = Date.now() - started;
				expect(sent.status).toBe(502);
				expect(tookMs).toBeGreaterThanOrEqual(SIGNED_PAYLOAD_DEADLINE_MS - 500);
				expect(tookMs).toBeLessThan(SIGNED_PAYLOAD_DEADLINE_MS + 5000);
				expect(s.trigger.executions).toHaveLength(0);
				expect(s.trigger.logs).toEqual([
					expect.objectContaining({ meta: expect.objectContaining({ error: expect.stringMatching(/took longer than 10 s/) }) }),
				]);
			} finally {
				timers.forEach(clearInterval);
				await trickle.close();
			}
		}, 30_000);

		it('stop reading a payload larger than the cap and answer 502', async () => {
			s = await setup({ events: BOTH_EVENTS });
			await s.trigger.activate();
			const secret = String(s.trigger.nodeData().signingSecret);
			let written = 0;
			const huge = await payloadServer((res) => {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.write('{"object":"classify_run","padding":"');
				const chunk = Buffer.alloc(1024 * 1024, 'a');
				const more = () => {
					while (written < 64 * 1024 * 1024 && !res.destroyed) {
						written += chunk.length;
						if (!res.write(chunk)) return void res.once('drain', more);
					}
					if (!res.destroyed) res.end('"}');
				};
				more();
			});
			try {
				const body = signedUrlDelivery('evt_huge', huge.url);
				const sent = await post(s.trigger.productionUrl, body, signedHeaders(secret, body));
				expect(sent.status).toBe(502);
				expect(written).toBeLessThan(32 * 1024 * 1024);
				expect(s.trigger.executions).toHaveLength(0);
				expect(JSON.stringify(s.trigger.logs)).toMatch(/larger than 16 MiB/);
			} finally {
				await huge.close();
			}
		});

		it('two deliveries of one event during a slow download: one starts the workflow, the other gets 409', async () => {
			s = await setup({ events: BOTH_EVENTS });
			await s.trigger.activate();
			const secret = String(s.trigger.nodeData().signingSecret);
			let requests = 0;
			const slow = await payloadServer((res) => {
				requests++;
				setTimeout(() => res.end(JSON.stringify({ object: 'classify_run', id: 'clr_slow', status: 'PROCESSED', output: null })), 1000);
			});
			try {
				const body = signedUrlDelivery('evt_twice', slow.url);
				const [a, b] = await Promise.all([
					post(s.trigger.productionUrl, body, signedHeaders(secret, body)),
					new Promise((r) => setTimeout(r, 200)).then(async () => await post(s.trigger.productionUrl, body, signedHeaders(secret, body))),
				]);
				expect([a.status, b.status]).toEqual([200, 409]);
				expect(JSON.parse(b.text).message).toMatch(/being received/);
				expect(requests).toBe(1);
				expect(s.trigger.executions).toHaveLength(1);
				// Extend's later redelivery is then recognised.
				const again = await post(s.trigger.productionUrl, body, signedHeaders(secret, body));
				expect(JSON.parse(again.text)).toEqual({ message: 'Event already received; ignored' });
			} finally {
				await slow.close();
			}
		});

		it('are not fetched when the envelope signature is wrong', async () => {
			s = await setup({ events: BOTH_EVENTS });
			await s.trigger.activate();
			const hits: string[] = [];
			const { createServer } = await import('node:http');
			const spy = createServer((req, res) => {
				hits.push(req.url ?? '');
				res.end('{}');
			});
			await new Promise<void>((r) => spy.listen(0, '127.0.0.1', r));
			const port = (spy.address() as { port: number }).port;
			const body = envelope('evt_forged', { object: 'signed_data_url', id: 'clr_1', data: `http://127.0.0.1:${port}/payload` });
			const sent = await post(s.trigger.productionUrl, body, signedHeaders('wss_attacker', body));
			await new Promise<void>((r) => spy.close(() => r()));
			expect(sent.status).toBe(401);
			expect(hits).toEqual([]);
		});
	});

	describe('filters', () => {
		it('start the workflow only for selected classifications; others answer 200', async () => {
			s = await setup({ events: BOTH_EVENTS, options: { classifications: 'invoice' } });
			await s.trigger.activate();
			const invoice = await runDocument(s.em, INVOICE_TEXT);
			const resume = await runDocument(s.em, RESUME_TEXT);
			expect([invoice.output?.id, resume.output?.id]).toEqual(['invoice', 'resume']);
			const deliveries = await settledDeliveries(s.em, 2);
			expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
			await until(() => s.trigger.handled.length === 2, 'both answers');
			expect(s.trigger.executions.map((e) => e.items[0].json.id)).toEqual([invoice.id]);
			expect(s.trigger.handled.map((h) => JSON.parse(h.body).message)).toContain('Filtered out: classification not selected');
		});

		it('apply a minimum confidence', async () => {
			s = await setup({ events: BOTH_EVENTS });
			await s.trigger.activate();
			const first = await runDocument(s.em, INVOICE_TEXT);
			await until(() => s.trigger.executions.length === 1, 'the unfiltered execution');
			const confidence = first.output!.confidence;

			s.trigger.setParameters({ events: BOTH_EVENTS, options: { minConfidence: Math.min(1, confidence + 0.01) } });
			await runDocument(s.em, INVOICE_TEXT);
			await settledDeliveries(s.em, 2);
			await until(() => s.trigger.handled.length === 2, 'the second answer');
			expect(s.trigger.executions).toHaveLength(1);
			expect(JSON.parse(s.trigger.handled[1].body)).toEqual({ message: 'Filtered out: confidence below minimum' });

			s.trigger.setParameters({ events: BOTH_EVENTS, options: { minConfidence: confidence } });
			await runDocument(s.em, INVOICE_TEXT);
			await until(() => s.trigger.executions.length === 2, 'the execution at the minimum');
		});

		it('let failed runs through', async () => {
			s = await setup({ events: BOTH_EVENTS, options: { classifications: 'invoice', minConfidence: 0.99 } });
			await s.trigger.activate();
			await runDocument(s.em, 'x', { metadata: { 'emulator:fail': 'PARSING_ERROR' } });
			await until(() => s.trigger.executions.length === 1, 'the failed run');
		});
	});

	describe('manual registration', () => {
		it('verifies with the pasted secret and ignores unselected event types', async () => {
			s = await setup({ registration: 'manual', signingSecret: 'placeholder', events: ['classify_run.processed'] }, { withCredentials: false });
			const dashboard = s.em.createWebhookEndpoint({ url: s.trigger.productionUrl });
			s.trigger.setParameters({ registration: 'manual', signingSecret: dashboard.signingSecret, events: ['classify_run.processed'] });
			await s.trigger.activate();

			const run = await runDocument(s.em, INVOICE_TEXT);
			await until(() => s.trigger.executions.length === 1, 'the execution');
			expect(json(s, 0)).toMatchObject({ id: run.id, eventType: 'classify_run.processed' });

			await runDocument(s.em, 'x', { metadata: { 'emulator:fail': 'PARSING_ERROR' } });
			const deliveries = await settledDeliveries(s.em, 2);
			expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
			await until(() => s.trigger.handled.length === 2, 'the second answer');
			expect(JSON.parse(s.trigger.handled[1].body)).toEqual({ message: 'Event type not selected; ignored' });
			expect(s.trigger.executions).toHaveLength(1);
		});

		it('rejects everything with a wrong or missing pasted secret', async () => {
			s = await setup({ registration: 'manual', signingSecret: 'wss_not_the_one', events: BOTH_EVENTS }, { withCredentials: false });
			s.em.createWebhookEndpoint({ url: s.trigger.productionUrl });
			await runDocument(s.em, INVOICE_TEXT);
			const deliveries = await settledDeliveries(s.em, 2);
			expect(deliveries.map((d) => d.status)).toEqual([401, 401]);

			s.trigger.setParameters({ registration: 'manual', signingSecret: '', events: BOTH_EVENTS });
			await runDocument(s.em, INVOICE_TEXT);
			await settledDeliveries(s.em, 4);
			expect(s.em.stats().deliveries.map((d) => d.status)).toEqual([401, 401, 401, 401]);
			expect(s.trigger.executions).toHaveLength(0);
			expect(s.trigger.logs).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringMatching(/no signing secret is set/) }));
		});
	});

	it('reads the raw body itself when n8n did not (readRawBody), else it could not verify', async () => {
		s = await setup({ events: BOTH_EVENTS }, { readBody: false });
		await s.trigger.activate();
		await runDocument(s.em, INVOICE_TEXT);
		await until(() => s.trigger.executions.length === 1, 'the execution');
	});
});
