// The webhook lifecycle n8n runs on activation and deactivation (on the main instance; with the test
// URL while "Listen for test event" is on). Automatic mode keeps one Extend webhook endpoint per
// trigger node, its id and its signing secret (returned once, at creation) in the node's static
// data. Manual mode registers nothing: the user pasted the URL into Extend's dashboard.
// The webhook URL is unique to the node, so any other endpoint with it is ours and stale (left when
// the answer to a create was lost): it is removed before creating, and after a create that failed.
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { apiVersionOf } from '../Extend/transport/apiVersion';
import { listPages } from '../Extend/transport/listPages';
import { extendPaths } from '../Extend/transport/paths';
import { extendApiRequest } from '../Extend/transport/request';

import { readTriggerOptions } from './options';

const STATIC_ENDPOINT_ID = 'endpointId';
export const STATIC_SIGNING_SECRET = 'signingSecret';

const MAX_NAME_LENGTH = 200;
/** Pages of endpoints searched for stale ones (100 each). */
const MAX_ENDPOINT_PAGES = 20;

export function isManual(ctx: { getNodeParameter(name: string, fallback?: unknown): unknown }): boolean {
	return ctx.getNodeParameter('registration', 'automatic') === 'manual';
}

function selectedEvents(this: IHookFunctions): string[] {
	const events = this.getNodeParameter('events', []) as string[];
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Select at least one event', {
			description: 'Choose one or more events in "Trigger On", e.g. "Classify Run Processed" or "Batch Processed".',
		});
	}
	return [...events].sort();
}

function onlyClassifierId(this: IHookFunctions): string {
	return String(this.getNodeParameter('onlyClassifier', '', { extractValue: true }) ?? '').trim();
}

/** The endpoint's global events: none when events come through a classifier subscription. */
function endpointEvents(this: IHookFunctions): string[] {
	const events = selectedEvents.call(this);
	return onlyClassifierId.call(this) ? [] : events;
}

function endpointName(this: IHookFunctions): string {
	const workflow = this.getWorkflow();
	const name = `n8n: ${workflow.name ?? 'workflow'} (${workflow.id ?? 'unsaved'})`;
	return name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH - 1)}…` : name;
}

function webhookUrl(this: IHookFunctions): string {
	const url = this.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(this.getNode(), 'n8n gave no webhook URL for this node');
	return url;
}

function forget(data: IDataObject): void {
	delete data[STATIC_ENDPOINT_ID];
	delete data[STATIC_SIGNING_SECRET];
}

function isNotFound(error: unknown): boolean {
	return (error as NodeApiError | undefined)?.httpCode === '404';
}

function sameSet(a: unknown, b: string[]): boolean {
	if (!Array.isArray(a) || a.length !== b.length) return false;
	const sorted = [...(a as unknown[])].map(String).sort();
	return sorted.every((value, i) => value === b[i]);
}

/** Deletes an endpoint; "already gone" is success, other failures are logged and reported false. */
async function deleteEndpoint(this: IHookFunctions, endpointId: string): Promise<boolean> {
	try {
		await extendApiRequest.call(this, 'DELETE', extendPaths.webhookEndpoint(endpointId));
		return true;
	} catch (error) {
		if (isNotFound(error)) return true;
		this.logger.warn('Extend Trigger: could not delete the Extend webhook endpoint', {
			endpointId,
			error: (error as Error).message,
		});
		return false;
	}
}

async function credentialApiVersion(this: IHookFunctions): Promise<string> {
	return apiVersionOf(await this.getCredentials('extendApi'));
}

/** Deletes every endpoint with this URL (failures are logged by deleteEndpoint). */
async function removeStaleEndpoints(this: IHookFunctions, url: string): Promise<void> {
	for await (const page of listPages.call(this, extendPaths.webhookEndpoints, { maxPages: MAX_ENDPOINT_PAGES })) {
		for (const endpoint of page) {
			if (endpoint.url !== url || typeof endpoint.id !== 'string') continue;
			this.logger.info('Extend Trigger: removing a stale Extend webhook endpoint for this trigger', { endpointId: endpoint.id });
			await deleteEndpoint.call(this, endpoint.id);
		}
	}
}

/** The endpoint's classifier subscriptions match "Only for Classifier" and the events. */
async function subscriptionsMatch(this: IHookFunctions, endpointId: string): Promise<boolean> {
	const classifierId = onlyClassifierId.call(this);
	const subscriptions: IDataObject[] = [];
	for await (const page of listPages.call(this, extendPaths.webhookSubscriptions, { qs: { webhookEndpointId: endpointId }, maxPages: 5 })) {
		subscriptions.push(...page);
	}
	if (!classifierId) return subscriptions.length === 0;
	return (
		subscriptions.length === 1 &&
		subscriptions[0].resourceId === classifierId &&
		sameSet(subscriptions[0].enabledEvents, selectedEvents.call(this))
	);
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	// Activation is where a bad option (e.g. an expression that gives no number) can be shown.
	readTriggerOptions(this.getNode(), this.getNodeParameter('options', {}) as IDataObject);
	if (isManual(this)) return true;
	const data = this.getWorkflowStaticData('node');
	const endpointId = data[STATIC_ENDPOINT_ID];
	// Without the secret no delivery could be verified: let create() replace the endpoint.
	if (typeof endpointId !== 'string' || !data[STATIC_SIGNING_SECRET]) return false;

	let endpoint: IDataObject;
	try {
		endpoint = await extendApiRequest.call(this, 'GET', extendPaths.webhookEndpoint(endpointId));
	} catch (error) {
		if (isNotFound(error)) {
			this.logger.info('Extend Trigger: the stored Extend webhook endpoint no longer exists; creating a new one', {
				endpointId,
			});
			forget(data);
			return false;
		}
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	// Anything else (edited in Extend's dashboard, or the node's settings changed): create() replaces it.
	const matches =
		endpoint.url === webhookUrl.call(this) &&
		sameSet(endpoint.enabledEvents, endpointEvents.call(this)) &&
		endpoint.apiVersion === (await credentialApiVersion.call(this)) &&
		(await subscriptionsMatch.call(this, endpointId));
	if (!matches) this.logger.info('Extend Trigger: the Extend webhook endpoint differs from the node; replacing it', { endpointId });
	return matches;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	if (isManual(this)) return true;
	const data = this.getWorkflowStaticData('node');
	const url = webhookUrl.call(this);
	const events = selectedEvents.call(this);
	const classifierId = onlyClassifierId.call(this);
	const apiVersion = await credentialApiVersion.call(this);

	// An endpoint left from before (another URL, other events, lost secret) would keep delivering.
	const stale = data[STATIC_ENDPOINT_ID];
	if (typeof stale === 'string' && (await deleteEndpoint.call(this, stale))) forget(data);
	await removeStaleEndpoints.call(this, url).catch((error: Error) =>
		this.logger.warn('Extend Trigger: could not look for stale Extend webhook endpoints', { error: error.message }),
	);

	let endpoint: IDataObject;
	try {
		endpoint = await extendApiRequest.call(this, 'POST', extendPaths.webhookEndpoints, {
			body: { url, name: endpointName.call(this), enabledEvents: classifierId ? [] : events, apiVersion },
		});
	} catch (error) {
		// The endpoint may exist although its answer was lost: remove it now rather than at the next try.
		await removeStaleEndpoints.call(this, url).catch(() => undefined);
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	if (typeof endpoint.id !== 'string' || typeof endpoint.signingSecret !== 'string' || !endpoint.signingSecret) {
		throw new NodeOperationError(this.getNode(), 'Extend did not return a webhook endpoint ID and signing secret');
	}

	if (classifierId) {
		try {
			await extendApiRequest.call(this, 'POST', extendPaths.webhookSubscriptions, {
				body: { webhookEndpointId: endpoint.id, resourceType: 'classifier', resourceId: classifierId, enabledEvents: events },
				retry: 'read',
			});
		} catch (error) {
			// Without the subscription the endpoint would stay silent: remove it, then report.
			await deleteEndpoint.call(this, endpoint.id);
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
	}

	data[STATIC_ENDPOINT_ID] = endpoint.id;
	data[STATIC_SIGNING_SECRET] = endpoint.signingSecret;
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	if (isManual(this)) return true;
	const data = this.getWorkflowStaticData('node');
	const endpointId = data[STATIC_ENDPOINT_ID];
	if (typeof endpointId !== 'string') return true;
	// On failure keep the id: the next activation finds the endpoint again instead of leaking it.
	if (!(await deleteEndpoint.call(this, endpointId))) return false;
	forget(data);
	return true;
}
