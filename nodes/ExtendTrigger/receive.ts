// What happens to one delivery, in order: verify the signature over the raw body (401), parse the
// envelope (400), ignore unselected event types and redeliveries (200), follow a signed payload URL
// (422 when not allowed, 502 when it fails), filter (200), then start the workflow with one item.
// A rejected delivery gets its answer here (`noWebhookResponse`); nothing rejected starts a run.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { classifyRunToJson } from '../Extend/runs/mapper';

import { isDuplicateEvent, rememberEvent } from './dedupe';
import { checkFilters, filtersFromOptions } from './filters';
import { isManual, STATIC_SIGNING_SECRET } from './registration';
import { DEFAULT_MAX_AGE_SECONDS, verifyExtendSignature, type HeaderBag } from './verifySignature';

/** Extend gives up after 30 s; the payload download must end well before that. */
export const SIGNED_PAYLOAD_TIMEOUT_MS = 20_000;

interface Envelope {
	eventId: string;
	eventType: string;
	payload: IDataObject;
}

function reply(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).send({ message });
	return { noWebhookResponse: true };
}

/** Answers 200 without starting the workflow. */
function acknowledge(message: string): IWebhookResponseData {
	return { webhookResponse: { message } };
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

/** GETs the run behind a signed_data_url payload: no auth (the URL is the credential), bounded. */
async function fetchSignedPayload(this: IWebhookFunctions, url: string): Promise<IDataObject> {
	const protocol = new URL(url).protocol;
	if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`unsupported URL scheme ${protocol}`);
	const body: unknown = await this.helpers.httpRequest({
		method: 'GET',
		url,
		json: true,
		timeout: SIGNED_PAYLOAD_TIMEOUT_MS,
	});
	const value = typeof body === 'string' ? (JSON.parse(body) as unknown) : body;
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('the payload is not a JSON object');
	return value as IDataObject;
}

function signingSecret(ctx: IWebhookFunctions): string | undefined {
	if (isManual(ctx)) return String(ctx.getNodeParameter('signingSecret', '') ?? '').trim() || undefined;
	const stored = ctx.getWorkflowStaticData('node')[STATIC_SIGNING_SECRET];
	return typeof stored === 'string' ? stored : undefined;
}

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const staticData = this.getWorkflowStaticData('node');
	const now = Date.now();

	if (!req.rawBody) await req.readRawBody?.();
	const secret = signingSecret(this);
	const maxAge = Number(options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS);
	const verdict = verifyExtendSignature(secret, req.headers as HeaderBag, req.rawBody, now, {
		// Never 0 here: that would switch the replay check off.
		maxAgeSeconds: Number.isFinite(maxAge) && maxAge >= 1 ? maxAge : DEFAULT_MAX_AGE_SECONDS,
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
	if (!events.includes(event.eventType)) return acknowledge('Event type not selected; ignored');
	if (isDuplicateEvent(staticData, event.eventId, now)) return acknowledge('Event already received; ignored');

	let run = event.payload;
	if (isSignedDataUrl(run)) {
		if (options.followSignedUrls === false) {
			this.logger.warn('Extend Trigger: refused a signed payload URL because "Follow Signed Payload URLs" is off', {
				eventId: event.eventId,
			});
			return reply(
				this,
				422,
				'The payload was sent as a signed URL and this trigger does not follow signed URLs. Turn on "Follow Signed Payload URLs", or set the endpoint payload format to JSON in Extend.',
			);
		}
		try {
			run = await fetchSignedPayload.call(this, run.data as string);
		} catch (error) {
			// Not remembered: Extend's redelivery (with a fresh URL) gets another chance.
			this.logger.warn('Extend Trigger: could not fetch the signed payload', {
				eventId: event.eventId,
				error: (error as Error).message,
			});
			return reply(this, 502, 'Could not fetch the signed payload');
		}
	}
	if (run.object !== 'classify_run') return reply(this, 400, 'Payload is not a classify run');

	rememberEvent(staticData, event.eventId, now);
	const verdictOfFilters = checkFilters(run, event.eventType, filtersFromOptions(options));
	if (!verdictOfFilters.pass) return acknowledge(`Filtered out: ${verdictOfFilters.reason}`);

	const json: IDataObject = {
		eventId: event.eventId,
		eventType: event.eventType,
		...classifyRunToJson(run, options.simplify === true),
	};
	return { workflowData: [this.helpers.returnJsonArray([json])] };
}
