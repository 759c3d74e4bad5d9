// The one verifier of Extend webhook signatures. Pure: no n8n context, no clock, no logging, so the
// trigger and the tests call the same function and it can never leak the secret anywhere.
//
// Extend signs `v0:${timestamp}:${rawBody}` with HMAC-SHA256, key = the full `wss_…` signing secret
// (UTF-8, not decoded), and sends the lowercase hex digest in x-extend-request-signature and the
// unix-seconds timestamp in x-extend-request-timestamp.
import { createHmac, timingSafeEqual } from 'crypto';

const SIGNATURE_HEADER = 'x-extend-request-signature';
const TIMESTAMP_HEADER = 'x-extend-request-timestamp';
export const DEFAULT_MAX_AGE_SECONDS = 300;
export const DEFAULT_FUTURE_SKEW_SECONDS = 60;

export type HeaderBag = Record<string, string | string[] | undefined>;

interface VerifyOptions {
	/** Oldest accepted timestamp, in seconds. 0 turns the age and future checks off (SDK parity;
	 * meant for fixed test vectors, the trigger always checks). Default 300. */
	maxAgeSeconds?: number;
	/** How far in the future a timestamp may be (clock skew). Default 60. */
	futureSkewSeconds?: number;
}

type VerifyResult = { ok: true } | { ok: false; status: 401; reason: string };

const SHA256_HEX = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

function reject(reason: string): VerifyResult {
	return { ok: false, status: 401, reason };
}

/** A header's single value, looked up case-insensitively; undefined when absent or repeated. */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
		return value;
	}
	return undefined;
}

/** The hex signature Extend computes for this timestamp and body. */
export function computeSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
	return createHmac('sha256', secret).update(`v0:${timestamp}:`, 'utf8').update(rawBody).digest('hex');
}

/**
 * Checks one delivery, failing closed: a missing secret, a missing or malformed header, a stale or
 * future timestamp, or a signature that is not exactly 32 bytes of hex all reject. The reasons are
 * short and generic (safe to send back); they never contain the secret or a header's value.
 */
export function verifyExtendSignature(
	secret: string | undefined,
	headers: HeaderBag,
	rawBody: Buffer | string | undefined,
	nowMs: number,
	options: VerifyOptions = {},
): VerifyResult {
	if (typeof secret !== 'string' || secret.length === 0) return reject('Webhook signing secret is not set up');
	if (rawBody === undefined) return reject('Missing request body');

	const timestamp = headerValue(headers, TIMESTAMP_HEADER)?.trim();
	if (!timestamp) return reject('Missing timestamp');
	if (!UNIX_SECONDS.test(timestamp)) return reject('Invalid timestamp');

	const signature = headerValue(headers, SIGNATURE_HEADER)?.trim().toLowerCase();
	if (!signature) return reject('Missing signature');
	if (!SHA256_HEX.test(signature)) return reject('Invalid signature');

	const maxAge = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
	if (maxAge > 0) {
		const age = Math.floor(nowMs / 1000) - Number(timestamp);
		if (age > maxAge) return reject('Timestamp too old');
		if (age < -(options.futureSkewSeconds ?? DEFAULT_FUTURE_SKEW_SECONDS)) return reject('Timestamp in the future');
	}

	const expected = Buffer.from(computeSignature(secret, timestamp, rawBody), 'hex');
	const received = Buffer.from(signature, 'hex');
	if (expected.length !== 32 || received.length !== 32) return reject('Invalid signature');
	return timingSafeEqual(expected, received) ? { ok: true } : reject('Invalid signature');
}
