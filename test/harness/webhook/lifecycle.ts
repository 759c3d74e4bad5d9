// The webhook lifecycle as n8n's WebhookService drives it (createWebhookIfNotExists, deleteWebhook):
// activation and "Listen for test event" call checkExists, then create when it returned false.
import type { Workflow } from 'n8n-workflow';

import type { TriggerContexts } from './triggerContexts';

export type HookMethod = 'checkExists' | 'create' | 'delete';

/** Runs one lifecycle method of the node in n8n-core's HookContext. */
export async function runHook(contexts: TriggerContexts, workflow: Workflow, test: boolean, method: HookMethod): Promise<boolean> {
	const fn = contexts.nodeType.webhookMethods?.default?.[method];
	if (!fn) throw new Error(`the node has no webhookMethods.default.${method}`);
	return await fn.call(contexts.hookContext(workflow, test));
}

/** checkExists, then create when it returned false; whether the webhook existed. */
export async function createWebhookIfNotExists(contexts: TriggerContexts, workflow: Workflow, test: boolean): Promise<boolean> {
	const existed = await runHook(contexts, workflow, test, 'checkExists');
	if (!existed) await runHook(contexts, workflow, test, 'create');
	return existed;
}
