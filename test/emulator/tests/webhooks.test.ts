// Webhook endpoints and subscriptions through the SDK, and real signed deliveries received by a
// loopback server and checked with the SDK's webhooks.verifyAndParse.
import { createHmac } from 'node:crypto';

import { Extend, SignedUrlNotAllowedError, type ExtendClient } from 'extend-ai';

import { startEmulator, type Emulator } from '../index';
import { INLINE_CONFIG, call, sdk, sleep, startReceiver } from './helpers';

let em: Emulator;
let client: ExtendClient;

beforeAll(async () => {
	em = await startEmulator({ latencyMs: 20, seed: 3, webhookRetryDelayMs: 20, webhookRetries: 2, webhookTimeoutMs: 300 });
	client = sdk(em);
});
afterAll(async () => await em.stop());

const EVENTS = ['classify_run.processed', 'classify_run.failed'];

/** An endpoint listening to both classify events, as the SDK creates it. */
const createEndpoint = (url: string, name: string, extra: Partial<Extend.WebhookEndpointsCreateRequest> = {}) =>
	client.webhookEndpoints.create({ url, name, enabledEvents: EVENTS, apiVersion: '2026-02-09', ...extra });

describe('webhook endpoints and subscriptions through the SDK', () => {
	it('creates (secret once), lists, gets, updates and deletes an endpoint', async () => {
		const created = await createEndpoint('http://127.0.0.1:9/hook', 'CRUD');
		expect(created).toMatchObject({ object: 'webhook_endpoint', name: 'CRUD', status: 'enabled', enabledEvents: EVENTS, apiVersion: '2026-02-09', advancedOptions: null });
		expect(created.id).toMatch(/^wh_/);
		expect(created.signingSecret).toMatch(/^wss_/);

		const fetched = await client.webhookEndpoints.retrieve(created.id);
		expect(fetched).not.toHaveProperty('signingSecret');
		expect((await client.webhookEndpoints.list({ status: 'enabled' })).data.map((e) => e.id)).toContain(created.id);

		const updated = await client.webhookEndpoints.update(created.id, { status: 'disabled', advancedOptions: { headers: { 'x-team': 'ops' } } });
		expect(updated).toMatchObject({ status: 'disabled', advancedOptions: { headers: { 'x-team': 'ops' } }, name: 'CRUD' });
		expect(updated).not.toHaveProperty('signingSecret');
		expect((await client.webhookEndpoints.list({ status: 'enabled' })).data.map((e) => e.id)).not.toContain(created.id);

		const subscription = await client.webhookSubscriptions.create({ webhookEndpointId: created.id, resourceType: 'classifier', resourceId: 'cl_document_types', enabledEvents: EVENTS });
		await expect(client.webhookEndpoints.delete(created.id)).resolves.toEqual({ id: created.id });
		await expect(client.webhookEndpoints.retrieve(created.id)).rejects.toBeInstanceOf(Extend.NotFoundError);
		// Deleting the endpoint deleted its subscriptions.
		await expect(client.webhookSubscriptions.retrieve(subscription.id)).rejects.toBeInstanceOf(Extend.NotFoundError);
	});

	it('creates, upserts, lists, updates and deletes subscriptions', async () => {
		const endpoint = await createEndpoint('http://127.0.0.1:9/hook', 'Subs', { enabledEvents: [] });
		const sub = await client.webhookSubscriptions.create({ webhookEndpointId: endpoint.id, resourceType: 'classifier', resourceId: 'cl_document_types', enabledEvents: ['classify_run.processed'] });
		expect(sub).toMatchObject({ object: 'webhook_subscription', webhookEndpointId: endpoint.id, resourceType: 'classifier', resourceId: 'cl_document_types', enabledEvents: ['classify_run.processed'] });
		// Same endpoint + resource: updated in place.
		const again = await client.webhookSubscriptions.create({ webhookEndpointId: endpoint.id, resourceType: 'classifier', resourceId: 'cl_document_types', enabledEvents: EVENTS });
		expect(again.id).toBe(sub.id);
		expect(again.enabledEvents).toEqual(EVENTS);
		expect((await client.webhookSubscriptions.list({ webhookEndpointId: endpoint.id })).data.map((s) => s.id)).toEqual([sub.id]);
		expect((await client.webhookSubscriptions.list({ resourceId: 'cl_mail_triage' })).data).toEqual([]);
		await expect(client.webhookSubscriptions.update(sub.id, { enabledEvents: ['classify_run.failed'] })).resolves.toMatchObject({ enabledEvents: ['classify_run.failed'] });
		await expect(client.webhookSubscriptions.delete(sub.id)).resolves.toEqual({ id: sub.id });
		await expect(
			client.webhookSubscriptions.create({ webhookEndpointId: endpoint.id, resourceType: 'classifier', resourceId: 'cl_missing', enabledEvents: EVENTS }),
		).rejects.toBeInstanceOf(Extend.NotFoundError);
		await client.webhookEndpoints.delete(endpoint.id);
	});

	it('validates endpoint bodies strictly', async () => {
		const base = { url: 'http://127.0.0.1:9/hook', name: 'x', enabledEvents: EVENTS, apiVersion: '2026-02-09' };
		const bad: Array<[unknown, string]> = [
			[{ ...base, extra: true }, 'extra'],
			[{ ...base, apiVersion: undefined }, 'apiVersion'],
			[{ ...base, url: 'ftp://x' }, 'url'],
			[{ ...base, name: '' }, 'name'],
			[{ ...base, enabledEvents: ['classify_run.exploded'] }, 'enabledEvents'],
			[{ ...base, status: 'paused' }, 'status'],
			[{ ...base, advancedOptions: { payload: { format: 'xml' } } }, 'format'],
			[{ ...base, advancedOptions: { payload: { format: 'url', urlThresholdBytes: -1 } } }, 'urlThresholdBytes'],
			[{ ...base, advancedOptions: { headers: { a: 1 } } }, 'headers'],
		];
		for (const [body, field] of bad) {
			const res = await call(em, 'POST', '/webhook_endpoints', { body });
			expect([res.status, res.json.code, res.json.message]).toEqual([400, 'INVALID_REQUEST', expect.stringContaining(field)]);
		}
		const created = await call(em, 'POST', '/webhook_endpoints', { body: base });
		const update = await call(em, 'POST', `/webhook_endpoints/${created.json.id}`, { body: { apiVersion: '2026-02-09' } });
		expect([update.status, update.json.message]).toEqual([400, expect.stringContaining('apiVersion')]);
		await call(em, 'DELETE', `/webhook_endpoints/${created.json.id}`);
	});
});

describe('signed deliveries', () => {
	afterEach(async () => {
		for (const e of (await client.webhookEndpoints.list({ maxPageSize: 100 })).data) await client.webhookEndpoints.delete(e.id);
		em.resetStats();
	});

	it('delivers classify_run.processed signed as Extend signs, with custom headers; SDK verifyAndParse accepts it', async () => {
		const receiver = await startReceiver();
		const endpoint = await createEndpoint(receiver.url, 'Receiver', { advancedOptions: { headers: { 'x-custom': 'hello' } } });
		const run = await client.classifyRuns.create({ file: { text: 'Invoice 12, amount due 40 EUR' }, config: INLINE_CONFIG, metadata: { order: 9 } });
		await receiver.waitFor(1);
		const [{ headers, body }] = receiver.received;
		expect(headers['content-type']).toBe('application/json');
		expect(headers['x-custom']).toBe('hello');
		expect(Number(headers['x-extend-request-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
		const expected = createHmac('sha256', endpoint.signingSecret).update(`v0:${headers['x-extend-request-timestamp']}:${body}`).digest('hex');
		expect(headers['x-extend-request-signature']).toBe(expected);

		const event = client.webhooks.verifyAndParse(body, headers as Record<string, string>, endpoint.signingSecret);
		expect(event.eventType).toBe('classify_run.processed');
		expect(event.eventId).toMatch(/^evt_/);
		expect(event.payload).toEqual(await client.classifyRuns.retrieve(run.id));
		expect(client.webhooks.verify(body, headers as Record<string, string>, 'wss_wrong')).toBe(false);
		expect(em.stats().deliveries).toEqual([
			{ endpointId: endpoint.id, url: receiver.url, eventId: event.eventId, eventType: 'classify_run.processed', attempt: 1, status: 200, signedUrl: false, at: expect.any(Number) },
		]);
		await receiver.stop();
	});

	it('delivers classify_run.failed; sends nothing on cancel or to disabled endpoints', async () => {
		const receiver = await startReceiver();
		const disabled = await startReceiver();
		const endpoint = await createEndpoint(receiver.url, 'R');
		await createEndpoint(disabled.url, 'Off', { status: 'disabled' });
		const slow = await client.classifyRuns.create({ file: { text: 'x' }, config: INLINE_CONFIG, metadata: { 'emulator:latencyMs': 10_000 } });
		await client.classifyRuns.cancel(slow.id);
		await client.classifyRuns.create({ file: { text: 'x' }, config: INLINE_CONFIG, metadata: { 'emulator:fail': 'DOCUMENT_TOO_SPICY' } });
		await receiver.waitFor(1);
		await sleep(100);
		expect(receiver.received).toHaveLength(1);
		expect(disabled.received).toHaveLength(0);
		const event = client.webhooks.verifyAndParse(receiver.received[0].body, receiver.received[0].headers as Record<string, string>, endpoint.signingSecret);
		expect(event.eventType).toBe('classify_run.failed');
		expect(event.payload).toMatchObject({ status: 'FAILED', failureReason: 'DOCUMENT_TOO_SPICY', failureMessage: expect.any(String) });
		await receiver.stop();
		await disabled.stop();
	});

	it('delivers to classifier subscriptions, once per endpoint', async () => {
		const scoped = await startReceiver();
		const both = await startReceiver();
		const scopedEndpoint = await createEndpoint(scoped.url, 'Scoped', { enabledEvents: [] });
		const bothEndpoint = await createEndpoint(both.url, 'Both');
		for (const endpoint of [scopedEndpoint, bothEndpoint]) {
			await client.webhookSubscriptions.create({ webhookEndpointId: endpoint.id, resourceType: 'classifier', resourceId: 'cl_document_types', enabledEvents: EVENTS });
		}
		const inline = await client.classifyRuns.create({ file: { text: 'Invoice' }, config: INLINE_CONFIG });
		await em.waitForRun(inline.id);
		const saved = await client.classifyRuns.create({ file: { text: 'Invoice' }, classifier: { id: 'cl_document_types' } });
		await em.waitForRun(saved.id);
		await scoped.waitFor(1);
		await both.waitFor(2);
		await sleep(100);
		const ids = (r: typeof scoped) => r.received.map((d) => (JSON.parse(d.body) as { payload: { id: string } }).payload.id);
		expect(ids(scoped)).toEqual([saved.id]);
		expect(ids(both)).toEqual([inline.id, saved.id]);
		await scoped.stop();
		await both.stop();
	});

	it('delivers large payloads as a signed URL the SDK can fetch (allowSignedUrl)', async () => {
		const receiver = await startReceiver();
		const endpoint = await createEndpoint(receiver.url, 'By URL', { advancedOptions: { payload: { format: 'url', urlThresholdBytes: 100 } } });
		const run = await client.classifyRuns.create({ file: { text: 'A receipt, paid' }, config: INLINE_CONFIG, metadata: { tenant: 't1' } });
		await receiver.waitFor(1);
		const { body, headers } = receiver.received[0];
		const h = headers as Record<string, string>;
		expect(() => client.webhooks.verifyAndParse(body, h, endpoint.signingSecret)).toThrow(SignedUrlNotAllowedError);
		const event = client.webhooks.verifyAndParse(body, h, endpoint.signingSecret, { allowSignedUrl: true });
		if (!client.webhooks.isSignedUrlEvent(event)) throw new Error('expected a signed URL event');
		expect(event.payload).toMatchObject({ object: 'signed_data_url', id: run.id, metadata: { tenant: 't1' } });
		const full = await client.webhooks.fetchSignedPayload(event);
		expect(full.payload).toEqual(await client.classifyRuns.retrieve(run.id));
		expect(em.stats().deliveries[0].signedUrl).toBe(true);
		await receiver.stop();
	});

	it('retries failed deliveries with the same eventId, then gives up after webhookRetries', async () => {
		const flaky = await startReceiver((n) => (n < 3 ? 500 : 200));
		const down = await startReceiver(() => 503);
		const hanging = await startReceiver(() => 'hang');
		for (const [url, name] of [[flaky.url, 'flaky'], [down.url, 'down'], [hanging.url, 'hanging']]) await createEndpoint(url, name);
		await client.classifyRuns.create({ file: { text: 'Invoice' }, config: INLINE_CONFIG });
		await flaky.waitFor(3);
		await down.waitFor(3);
		await hanging.waitFor(3);
		await sleep(450); // the last timeout (300 ms) must be recorded
		const byUrl = (url: string) => em.stats().deliveries.filter((d) => d.url === url);
		expect(byUrl(flaky.url).map((d) => [d.attempt, d.status])).toEqual([[1, 500], [2, 500], [3, 200]]);
		expect(new Set(byUrl(flaky.url).map((d) => d.eventId)).size).toBe(1);
		expect(byUrl(down.url).map((d) => [d.attempt, d.status, d.error])).toEqual([[1, 503, 'HTTP 503'], [2, 503, 'HTTP 503'], [3, 503, 'HTTP 503']]);
		expect(byUrl(hanging.url).map((d) => [d.attempt, d.status, d.error])).toEqual([1, 2, 3].map((n) => [n, null, expect.stringContaining('timed out')]));
		// The receiver saw one event, three times.
		expect(new Set(flaky.received.map((r) => (JSON.parse(r.body) as { eventId: string }).eventId)).size).toBe(1);
		for (const r of [flaky, down, hanging]) await r.stop();
	});

	it('records connection errors as failed attempts', async () => {
		const endpoint = em.createWebhookEndpoint({ url: 'http://127.0.0.1:9/nothing-listens-here' });
		expect(endpoint.signingSecret).toMatch(/^wss_/);
		await client.classifyRuns.create({ file: { text: 'Invoice' }, config: INLINE_CONFIG });
		for (let i = 0; i < 50 && em.stats().deliveries.length < 3; i++) await sleep(20);
		expect(em.stats().deliveries.map((d) => [d.attempt, d.status, typeof d.error])).toEqual([
			[1, null, 'string'],
			[2, null, 'string'],
			[3, null, 'string'],
		]);
	});
});
