import { Webhooks } from 'extend-ai/wrapper/webhooks/Webhooks';

import {
	computeSignature,
	headerValue,
	verifyExtendSignature,
} from '../../../nodes/ExtendTrigger/verifySignature';

// The reference's vector, accepted by extend-ai 1.17.0's verify() with maxAgeSeconds 0.
const SECRET = 'wss_test_secret';
const TIMESTAMP = '1700000000';
const BODY = '{"eventId":"evt_123","eventType":"classify_run.processed","payload":{"object":"classify_run","id":"clr_abc"}}';
const SIGNATURE = 'c8a68617dc5724d60336a225807939001e9b1319650b35e0404fbdf35b895a0f';
const AT_TIMESTAMP = Number(TIMESTAMP) * 1000;

const headers = (overrides: Record<string, string | string[] | undefined> = {}) => ({
	'x-extend-request-timestamp': TIMESTAMP,
	'x-extend-request-signature': SIGNATURE,
	...overrides,
});

describe('verifyExtendSignature', () => {
	it('accepts the reference test vector (age check off), as Buffer and as string', () => {
		expect(computeSignature(SECRET, TIMESTAMP, BODY)).toBe(SIGNATURE);
		expect(verifyExtendSignature(SECRET, headers(), Buffer.from(BODY), 0, { maxAgeSeconds: 0 })).toEqual({ ok: true });
		expect(verifyExtendSignature(SECRET, headers(), BODY, 0, { maxAgeSeconds: 0 })).toEqual({ ok: true });
	});

	it('agrees with the official SDK on valid and tampered deliveries', () => {
		const sdk = new Webhooks();
		const now = Math.floor(Date.now() / 1000);
		const ts = String(now - 10);
		const body = JSON.stringify({ eventId: 'evt_9', eventType: 'classify_run.failed', payload: { object: 'classify_run', note: 'ünïcode ✓' } });
		const good = { 'x-extend-request-timestamp': ts, 'x-extend-request-signature': computeSignature(SECRET, ts, body) };
		expect(sdk.verify(body, good, SECRET)).toBe(true);
		expect(verifyExtendSignature(SECRET, good, Buffer.from(body), Date.now()).ok).toBe(true);
		const tampered = body.replace('failed', 'processed');
		expect(sdk.verify(tampered, good, SECRET)).toBe(false);
		expect(verifyExtendSignature(SECRET, good, Buffer.from(tampered), Date.now()).ok).toBe(false);
	});

	it('accepts an uppercase signature and header names in any case', () => {
		const upper = { 'X-Extend-Request-Timestamp': TIMESTAMP, 'X-EXTEND-REQUEST-SIGNATURE': SIGNATURE.toUpperCase() };
		expect(verifyExtendSignature(SECRET, upper, BODY, AT_TIMESTAMP)).toEqual({ ok: true });
	});

	it.each([
		['no secret', undefined, headers(), BODY, 'Webhook signing secret is not set up'],
		['an empty secret', '', headers(), BODY, 'Webhook signing secret is not set up'],
		['the wrong secret', 'wss_other', headers(), BODY, 'Invalid signature'],
		['a secret without its wss_ prefix', 'test_secret', headers(), BODY, 'Invalid signature'],
		['a tampered body', SECRET, headers(), BODY.replace('clr_abc', 'clr_abd'), 'Invalid signature'],
		['a body with extra whitespace', SECRET, headers(), `${BODY}\n`, 'Invalid signature'],
		['no body', SECRET, headers(), undefined, 'Missing request body'],
		['no timestamp header', SECRET, headers({ 'x-extend-request-timestamp': undefined }), BODY, 'Missing timestamp'],
		['an empty timestamp', SECRET, headers({ 'x-extend-request-timestamp': '' }), BODY, 'Missing timestamp'],
		['a timestamp in milliseconds-with-dot', SECRET, headers({ 'x-extend-request-timestamp': '1700000000.5' }), BODY, 'Invalid timestamp'],
		['a negative timestamp', SECRET, headers({ 'x-extend-request-timestamp': '-1700000000' }), BODY, 'Invalid timestamp'],
		['a non-numeric timestamp', SECRET, headers({ 'x-extend-request-timestamp': 'yesterday' }), BODY, 'Invalid timestamp'],
		['a repeated timestamp header', SECRET, headers({ 'x-extend-request-timestamp': [TIMESTAMP, TIMESTAMP] }), BODY, 'Missing timestamp'],
		['another timestamp than signed', SECRET, headers({ 'x-extend-request-timestamp': '1700000001' }), BODY, 'Invalid signature'],
		['no signature header', SECRET, headers({ 'x-extend-request-signature': undefined }), BODY, 'Missing signature'],
		['an empty signature', SECRET, headers({ 'x-extend-request-signature': '' }), BODY, 'Missing signature'],
		['a non-hex signature', SECRET, headers({ 'x-extend-request-signature': 'z'.repeat(64) }), BODY, 'Invalid signature'],
		['a signature with one non-hex tail char', SECRET, headers({ 'x-extend-request-signature': `${SIGNATURE.slice(0, 63)}g` }), BODY, 'Invalid signature'],
		['a short signature', SECRET, headers({ 'x-extend-request-signature': SIGNATURE.slice(0, 62) }), BODY, 'Invalid signature'],
		['a long signature', SECRET, headers({ 'x-extend-request-signature': `${SIGNATURE}00` }), BODY, 'Invalid signature'],
		['an odd-length signature', SECRET, headers({ 'x-extend-request-signature': SIGNATURE.slice(0, 63) }), BODY, 'Invalid signature'],
		['a sha256= prefixed signature', SECRET, headers({ 'x-extend-request-signature': `sha256=${SIGNATURE}` }), BODY, 'Invalid signature'],
		['a base64 signature', SECRET, headers({ 'x-extend-request-signature': Buffer.from(SIGNATURE, 'hex').toString('base64') }), BODY, 'Invalid signature'],
	])('rejects %s with 401', (_case, secret, hdrs, body, reason) => {
		const result = verifyExtendSignature(secret, hdrs, body, AT_TIMESTAMP);
		expect(result).toEqual({ ok: false, status: 401, reason });
	});

	describe('timestamp window', () => {
		const at = (secondsAfterSigning: number) => AT_TIMESTAMP + secondsAfterSigning * 1000;

		it('accepts up to max age and up to 60 s in the future', () => {
			expect(verifyExtendSignature(SECRET, headers(), BODY, at(300)).ok).toBe(true);
			expect(verifyExtendSignature(SECRET, headers(), BODY, at(-60)).ok).toBe(true);
			expect(verifyExtendSignature(SECRET, headers(), BODY, at(0)).ok).toBe(true);
		});

		it('rejects stale and future timestamps', () => {
			expect(verifyExtendSignature(SECRET, headers(), BODY, at(301))).toEqual({ ok: false, status: 401, reason: 'Timestamp too old' });
			expect(verifyExtendSignature(SECRET, headers(), BODY, at(-61))).toEqual({ ok: false, status: 401, reason: 'Timestamp in the future' });
		});

		it('honours a configured max age and future skew', () => {
			expect(verifyExtendSignature(SECRET, headers(), BODY, at(31), { maxAgeSeconds: 30 }).ok).toBe(false);
			expect(verifyExtendSignature(SECRET, headers(), BODY, at(30), { maxAgeSeconds: 30 }).ok).toBe(true);
			expect(verifyExtendSignature(SECRET, headers(), BODY, at(-11), { futureSkewSeconds: 10 }).ok).toBe(false);
		});

		it('checks the timestamp before the signature, so a replay fails even with a valid signature', () => {
			expect(verifyExtendSignature(SECRET, headers(), BODY, at(3600)).ok).toBe(false);
		});
	});

	it('never puts the secret or a header value into the reason', () => {
		const secret = 'wss_do_not_leak_me';
		const cases = [
			verifyExtendSignature(secret, headers(), BODY, AT_TIMESTAMP),
			verifyExtendSignature(secret, headers({ 'x-extend-request-signature': 'nothex' }), BODY, AT_TIMESTAMP),
			verifyExtendSignature(secret, headers({ 'x-extend-request-timestamp': 'evil<script>' }), BODY, AT_TIMESTAMP),
		];
		for (const result of cases) {
			expect(result.ok).toBe(false);
			const text = JSON.stringify(result);
			expect(text).not.toContain(secret);
			expect(text).not.toContain('nothex');
			expect(text).not.toContain('evil');
		}
	});

	it('headerValue reads single values case-insensitively and refuses repeated ones', () => {
		expect(headerValue({ 'X-A': '1' }, 'x-a')).toBe('1');
		expect(headerValue({ 'x-a': ['1'] }, 'X-A')).toBe('1');
		expect(headerValue({ 'x-a': ['1', '2'] }, 'x-a')).toBeUndefined();
		expect(headerValue({}, 'x-a')).toBeUndefined();
	});
});
