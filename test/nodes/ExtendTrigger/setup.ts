// Shared setup of the Extend Trigger tests: the emulator, the trigger behind the loopback webhook
// harness, and helpers to run documents and to send hand-signed (or forged) deliveries.
import { setTimeout as sleep } from 'node:timers/promises';

import type { INodeParameters } from 'n8n-workflow';
import { request } from 'undici';

import { forgetClaims } from '../../../nodes/ExtendTrigger/dedupe';
import { ExtendTrigger } from '../../../nodes/ExtendTrigger/ExtendTrigger.node';
import { computeSignature } from '../../../nodes/ExtendTrigger/verifySignature';
import { TriggerHarness, type TriggerHarnessOptions } from '../../harness/runWebhook';
import { startEmulator, type ClassifyRun, type Emulator } from '../../emulator/index';
import { INLINE_CONFIG } from '../../support/classifications';
import { callEmulator } from '../../support/emulatorApi';
import { API_KEY, credentialsFor } from '../../support/extendNode';

export const BOTH_EVENTS = ['classify_run.processed', 'classify_run.failed'];

export interface Setup {
	em: Emulator;
	trigger: TriggerHarness;
	stop: () => Promise<void>;
}

export async function setup(
	parameters: INodeParameters,
	options: Partial<TriggerHarnessOptions> & { withCredentials?: boolean } = {},
): Promise<Setup> {
	forgetClaims(); // a fresh n8n process: what earlier tests' deliveries left in memory is gone
	const em = await startEmulator({ apiKey: API_KEY, latencyMs: 20, webhookRetries: 1, webhookRetryDelayMs: 50, webhookTimeoutMs: 5000 });
	const credentials = options.withCredentials === false ? undefined : credentialsFor(em.baseUrl);
	const trigger = await TriggerHarness.start({ node: new ExtendTrigger(), parameters, credentials, ...options });
	return {
		em,
		trigger,
		stop: async () => {
			await em.stop();
			await trigger.stop();
		},
	};
}

/** Polls until `check` is true. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(10);
	}
}

/** Creates a classify run over `text` (inline classifications unless `extra` says otherwise) and
 * waits for its end. */
export async function runDocument(em: Emulator, text: string, extra: Record<string, unknown> = {}): Promise<ClassifyRun> {
	const created = await callEmulator(em.baseUrl, 'POST', '/classify_runs', { file: { text, name: 'doc.txt' }, config: INLINE_CONFIG, ...extra });
	if (created.status !== 200) throw new Error(`POST /classify_runs: ${created.status} ${JSON.stringify(created.json)}`);
	return await em.waitForRun(created.json.id as string);
}

/** Waits until the emulator has recorded a final answer (2xx, or no retries left) for every
 * delivery it made so far, and returns them. */
export async function settledDeliveries(em: Emulator, count: number) {
	await until(() => em.stats().deliveries.length >= count, `${count} delivery attempts`);
	return em.stats().deliveries;
}

export const INVOICE_TEXT =
	'INVOICE No. 2026-118\nBill to: Acme Ltd\nAmount due: 1,250.00 EUR\nPayment due within 30 days. Please pay by bank transfer.';
export const RESUME_TEXT =
	'JANE DOE - Resume\nWork experience: Senior engineer, 8 years.\nEducation: MSc Computer Science.\nSkills: Python, SQL.';

export interface Sent {
	status: number;
	text: string;
}

/** POSTs a body to the trigger with the given headers. */
export async function post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<Sent> {
	const res = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
	return { status: res.statusCode, text: await res.body.text() };
}

/** Headers Extend would send for this body, signed with `secret` at now + `offsetSeconds`. */
export function signedHeaders(secret: string, body: string | Buffer, offsetSeconds = 0): Record<string, string> {
	const timestamp = String(Math.floor(Date.now() / 1000) + offsetSeconds);
	return {
		'x-extend-request-timestamp': timestamp,
		'x-extend-request-signature': computeSignature(secret, timestamp, body),
	};
}

export function envelope(eventId: string, payload: Record<string, unknown>, eventType = 'classify_run.processed'): string {
	return JSON.stringify({ eventId, eventType, payload });
}
