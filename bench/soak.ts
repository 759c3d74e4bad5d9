// `npm run soak`: 500 items through Classify File under injected faults, then 10,000 fuzzed
// webhook requests at the Extend Trigger mixed with valid ones. Prints a table and writes
// bench/soak.json. Everything runs on loopback and stops by itself.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { LoggerProxy } from 'n8n-workflow';
import { request } from 'undici';

import { ExtendTrigger } from '../nodes/ExtendTrigger/ExtendTrigger.node';
import { computeSignature } from '../nodes/ExtendTrigger/verifySignature';
import { startEmulator } from '../test/emulator';
import { TriggerHarness } from '../test/harness/runWebhook';
import { API_KEY, classifyParams, credentialsFor, runExtend } from '../test/support/extendNode';
import { printTable, writeResults, type Figure } from './report';

const ITEMS = 500;
const FAULTS = { status429: 0.2, status503: 0.05, dropBefore: 0.01, dropAfter: 0.01 };
const WEBHOOK_REQUESTS = 10_000;
const VALID_SHARE = 0.1;
const CONCURRENT_POSTS = 20;

/** Every log line n8n and the nodes write, to scan for the API key. */
const logs: string[] = [];
function captureLogs(): void {
	const keep = (level: string) => (message: string, meta?: object) => logs.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
	LoggerProxy.init({ error: keep('error'), warn: keep('warn'), info: keep('info'), debug: keep('debug') } as never);
}

async function soakClassify(): Promise<{ figures: Figure[]; dump: string }> {
	const emulator = await startEmulator({ latencyMs: 500, seed: 2026, apiKey: API_KEY });
	try {
		emulator.setFaults(FAULTS);
		const kinds = ['INVOICE total amount due', 'RECEIPT paid by card', 'AGREEMENT between the parties', 'CV work experience education'];
		const input = Array.from({ length: ITEMS }, (_, n) => ({ json: { n, text: `${kinds[n % kinds.length]} #${n}` } }));
		const started = Date.now();
		const result = await runExtend(emulator.baseUrl, classifyParams({ simplify: true, options: { concurrency: 10 } }), input, { continueOnFail: true });
		const wallMs = Date.now() - started;
		const stats = emulator.stats();
		const errors = result.items.filter((i) => i.json.error !== undefined);
		const duplicates = Object.values(stats.runsPerInput).filter((c) => c > 1).length;
		const inOrder = result.items.every((item, n) => (item.pairedItem as { item: number }).item === n);
		const injected = Object.values(stats.faultsInjected).reduce((a, b) => a + b, 0);
		const requests = Object.values(stats.requests).reduce((a, b) => a + b, 0);
		return {
			figures: [
				{ name: 'items', value: ITEMS },
				{ name: 'outputs', value: result.items.length, goal: `= ${ITEMS}`, met: result.items.length === ITEMS },
				{ name: 'errorItems', value: errors.length, goal: '0', met: errors.length === 0 },
				{ name: 'runsCreated', value: stats.runsCreated },
				{ name: 'inputsWithDuplicateRuns', value: duplicates, goal: '0', met: duplicates === 0 },
				{ name: 'faultsInjected', value: injected },
				...Object.entries(stats.faultsInjected).map(([k, v]) => ({ name: `faults.${k}`, value: v })),
				{ name: 'requestsSent', value: requests },
				{ name: 'requestsPerItem', value: requests / ITEMS },
				{ name: 'submissionLookups', value: stats.requests['GET /classify_runs'] ?? 0 },
				{ name: 'outputInInputOrder', value: String(inOrder), goal: 'true', met: inOrder },
				{ name: 'wallMs', value: wallMs, unit: 'ms' },
				...(errors.length ? [{ name: 'firstError', value: String(errors[0].json.error) }] : []),
			],
			dump: JSON.stringify(result.run),
		};
	} finally {
		await emulator.stop();
	}
}

type Variant = (secret: string, body: string, ts: number) => { body: string | Buffer; headers: Record<string, string> };
const sign = (secret: string, ts: number, body: string | Buffer) => computeSignature(secret, String(ts), body);
const FORGERIES: Record<string, Variant> = {
	tampered: (s, b, ts) => ({ body: b.replace('"PROCESSED"', '"FAILED"'), headers: { 'x-extend-request-timestamp': String(ts), 'x-extend-request-signature': sign(s, ts, b) } }),
	wrongSecret: (_s, b, ts) => ({ body: b, headers: { 'x-extend-request-timestamp': String(ts), 'x-extend-request-signature': sign(`wss_${randomBytes(8).toString('hex')}`, ts, b) } }),
	stale: (s, b, ts) => ({ body: b, headers: { 'x-extend-request-timestamp': String(ts - 301), 'x-extend-request-signature': sign(s, ts - 301, b) } }),
	future: (s, b, ts) => ({ body: b, headers: { 'x-extend-request-timestamp': String(ts + 120), 'x-extend-request-signature': sign(s, ts + 120, b) } }),
	noSignature: (_s, b, ts) => ({ body: b, headers: { 'x-extend-request-timestamp': String(ts) } }),
	noTimestamp: (s, b, ts) => ({ body: b, headers: { 'x-extend-request-signature': sign(s, ts, b) } }),
	badHex: (_s, b, ts) => ({ body: b, headers: { 'x-extend-request-timestamp': String(ts), 'x-extend-request-signature': 'zz'.repeat(32) } }),
	shortSignature: (s, b, ts) => ({ body: b, headers: { 'x-extend-request-timestamp': String(ts), 'x-extend-request-signature': sign(s, ts, b).slice(0, 40) } }),
	malformedJson: (s, _b, ts) => {
		const body = '{"eventId": "evt_broken", "payload": ';
		return { body, headers: { 'x-extend-request-timestamp': String(ts), 'x-extend-request-signature': sign(s, ts, body) } };
	},
	oversize: (_s, b, ts) => {
		const body = b.replace('"metadata":null', `"metadata":{"pad":"${'x'.repeat(2_000_000)}"}`);
		return { body, headers: { 'x-extend-request-timestamp': String(ts), 'x-extend-request-signature': createHash('sha256').update(body).digest('hex') } };
	},
};

async function soakWebhooks(): Promise<{ figures: Figure[]; dump: string }> {
	const emulator = await startEmulator({ latencyMs: 10, apiKey: API_KEY });
	const trigger = await TriggerHarness.start({ node: new ExtendTrigger(), parameters: { events: ['classify_run.processed', 'classify_run.failed'] }, credentials: credentialsFor(emulator.baseUrl) });
	try {
		await trigger.activate();
		const secret = String(trigger.nodeData().signingSecret);
		const names = Object.keys(FORGERIES);
		const sent = { valid: 0, forged: 0, validAccepted: 0, forgedAccepted: 0, statuses: {} as Record<string, number> };
		const validIds = new Set<string>();
		const started = Date.now();
		let next = 0;
		const worker = async () => {
			while (next < WEBHOOK_REQUESTS) {
				const n = next++;
				const eventId = `evt_soak_${n}`;
				const body = JSON.stringify({ eventId, eventType: 'classify_run.processed', payload: { object: 'classify_run', id: `clr_soak_${n}`, status: 'PROCESSED', output: { id: 'invoice', type: 'invoice', confidence: 0.9, insights: [] }, metadata: null } });
				const ts = Math.floor(Date.now() / 1000);
				const valid = n % Math.round(1 / VALID_SHARE) === 0;
				const { body: payload, headers } = valid
					? { body, headers: { 'x-extend-request-timestamp': String(ts), 'x-extend-request-signature': sign(secret, ts, body) } }
					: FORGERIES[names[n % names.length]](secret, body, ts);
				const before = trigger.executions.length;
				const res = await request(trigger.productionUrl, { method: 'POST', body: payload, headers: { 'content-type': 'application/json', ...headers } });
				await res.body.text();
				const key = `${valid ? 'valid' : 'forged'}:${res.statusCode}`;
				sent.statuses[key] = (sent.statuses[key] ?? 0) + 1;
				if (valid) {
					sent.valid++;
					validIds.add(eventId);
					if (res.statusCode === 200) sent.validAccepted++;
				} else {
					sent.forged++;
					if (trigger.executions.length > before && res.statusCode === 200) sent.forgedAccepted++;
				}
			}
		};
		await Promise.all(Array.from({ length: CONCURRENT_POSTS }, worker));
		const wallMs = Date.now() - started;
		const executedIds = trigger.executions.map((e) => String(e.items[0]?.json.eventId));
		const forgedExecutions = executedIds.filter((id) => !validIds.has(id)).length;
		const executedOnce = [...validIds].filter((id) => executedIds.filter((e) => e === id).length === 1).length;
		return {
			figures: [
				{ name: 'requests', value: WEBHOOK_REQUESTS },
				{ name: 'valid', value: sent.valid },
				{ name: 'forged', value: sent.forged },
				{ name: 'forgedExecutions', value: forgedExecutions, goal: '0', met: forgedExecutions === 0 },
				{ name: 'validExecutedExactlyOnce', value: executedOnce, goal: `= ${sent.valid}`, met: executedOnce === sent.valid },
				{ name: 'executions', value: trigger.executions.length },
				{ name: 'requestsPerSecond', value: WEBHOOK_REQUESTS / (wallMs / 1000), unit: '/s' },
				...Object.entries(sent.statuses).sort().map(([k, v]) => ({ name: `status.${k}`, value: v })),
			],
			dump: JSON.stringify({ executions: trigger.executions, handled: trigger.handled.slice(0, 2000), logs: trigger.logs }),
		};
	} finally {
		await trigger.stop();
		await emulator.stop();
	}
}

async function main(): Promise<void> {
	captureLogs();
	process.stdout.write(`soak: ${ITEMS} items under faults ${JSON.stringify(FAULTS)}...\n`);
	const classify = await soakClassify();
	printTable('classify under faults', classify.figures);
	process.stdout.write(`\nsoak: ${WEBHOOK_REQUESTS} webhook requests (${VALID_SHARE * 100} % valid)...\n`);
	const webhooks = await soakWebhooks();
	printTable('trigger under fuzzing', webhooks.figures);
	const everything = [classify.dump, webhooks.dump, ...logs].join('\n');
	const leaks = everything.split(API_KEY).length - 1;
	const token: Figure[] = [
		{ name: 'scannedBytes', value: everything.length, unit: 'B' },
		{ name: 'apiKeyOccurrences', value: leaks, goal: '0', met: leaks === 0 },
	];
	printTable('API key scan (outputs, errors, logs)', token);
	writeResults(join(__dirname, '..', '..', '..', 'bench', 'soak.json'), { items: ITEMS, faults: FAULTS, webhookRequests: WEBHOOK_REQUESTS, validShare: VALID_SHARE, concurrentPosts: CONCURRENT_POSTS }, { classify: classify.figures, webhooks: webhooks.figures, token });
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${(error as Error).stack}\n`);
		process.exit(1);
	},
);
