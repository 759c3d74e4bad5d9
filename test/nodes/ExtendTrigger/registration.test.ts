// Automatic registration against the emulator: activation, checkExists, deactivation, the classifier
// subscription, the test URL, and Manual mode registering nothing.
import { callEmulator } from '../../support/emulatorApi';
import { BOTH_EVENTS, runDocument, settledDeliveries, setup, until, type Setup } from './setup';

const endpointsOf = async (s: Setup) => (await callEmulator(s.em.baseUrl, 'GET', '/webhook_endpoints')).json.data as Array<Record<string, unknown>>;

describe('Extend Trigger registration (automatic)', () => {
	let s: Setup;
	afterEach(async () => await s?.stop());

	it('activation creates an endpoint for the production URL with the selected events, keeping id and secret', async () => {
		s = await setup({ events: BOTH_EVENTS }, { workflowId: 'wf_42', workflowName: 'Invoices' });
		expect(await s.trigger.activate()).toEqual({ existed: false });

		const data = s.trigger.nodeData();
		expect(data.endpointId).toMatch(/^wh_/);
		expect(data.signingSecret).toMatch(/^wss_/);
		const endpoint = (await callEmulator(s.em.baseUrl, 'GET', `/webhook_endpoints/${String(data.endpointId)}`)).json;
		expect(endpoint).toMatchObject({
			url: s.trigger.productionUrl,
			name: 'n8n: Invoices (wf_42)',
			status: 'enabled',
			apiVersion: '2026-02-09',
		});
		expect([...(endpoint.enabledEvents as string[])].sort()).toEqual([...BOTH_EVENTS].sort());
		expect(endpoint.signingSecret).toBeUndefined();

		// Activating again (n8n restart) finds it and creates nothing.
		expect(await s.trigger.activate()).toEqual({ existed: true });
		expect(await endpointsOf(s)).toHaveLength(1);
	});

	it('"Only for Classifier" creates an endpoint without global events plus a classifier subscription', async () => {
		s = await setup({ events: ['classify_run.processed'], onlyClassifier: { __rl: true, mode: 'id', value: 'cl_document_types' } });
		await s.trigger.activate();
		const endpointId = String(s.trigger.nodeData().endpointId);
		const endpoint = (await callEmulator(s.em.baseUrl, 'GET', `/webhook_endpoints/${endpointId}`)).json;
		expect(endpoint.enabledEvents).toEqual([]);
		const subscriptions = (await callEmulator(s.em.baseUrl, 'GET', `/webhook_subscriptions?webhookEndpointId=${endpointId}`)).json.data;
		expect(subscriptions).toEqual([
			expect.objectContaining({ webhookEndpointId: endpointId, resourceType: 'classifier', resourceId: 'cl_document_types', enabledEvents: ['classify_run.processed'] }),
		]);
		expect(await s.trigger.activate()).toEqual({ existed: true });

		// Runs of that classifier arrive; runs of an inline configuration do not.
		await runDocument(s.em, 'Any document', { config: undefined, classifier: { id: 'cl_document_types' } });
		await until(() => s.trigger.executions.length === 1, 'the classifier run to start the workflow');
		await runDocument(s.em, 'Another document');
		await new Promise((r) => setTimeout(r, 150));
		expect(s.em.stats().deliveries).toHaveLength(1);
		expect(s.trigger.executions).toHaveLength(1);
	});

	it('removes a half-made endpoint when the subscription cannot be created', async () => {
		s = await setup({ events: ['classify_run.processed'], onlyClassifier: { __rl: true, mode: 'id', value: 'cl_does_not_exist' } });
		await expect(s.trigger.activate()).rejects.toThrow(/NOT_FOUND|not found/i);
		expect(await endpointsOf(s)).toHaveLength(0);
		expect(s.trigger.nodeData().endpointId).toBeUndefined();
	});

	it('a lost answer to creating the endpoint leaves no orphan (removed at once), and activation then works', async () => {
		s = await setup({ events: BOTH_EVENTS });
		s.em.setFaults({ dropAfter: 1, routes: ['POST /webhook_endpoints'] });
		await expect(s.trigger.activate()).rejects.toThrow();
		s.em.setFaults(undefined);
		expect(await endpointsOf(s)).toHaveLength(0);
		await s.trigger.activate();
		expect((await endpointsOf(s)).map((e) => e.id)).toEqual([s.trigger.nodeData().endpointId]);
	});

	it('an endpoint left for this URL (its creation answer lost, cleanup impossible) is removed at the next activation', async () => {
		s = await setup({ events: BOTH_EVENTS });
		const orphan = await s.em.createWebhookEndpoint({ url: s.trigger.productionUrl });
		const other = await s.em.createWebhookEndpoint({ url: 'https://elsewhere.example.com/hook' });
		await s.trigger.activate();
		const ids = (await endpointsOf(s)).map((e) => e.id).sort();
		expect(ids).toEqual([other.id, s.trigger.nodeData().endpointId].sort());
		expect(ids).not.toContain(orphan.id);
		// Each event now reaches the trigger once, verified (no 401 from the orphan's secret).
		await runDocument(s.em, 'INVOICE no. 7. Amount due 10.00 EUR.');
		await until(() => s.trigger.executions.length === 1, 'the execution');
		await new Promise((r) => setTimeout(r, 200));
		const deliveries = s.em.stats().deliveries.filter((d) => d.url === s.trigger.productionUrl);
		expect(deliveries.map((d) => d.status)).toEqual([200]);
	});

	it('a bad option set by expression fails activation, naming the option and the value', async () => {
		s = await setup({ events: BOTH_EVENTS, options: { maxAgeSeconds: '={{ "soon" }}' } });
		await expect(s.trigger.activate()).rejects.toThrow('"Max Age (Seconds)" must be a number of at least 1, but it is "soon"');
		expect(await endpointsOf(s)).toHaveLength(0);
	});

	it('checkExists is false when the classifier subscription was removed or its events changed in Extend', async () => {
		s = await setup({ events: BOTH_EVENTS, onlyClassifier: { __rl: true, mode: 'id', value: 'cl_document_types' } });
		await s.trigger.activate();
		expect(await s.trigger.hook('checkExists')).toBe(true);
		const endpointId = String(s.trigger.nodeData().endpointId);
		const [subscription] = (await callEmulator(s.em.baseUrl, 'GET', `/webhook_subscriptions?webhookEndpointId=${endpointId}`)).json.data as Array<{ id: string }>;
		await callEmulator(s.em.baseUrl, 'POST', `/webhook_subscriptions/${subscription.id}`, { enabledEvents: ['classify_run.failed'] });
		expect(await s.trigger.hook('checkExists')).toBe(false);
		await callEmulator(s.em.baseUrl, 'DELETE', `/webhook_subscriptions/${subscription.id}`);
		expect(await s.trigger.hook('checkExists')).toBe(false);
		s.trigger.setParameters({ events: BOTH_EVENTS }); // "Only for Classifier" cleared: no subscription is right
		expect(await s.trigger.hook('checkExists')).toBe(false); // but the endpoint has no global events
		await s.trigger.activate();
		expect(await s.trigger.hook('checkExists')).toBe(true);
	});

	describe('checkExists', () => {
		beforeEach(async () => {
			s = await setup({ events: BOTH_EVENTS });
			await s.trigger.activate();
		});

		it('is true for the stored endpoint', async () => {
			expect(await s.trigger.hook('checkExists')).toBe(true);
		});

		it('is false, and forgets it, when the endpoint was deleted in Extend', async () => {
			const id = String(s.trigger.nodeData().endpointId);
			await callEmulator(s.em.baseUrl, 'DELETE', `/webhook_endpoints/${id}`);
			expect(await s.trigger.hook('checkExists')).toBe(false);
			expect(s.trigger.nodeData()).not.toHaveProperty('endpointId');
			expect(s.trigger.nodeData()).not.toHaveProperty('signingSecret');
			expect(await s.trigger.activate()).toEqual({ existed: false });
			expect((await endpointsOf(s)).map((e) => e.url)).toEqual([s.trigger.productionUrl]);
		});

		it('is false when the endpoint points at another URL; activation replaces it', async () => {
			const id = String(s.trigger.nodeData().endpointId);
			await callEmulator(s.em.baseUrl, 'POST', `/webhook_endpoints/${id}`, { url: 'https://old-n8n.example.com/webhook/x/webhook' });
			expect(await s.trigger.hook('checkExists')).toBe(false);
			await s.trigger.activate();
			const endpoints = await endpointsOf(s);
			expect(endpoints.map((e) => e.url)).toEqual([s.trigger.productionUrl]);
			expect(endpoints[0].id).not.toBe(id);
		});

		it('is false when no signing secret is stored; activation replaces the endpoint', async () => {
			const id = String(s.trigger.nodeData().endpointId);
			delete (s.trigger.staticData[`node:Extend Trigger`] as Record<string, unknown>).signingSecret;
			expect(await s.trigger.hook('checkExists')).toBe(false);
			await s.trigger.activate();
			expect(s.trigger.nodeData().signingSecret).toMatch(/^wss_/);
			expect((await endpointsOf(s)).map((e) => e.id)).not.toContain(id);
			expect(await endpointsOf(s)).toHaveLength(1);
		});

		it('is false when the selected events changed', async () => {
			s.trigger.setParameters({ events: ['classify_run.failed'] });
			expect(await s.trigger.hook('checkExists')).toBe(false);
		});

		it("is false when the endpoint's events were edited in Extend's dashboard", async () => {
			await callEmulator(s.em.baseUrl, 'POST', `/webhook_endpoints/${String(s.trigger.nodeData().endpointId)}`, { enabledEvents: ['classify_run.failed'] });
			expect(await s.trigger.hook('checkExists')).toBe(false);
		});

		it('reports other API failures instead of hiding them', async () => {
			s.em.setFaults({ status500: 1, routes: ['GET /webhook_endpoints/{id}'] });
			await expect(s.trigger.hook('checkExists')).rejects.toThrow(/INTERNAL_ERROR|500/);
		});
	});

	describe('deactivation', () => {
		beforeEach(async () => {
			s = await setup({ events: BOTH_EVENTS });
			await s.trigger.activate();
		});

		it('deletes the endpoint and forgets it', async () => {
			const id = String(s.trigger.nodeData().endpointId);
			expect(await s.trigger.deactivate()).toBe(true);
			expect((await callEmulator(s.em.baseUrl, 'GET', `/webhook_endpoints/${id}`)).status).toBe(404);
			expect(s.trigger.nodeData()).not.toHaveProperty('endpointId');
			expect(s.trigger.nodeData()).not.toHaveProperty('signingSecret');
			expect(await s.trigger.deactivate()).toBe(true);
		});

		it('treats an endpoint already deleted in Extend as deleted', async () => {
			await callEmulator(s.em.baseUrl, 'DELETE', `/webhook_endpoints/${String(s.trigger.nodeData().endpointId)}`);
			expect(await s.trigger.deactivate()).toBe(true);
			expect(s.trigger.nodeData()).not.toHaveProperty('endpointId');
		});

		it('logs other failures, keeps the id for the next try, and never logs the secret', async () => {
			const secret = String(s.trigger.nodeData().signingSecret);
			s.em.setFaults({ status500: 1, routes: ['DELETE /webhook_endpoints/{id}'] });
			expect(await s.trigger.deactivate()).toBe(false);
			expect(s.trigger.logs).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringMatching(/could not delete/) })]);
			expect(JSON.stringify(s.trigger.logs)).not.toContain(secret);
			expect(s.trigger.nodeData().endpointId).toBeDefined();
			s.em.setFaults(undefined);
			expect(await s.trigger.activate()).toEqual({ existed: true });
		});
	});

	it('"Listen for test event" registers the test URL apart from production, and removes it after one run', async () => {
		s = await setup({ events: BOTH_EVENTS });
		await s.trigger.activate();
		const production = s.trigger.nodeData();
		await s.trigger.listenForTest();
		const endpoints = await endpointsOf(s);
		expect(endpoints.map((e) => e.url).sort()).toEqual([s.trigger.productionUrl, s.trigger.testUrl].sort());
		expect(s.trigger.nodeData()).toEqual(production);

		await runDocument(s.em, 'A test document');
		await until(() => s.trigger.executions.length === 2, 'the production and the test execution');
		expect(s.trigger.executions.map((e) => e.mode).sort()).toEqual(['manual', 'webhook']);
		await until(() => !s.trigger.isListeningForTest, 'the test registration to end');
		expect((await endpointsOf(s)).map((e) => e.url)).toEqual([s.trigger.productionUrl]);
		await settledDeliveries(s.em, 2);
	});
});

describe('Extend Trigger registration (manual)', () => {
	let s: Setup;
	afterEach(async () => await s?.stop());

	it('registers and deletes nothing remotely, without any credential', async () => {
		s = await setup({ registration: 'manual', signingSecret: 'wss_pasted', events: BOTH_EVENTS }, { withCredentials: false });
		const dashboard = s.em.createWebhookEndpoint({ url: s.trigger.productionUrl });
		expect(await s.trigger.activate()).toEqual({ existed: true });
		expect(await s.trigger.hook('create')).toBe(true);
		expect(await s.trigger.deactivate()).toBe(true);
		expect(s.trigger.staticData).toEqual({});
		expect((await callEmulator(s.em.baseUrl, 'GET', `/webhook_endpoints/${dashboard.id}`)).status).toBe(200);
		expect(s.em.stats().requests).toEqual({ 'GET /webhook_endpoints/{id}': 1 });
	});
});
