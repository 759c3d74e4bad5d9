// Webhook endpoints and subscriptions (/webhook_endpoints, /webhook_subscriptions) and the signed
// delivery of classify_run.* and batch_processor_run.* events, signed the way Extend signs:
// hex HMAC-SHA256(key = the full `wss_…` secret, `v0:${timestamp}:${rawBody}`).
import { createHmac } from 'node:crypto';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { SUPPORTED_API_VERSION as API_VERSION } from './auth';
import type { ClassifierStore } from './classifiers';
import { invalid, notFound } from './errors';
import { ENDPOINT_EVENTS, SUBSCRIPTION_EVENTS } from './events';
import { isoNow, type IdGenerator } from './ids';
import { paginate, sortKey } from './pagination';
import type { Route } from './router';
import type { SignedUrls } from './signed';
import type { Timers } from './timers';
import type { BatchRun, ClassifyRun, DeliveryRecord, WebhookAdvancedOptions, WebhookEndpoint, WebhookEndpointCreate, WebhookSubscription } from './types';
import {
	expectObject,
	isHttpUrl,
	optionalObject,
	queryEnum,
	rejectUnknownKeys,
	requiredEnum,
	requiredString,
	stringArray,
} from './validation';

const SIGNED_PAYLOAD_TTL_MS = 60 * 60 * 1000;

export interface WebhookSettings {
	retries: number;
	retryDelayMs: number;
	timeoutMs: number;
}

interface EndpointRecord {
	seq: number;
	endpoint: WebhookEndpoint;
	secret: string;
}

interface SubscriptionRecord {
	seq: number;
	subscription: WebhookSubscription;
}

interface Delivery {
	endpointId: string;
	url: string;
	secret: string;
	headers: Record<string, string>;
	eventId: string;
	eventType: string;
	body: string;
	signedUrl: boolean;
}

export class Webhooks {
	private readonly endpoints = new Map<string, EndpointRecord>();
	private readonly subscriptions = new Map<string, SubscriptionRecord>();
	private readonly inflight = new Set<ClientRequest>();
	private seq = 0;
	private stopped = false;

	constructor(
		private readonly ids: IdGenerator,
		private readonly timers: Timers,
		private readonly signed: SignedUrls,
		private readonly classifiers: ClassifierStore,
		private readonly settings: WebhookSettings,
		private readonly record: (delivery: DeliveryRecord) => void,
	) {}

	// ---- endpoints -----------------------------------------------------------------------------

	createEndpoint(body: unknown): WebhookEndpointCreate {
		const input = parseEndpointBody(body, 'create');
		const endpoint: WebhookEndpoint = {
			object: 'webhook_endpoint',
			id: this.ids.id('wh_'),
			url: input.url!,
			name: input.name!,
			status: input.status ?? 'enabled',
			enabledEvents: input.enabledEvents!,
			apiVersion: API_VERSION,
			advancedOptions: input.advancedOptions ?? null,
			createdAt: isoNow(),
			createdBy: { type: 'api_key', name: 'Emulator API key' },
		};
		const secret = this.ids.id('wss_', 32);
		this.endpoints.set(endpoint.id, { seq: ++this.seq, endpoint, secret });
		return { ...endpoint, signingSecret: secret };
	}

	private endpoint(id: string): EndpointRecord {
		const record = this.endpoints.get(id);
		if (!record) throw notFound('Webhook endpoint', id);
		return record;
	}

	private updateEndpoint(id: string, body: unknown): WebhookEndpoint {
		const record = this.endpoint(id);
		const changes = parseEndpointBody(body, 'update');
		record.endpoint = { ...record.endpoint, ...changes };
		return record.endpoint;
	}

	private deleteEndpoint(id: string): { id: string } {
		this.endpoint(id);
		this.endpoints.delete(id);
		for (const [subId, { subscription }] of this.subscriptions) if (subscription.webhookEndpointId === id) this.subscriptions.delete(subId);
		return { id };
	}

	// ---- subscriptions -------------------------------------------------------------------------

	private subscription(id: string): SubscriptionRecord {
		const record = this.subscriptions.get(id);
		if (!record) throw notFound('Webhook subscription', id);
		return record;
	}

	/** Creates, or updates in place when the endpoint already subscribes to that resource. */
	private subscribe(body: unknown): WebhookSubscription {
		const input = expectObject(body ?? {}, '');
		rejectUnknownKeys(input, ['webhookEndpointId', 'resourceType', 'resourceId', 'enabledEvents'], '');
		const endpointId = requiredString(input, 'webhookEndpointId', '');
		const resourceType = requiredEnum(input, 'resourceType', Object.keys(SUBSCRIPTION_EVENTS), '');
		const resourceId = requiredString(input, 'resourceId', '');
		const enabledEvents = stringArray(input, 'enabledEvents', '', SUBSCRIPTION_EVENTS[resourceType]);
		this.endpoint(endpointId);
		if (resourceType === 'classifier') this.classifiers.get(resourceId);
		const existing = [...this.subscriptions.values()].find(
			({ subscription: s }) => s.webhookEndpointId === endpointId && s.resourceType === resourceType && s.resourceId === resourceId,
		);
		if (existing) {
			existing.subscription = { ...existing.subscription, enabledEvents };
			return existing.subscription;
		}
		const subscription: WebhookSubscription = {
			object: 'webhook_subscription',
			id: this.ids.id('whs_'),
			webhookEndpointId: endpointId,
			resourceType,
			resourceId,
			enabledEvents,
			createdAt: isoNow(),
		};
		this.subscriptions.set(subscription.id, { seq: ++this.seq, subscription });
		return subscription;
	}

	private updateSubscription(id: string, body: unknown): WebhookSubscription {
		const record = this.subscription(id);
		const input = expectObject(body ?? {}, '');
		rejectUnknownKeys(input, ['enabledEvents'], '');
		record.subscription = { ...record.subscription, enabledEvents: stringArray(input, 'enabledEvents', '', SUBSCRIPTION_EVENTS[record.subscription.resourceType]) };
		return record.subscription;
	}

	// ---- delivery ------------------------------------------------------------------------------

	/** Sends classify_run.processed / .failed to every enabled endpoint listening, once per endpoint. */
	notifyRunEnded(run: ClassifyRun): void {
		const eventType = run.status === 'PROCESSED' ? 'classify_run.processed' : run.status === 'FAILED' ? 'classify_run.failed' : undefined;
		if (eventType) this.notify(eventType, run, run.classifier?.id, run.metadata ?? {});
	}

	/** batch_processor_run.processed / .failed with the BatchRun as payload; a cancelled batch has no event. */
	notifyBatchEnded(batch: BatchRun, classifierId: string): void {
		const eventType = batch.status === 'PROCESSED' ? 'batch_processor_run.processed' : batch.status === 'FAILED' ? 'batch_processor_run.failed' : undefined;
		if (eventType) this.notify(eventType, batch, classifierId);
	}

	/**
	 * One event to every enabled endpoint that lists it in enabledEvents or has a classifier
	 * subscription for it; `metadata` goes into the signed-URL form (runs have it, batches do not).
	 */
	private notify(eventType: string, payload: { id: string }, classifierId: string | undefined, metadata?: unknown): void {
		if (this.stopped) return;
		const eventId = this.ids.id('evt_');
		const subscribed = (endpointId: string): boolean =>
			[...this.subscriptions.values()].some(
				({ subscription: s }) => s.webhookEndpointId === endpointId && s.resourceType === 'classifier' && s.resourceId === classifierId && s.enabledEvents.includes(eventType),
			);
		for (const { endpoint, secret } of this.endpoints.values()) {
			if (endpoint.status !== 'enabled' || !(endpoint.enabledEvents.includes(eventType) || subscribed(endpoint.id))) continue;
			let body = JSON.stringify({ eventId, eventType, payload });
			const payloadOptions = endpoint.advancedOptions?.payload;
			// INFERRED: with format 'url' and no threshold, every payload goes by URL.
			const signedUrl = payloadOptions?.format === 'url' && Buffer.byteLength(body) > (payloadOptions.urlThresholdBytes ?? 0);
			if (signedUrl) {
				const data = this.signed.issue(JSON.stringify(payload), 'application/json', SIGNED_PAYLOAD_TTL_MS);
				body = JSON.stringify({ eventId, eventType, payload: { object: 'signed_data_url', id: payload.id, data, metadata } });
			}
			const headers = endpoint.advancedOptions?.headers ?? {};
			void this.attempt({ endpointId: endpoint.id, url: endpoint.url, secret, headers, eventId, eventType, body, signedUrl }, 1);
		}
	}

	private async attempt(delivery: Delivery, attempt: number): Promise<void> {
		if (this.stopped || !this.endpoints.has(delivery.endpointId)) return;
		const timestamp = String(Math.floor(Date.now() / 1000));
		const signature = createHmac('sha256', delivery.secret).update(`v0:${timestamp}:${delivery.body}`).digest('hex');
		const headers = {
			...delivery.headers,
			'content-type': 'application/json',
			'content-length': String(Buffer.byteLength(delivery.body)),
			'user-agent': 'Extend-Webhooks (emulator)',
			'x-extend-request-timestamp': timestamp,
			'x-extend-request-signature': signature,
		};
		let status: number | null = null;
		let error: string | undefined;
		try {
			status = await this.post(delivery.url, headers, delivery.body);
			if (status < 200 || status > 299) error = `HTTP ${status}`;
		} catch (e) {
			error = (e as Error).message;
		}
		if (this.stopped) return;
		const { endpointId, url, eventId, eventType, signedUrl } = delivery;
		this.record({ endpointId, url, eventId, eventType, attempt, status, ...(error ? { error } : {}), signedUrl, at: Date.now() });
		if (error && attempt <= this.settings.retries) {
			this.timers.after(this.settings.retryDelayMs * 2 ** (attempt - 1), () => void this.attempt(delivery, attempt + 1));
		}
	}

	private post(url: string, headers: Record<string, string>, body: string): Promise<number> {
		return new Promise((resolve, reject) => {
			const send = url.startsWith('https:') ? httpsRequest : httpRequest;
			const req = send(url, { method: 'POST', headers, timeout: this.settings.timeoutMs }, (res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
			});
			req.on('timeout', () => req.destroy(new Error(`timed out after ${this.settings.timeoutMs} ms`)));
			req.on('error', reject);
			this.inflight.add(req);
			req.on('close', () => this.inflight.delete(req));
			req.end(body);
		});
	}

	stop(): void {
		this.stopped = true;
		for (const req of this.inflight) req.destroy();
		this.inflight.clear();
	}

	// ---- routes --------------------------------------------------------------------------------

	routes(): Route[] {
		const list = <T>(items: T[], key: (item: T) => string, query: URLSearchParams, project: (item: T) => unknown) => ({ body: paginate(items, key, query, project) });
		return [
			{ method: 'POST', path: '/webhook_endpoints', category: 'WRITE', handle: async (req) => ({ body: this.createEndpoint(await req.json()) }) },
			{
				method: 'GET',
				path: '/webhook_endpoints',
				category: 'GET',
				handle: ({ query }) => {
					const status = queryEnum(query, 'status', ['enabled', 'disabled'] as const);
					const items = [...this.endpoints.values()].filter((r) => !status || r.endpoint.status === status);
					return list(items, (r) => sortKey(r.endpoint.createdAt, r.seq), query, (r) => r.endpoint);
				},
			},
			{ method: 'GET', path: '/webhook_endpoints/{id}', category: 'GET', handle: ({ params }) => ({ body: this.endpoint(params.id).endpoint }) },
			{ method: 'POST', path: '/webhook_endpoints/{id}', category: 'WRITE', handle: async (req) => ({ body: this.updateEndpoint(req.params.id, await req.json()) }) },
			{ method: 'DELETE', path: '/webhook_endpoints/{id}', category: 'WRITE', handle: ({ params }) => ({ body: this.deleteEndpoint(params.id) }) },
			{ method: 'POST', path: '/webhook_subscriptions', category: 'WRITE', handle: async (req) => ({ body: this.subscribe(await req.json()) }) },
			{
				method: 'GET',
				path: '/webhook_subscriptions',
				category: 'GET',
				handle: ({ query }) => {
					const endpointId = query.get('webhookEndpointId');
					const resourceId = query.get('resourceId');
					const items = [...this.subscriptions.values()].filter(
						({ subscription: s }) => (!endpointId || s.webhookEndpointId === endpointId) && (!resourceId || s.resourceId === resourceId),
					);
					return list(items, (r) => sortKey(r.subscription.createdAt, r.seq), query, (r) => r.subscription);
				},
			},
			{ method: 'GET', path: '/webhook_subscriptions/{id}', category: 'GET', handle: ({ params }) => ({ body: this.subscription(params.id).subscription }) },
			{ method: 'POST', path: '/webhook_subscriptions/{id}', category: 'WRITE', handle: async (req) => ({ body: this.updateSubscription(req.params.id, await req.json()) }) },
			{
				method: 'DELETE',
				path: '/webhook_subscriptions/{id}',
				category: 'WRITE',
				handle: ({ params }) => {
					this.subscription(params.id);
					this.subscriptions.delete(params.id);
					return { body: { id: params.id } };
				},
			},
		];
	}
}

/** The create schema is strict (the SDK's WebhookEndpointsCreateRequest); update takes the same fields minus apiVersion. */
function parseEndpointBody(body: unknown, mode: 'create' | 'update'): Partial<WebhookEndpoint> {
	const input = expectObject(body ?? {}, '');
	if (mode === 'update' && input.apiVersion !== undefined) throw invalid('apiVersion cannot be changed after creation.');
	const keys = ['url', 'name', 'status', 'enabledEvents', 'advancedOptions'];
	rejectUnknownKeys(input, mode === 'create' ? [...keys, 'apiVersion'] : keys, '');
	const out: Partial<WebhookEndpoint> = {};
	const has = (key: string): boolean => mode === 'create' || input[key] !== undefined;
	if (has('url')) {
		out.url = requiredString(input, 'url', '');
		if (!isHttpUrl(out.url)) throw invalid('url must be an http or https URL.');
	}
	if (has('name')) out.name = requiredString(input, 'name', '');
	if (input.status !== undefined) out.status = requiredEnum(input, 'status', ['enabled', 'disabled'], '');
	if (has('enabledEvents')) out.enabledEvents = stringArray(input, 'enabledEvents', '', ENDPOINT_EVENTS);
	if (mode === 'create' && requiredString(input, 'apiVersion', '') !== API_VERSION) {
		throw invalid(`apiVersion "${String(input.apiVersion)}" is not supported by the emulator; use "${API_VERSION}".`);
	}
	if (input.advancedOptions !== undefined) out.advancedOptions = parseAdvancedOptions(input.advancedOptions);
	return out;
}

function parseAdvancedOptions(value: unknown): WebhookAdvancedOptions {
	const options = expectObject(value, 'advancedOptions');
	rejectUnknownKeys(options, ['headers', 'payload'], 'advancedOptions');
	const headers = optionalObject(options, 'headers', 'advancedOptions');
	if (headers && Object.values(headers).some((v) => typeof v !== 'string')) throw invalid('advancedOptions.headers values must be strings.');
	const payload = optionalObject(options, 'payload', 'advancedOptions');
	if (payload) {
		rejectUnknownKeys(payload, ['format', 'urlThresholdBytes'], 'advancedOptions.payload');
		requiredEnum(payload, 'format', ['json', 'url'], 'advancedOptions.payload');
		const threshold = payload.urlThresholdBytes;
		if (threshold !== undefined && !(Number.isInteger(threshold) && (threshold as number) >= 0)) {
			throw invalid('advancedOptions.payload.urlThresholdBytes must be a non-negative integer.');
		}
	}
	return options as WebhookAdvancedOptions;
}
