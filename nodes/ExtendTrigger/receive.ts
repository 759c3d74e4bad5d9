// What happens to one delivery, in order: verify the signature over the raw body (401), parse the
// envelope (400), ignore unselected event types and redeliveries (200), hold off a second delivery of
// an event still being received (409), follow a signed payload URL (422 when not allowed, 502 when it
// fails), filter (200), then start the workflow with one item. A batch event starts one execution
// whose items are the batch's runs (batch.ts).
// Every answer is sent here (`noWebhookResponse`), also "Workflow was started": n8n saves the static
// data (the remembered event ids) in the callback that sends its own answer, and newer n8n (2.41.1, not 2.8.4) resets the
// static data's changed flag when it starts the run, before that answer. Answering first is what
// makes the ids reach the database (docs/trigger.md, "Why the node answers Extend itself").
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { classifyRunToJson } from '../Extend/runs/mapper';

import { acknowledge, reply } from './answer';
import { BATCH_FETCH_DEADLINE_MS, receiveBatch } from './batch';
import { claimEvent, isDuplicateEvent, rememberEvent } from './dedupe';
import { isBatchEvent } from './events';
import { checkFilters, submittedHereWithSubmitOnly } from './filters';
import { readTriggerOptions, replayWindowSeconds, type TriggerOptions } from './options';
import { isManual, STATIC_SIGNING_SECRET } from './registration';
import { verifyExtendSignature, type HeaderBag } from './verifySignature';

/** Extend gives up after 30 s: the whole payload download (not each idle gap) ends before that. */
export const SIGNED_PAYLOAD_DEADLINE_MS = 10_000;
/** A classify run is a few kB; anything near this is not one. */
const SIGNED_PAYLOAD_MAX_BYTES = 16 * 1024 * 1024;

interface Envelope {
	eventId: string;
	eventType: string;
	payload: IDataObject;
}

function parseEnvelope(rawBody: Buffer): Envelope | 'malformed' | 'invalid' {
	let value: unknown;
	try {
		value = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return 'malformed';
	}
	const event = value as Partial<Envelope> | null;
	if (
		!event ||
		typeof event !== 'object' ||
		typeof event.eventId !== 'string' ||
		!event.eventId ||
		typeof event.eventType !== 'string' ||
		!event.payload ||
		typeof event.payload !== 'object' ||
		Array.isArray(event.payload)
	) {
		return 'invalid';
	}
	return event as Envelope;
}

function isSignedDataUrl(payload: IDataObject): boolean {
	return payload.object === 'signed_data_url' && typeof payload.data === 'string';
}

/** A response body as axios streams it (`encoding: 'stream'`). */
type BodyStream = AsyncIterable<Buffer> & { destroy(error?: Error): void };

/** GETs the run behind a signed_data_url payload: no auth (the URL is the credential), bounded in
 * time as a whole and in size (n8n's request helper sets neither limit). */
async function fetchSignedPayload(this: IWebhookFunctions, url: string): Promise<IDataObject> {
	const protocol = new URL(url).protocol;
	if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`unsupported URL scheme ${protocol}`);
	const deadline = AbortSignal.timeout(SIGNED_PAYLOAD_DEADLINE_MS);
	const tooSlow = () => new Error(`the download took longer than ${SIGNED_PAYLOAD_DEADLINE_MS / 1000} s`);
	let stream: BodyStream | undefined;
	const stop = () => stream?.destroy(tooSlow());
	deadline.addEventListener('abort', stop, { once: true });
	try {
		stream = (await this.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'stream',
			timeout: SIGNED_PAYLOAD_DEADLINE_MS,
			abortSignal: deadline,
		})) as BodyStream;
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of stream) {
			size += chunk.length;
			if (size > SIGNED_PAYLOAD_MAX_BYTES) {
				throw new Error(`the payload is larger than ${SIGNED_PAYLOAD_MAX_BYTES / 1024 / 1024} MiB`);
			}
			chunks.push(chunk);
		}
		if (deadline.aborted) throw tooSlow();
		const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
		if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('the payload is not a JSON object');
		return value as IDataObject;
	} catch (error) {
		throw deadline.aborted ? tooSlow() : error;
	} finally {
		deadline.removeEventListener('abort', stop);
		stream?.destroy();
	}
}

function signingSecret(ctx: IWebhookFunctions): string | undefined {
	if (isManual(ctx)) return String(ctx.getNodeParameter('signingSecret', '') ?? '').trim() || undefined;
	const stored = ctx.getWorkflowStaticData('node')[STATIC_SIGNING_SECRET];
	return typeof stored === 'string' ? stored : undefined;
}

/** The options, or the answer for a delivery that meets an invalid one (logged: no item shows it). */
function optionsOrRefusal(ctx: IWebhookFunctions): TriggerOptions | IWebhookResponseData {
	try {
		return readTriggerOptions(ctx.getNode(), ctx.getNodeParameter('options', {}) as IDataObject);
	} catch (error) {
		// A bad number, or an expression that does not resolve: Extend redelivers once it is fixed.
		const message = (error as Error).message;
		ctx.logger.error(`Extend Trigger: refused a delivery: ${message}`);
		return reply(ctx, 500, `The trigger's options are invalid: ${message}`);
	}
}

/** One memory per trigger node and webhook (test URL and production URL are separate). */
function claimScope(ctx: IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id}/${ctx.getMode()}`;
}

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const staticData = this.getWorkflowStaticData('node');
	const now = Date.now();

	const options = optionsOrRefusal(this);
	if (!('filters' in options)) return options;

	if (!req.rawBody) await req.readRawBody?.();
	const secret = signingSecret(this);
	const verdict = verifyExtendSignature(secret, req.headers as HeaderBag, req.rawBody, now, {
		maxAgeSeconds: options.maxAgeSeconds,
	});
	if (!verdict.ok) {
		if (!secret) {
			this.logger.warn(
				isManual(this)
					? 'Extend Trigger: rejected a delivery because no signing secret is set on the node'
					: 'Extend Trigger: rejected a delivery because no signing secret is stored; deactivate and activate the workflow',
			);
		}
		return reply(this, verdict.status, verdict.reason);
	}

	const event = parseEnvelope(req.rawBody);
	if (event === 'malformed') return reply(this, 400, 'Body is not valid JSON');
	if (event === 'invalid') return reply(this, 400, 'Body is not an Extend event');

	const events = this.getNodeParameter('events', []) as string[];
	if (!events.includes(event.eventType)) return acknowledge(this, 'Event type not selected; ignored');
	if (isDuplicateEvent(staticData, event.eventId, now)) return acknowledge(this, 'Event already received; ignored');
	const batchEvent = isBatchEvent(event.eventType);
	// A claim outlasts its delivery's work: a batch's runs are fetched before the delivery ends.
	const claim = claimEvent(claimScope(this), event.eventId, now, batchEvent ? BATCH_FETCH_DEADLINE_MS + 60_000 : undefined);
	if (!claim.ok) {
		return claim.state === 'accepted'
			? acknowledge(this, 'Event already received; ignored')
			: reply(this, 409, 'This event is being received from another delivery; try again later');
	}

	let run = event.payload;
	if (isSignedDataUrl(run)) {
		if (!options.followSignedUrls) {
			claim.release();
			this.logger.warn('Extend Trigger: refused a signed payload URL because "Follow Payload URLs" is off', {
				eventId: event.eventId,
			});
			return reply(
				this,
				422,
				'The payload was sent as a signed URL and this trigger does not follow signed URLs. Turn on "Follow Payload URLs", or set the endpoint payload format to JSON in Extend.',
			);
		}
		try {
			run = await fetchSignedPayload.call(this, run.data as string);
		} catch (error) {
			// Not remembered: Extend's redelivery (with a fresh URL) gets another chance.
			claim.release();
			this.logger.warn('Extend Trigger: could not fetch the signed payload', {
				eventId: event.eventId,
				error: (error as Error).message,
			});
			return reply(this, 502, 'Could not fetch the signed payload');
		}
	}
	if (batchEvent) {
		if (run.object !== 'batch_run' || typeof run.id !== 'string') {
			claim.release();
			return reply(this, 400, 'Payload is not a batch run');
		}
		return await receiveBatch.call(this, {
			eventId: event.eventId,
			eventType: event.eventType,
			batch: run,
			filters: options.filters,
			accept: () => {
				rememberEvent(staticData, event.eventId, now, replayWindowSeconds(options));
				claim.accept();
			},
			release: claim.release,
		});
	}
	if (run.object !== 'classify_run') {
		claim.release();
		return reply(this, 400, 'Payload is not a classify run');
	}

	rememberEvent(staticData, event.eventId, now, replayWindowSeconds(options));
	claim.accept();
	if (this.getNodeParameter('onlySubmitOnly', false) === true && !submittedHereWithSubmitOnly(run, this.getInstanceId())) {
		return acknowledge(this, 'Not a run this n8n submitted with Submit Only; ignored');
	}
	const verdictOfFilters = checkFilters(run, event.eventType, options.filters);
	if (!verdictOfFilters.pass) return acknowledge(this, `Filtered out: ${verdictOfFilters.reason}`);

	const json: IDataObject = {
		eventId: event.eventId,
		eventType: event.eventType,
		...classifyRunToJson(run, this.getNodeParameter('simplify', false) === true),
	};
	reply(this, 200, 'Workflow was started');
	return { workflowData: [this.helpers.returnJsonArray([json])], noWebhookResponse: true };
}
