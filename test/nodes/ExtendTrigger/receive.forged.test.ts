// Forged and broken deliveries over real HTTP: each is refused with the right status, starts
// nothing, and no answer or log carries the secret or echoes a header.
import { computeSignature } from '../../../nodes/ExtendTrigger/verifySignature';
import { BOTH_EVENTS, envelope, post, setup, signedHeaders, type Setup } from './setup';

const run = { object: 'classify_run', id: 'clr_forged', status: 'PROCESSED', output: { id: 'invoice', type: 'invoice', confidence: 0.9, insights: [] } };

describe('Extend Trigger refuses forged deliveries', () => {
	let s: Setup;
	let secret: string;
	let n = 0;
	const body = () => envelope(`evt_case_${++n}`, run);

	beforeAll(async () => {
		s = await setup({ events: BOTH_EVENTS });
		await s.trigger.activate();
		secret = String(s.trigger.nodeData().signingSecret);
	});
	afterAll(async () => await s.stop());

	const expectRefused = async (
		sent: { status: number; text: string },
		status: number,
		message: string | RegExp,
		headers: Record<string, string> = {},
	) => {
		expect(sent.status).toBe(status);
		expect(JSON.parse(sent.text).message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
		expect(sent.text).not.toContain(secret);
		for (const value of Object.values(headers)) if (value.length > 8) expect(sent.text).not.toContain(value);
		expect(s.trigger.executions).toHaveLength(0);
	};

	it('the control: a correctly signed delivery is accepted', async () => {
		const b = body();
		const sent = await post(s.trigger.productionUrl, b, signedHeaders(secret, b));
		expect(sent.status).toBe(200);
		expect(s.trigger.executions).toHaveLength(1);
		s.trigger.executions.length = 0;
	});

	it.each([
		['a tampered body', (b: string) => ({ body: b.replace('0.9', '0.99'), headers: signedHeaders(secret, b) }), 'Invalid signature'],
		['the wrong secret', (b: string) => ({ body: b, headers: signedHeaders('wss_guessed', b) }), 'Invalid signature'],
		['the secret without wss_', (b: string) => ({ body: b, headers: signedHeaders(secret.slice(4), b) }), 'Invalid signature'],
		['a stale timestamp (301 s)', (b: string) => ({ body: b, headers: signedHeaders(secret, b, -301) }), 'Timestamp too old'],
		['a future timestamp (61 s)', (b: string) => ({ body: b, headers: signedHeaders(secret, b, 61) }), 'Timestamp in the future'],
		[
			'no timestamp header',
			(b: string) => ({ body: b, headers: { 'x-extend-request-signature': signedHeaders(secret, b)['x-extend-request-signature'] } }),
			'Missing timestamp',
		],
		[
			'no signature header',
			(b: string) => ({ body: b, headers: { 'x-extend-request-timestamp': signedHeaders(secret, b)['x-extend-request-timestamp'] } }),
			'Missing signature',
		],
		['no headers at all', (b: string) => ({ body: b, headers: {} }), 'Missing timestamp'],
		[
			'a non-hex signature',
			(b: string) => ({ body: b, headers: { ...signedHeaders(secret, b), 'x-extend-request-signature': 'Z'.repeat(64) } }),
			'Invalid signature',
		],
		[
			'a truncated signature',
			(b: string) => {
				const h = signedHeaders(secret, b);
				return { body: b, headers: { ...h, 'x-extend-request-signature': h['x-extend-request-signature'].slice(0, 60) } };
			},
			'Invalid signature',
		],
		[
			'a signature of 33 bytes',
			(b: string) => {
				const h = signedHeaders(secret, b);
				return { body: b, headers: { ...h, 'x-extend-request-signature': `${h['x-extend-request-signature']}ab` } };
			},
			'Invalid signature',
		],
		[
			'a signature over another timestamp',
			(b: string) => {
				const h = signedHeaders(secret, b);
				return { body: b, headers: { ...h, 'x-extend-request-timestamp': String(Number(h['x-extend-request-timestamp']) - 1) } };
			},
			'Invalid signature',
		],
		[
			'a timestamp in milliseconds',
			(b: string) => {
				const ts = String(Date.now());
				return { body: b, headers: { 'x-extend-request-timestamp': ts, 'x-extend-request-signature': computeSignature(secret, ts, b) } };
			},
			'Invalid timestamp',
		],
	])('%s → 401', async (_case, make, message) => {
		const { body: b, headers } = make(body());
		await expectRefused(await post(s.trigger.productionUrl, b, headers), 401, message, headers);
	});

	it('malformed JSON with a valid signature → 400 from the node (text/plain), 422 from n8n (application/json)', async () => {
		const b = '{"eventId":"evt_x","eventType":';
		await expectRefused(await post(s.trigger.productionUrl, b, { ...signedHeaders(secret, b), 'content-type': 'text/plain' }), 400, 'Body is not valid JSON');
		const sent = await post(s.trigger.productionUrl, b, signedHeaders(secret, b));
		expect(sent.status).toBe(422);
		expect(s.trigger.executions).toHaveLength(0);
	});

	it('malformed JSON with a bad signature → 401, not 400', async () => {
		const b = '{"eventId":';
		await expectRefused(await post(s.trigger.productionUrl, b, { ...signedHeaders('wss_x', b), 'content-type': 'text/plain' }), 401, 'Invalid signature');
	});

	it('signed JSON that is not an Extend event, or not a classify run → 400', async () => {
		for (const b of ['{"hello":"world"}', '[1,2]', '"text"', JSON.stringify({ eventId: 'evt_y', eventType: 'classify_run.processed', payload: [] })]) {
			await expectRefused(await post(s.trigger.productionUrl, b, signedHeaders(secret, b)), 400, 'Body is not an Extend event');
		}
		const other = envelope('evt_z', { object: 'extract_run', id: 'exr_1' });
		await expectRefused(await post(s.trigger.productionUrl, other, signedHeaders(secret, other)), 400, 'Payload is not a classify run');
	});

	it('a configured max age is honoured', async () => {
		s.trigger.setParameters({ events: BOTH_EVENTS, options: { maxAgeSeconds: 30 } });
		try {
			const b = body();
			await expectRefused(await post(s.trigger.productionUrl, b, signedHeaders(secret, b, -31)), 401, 'Timestamp too old');
			const ok = body();
			expect((await post(s.trigger.productionUrl, ok, signedHeaders(secret, ok, -25))).status).toBe(200);
			s.trigger.executions.length = 0;
		} finally {
			s.trigger.setParameters({ events: BOTH_EVENTS });
		}
	});

	it('no stored secret → 401 for everything, with a warning that says what to do', async () => {
		const key = 'node:Extend Trigger';
		const saved = { ...(s.trigger.staticData[key] as Record<string, unknown>) };
		delete (s.trigger.staticData[key] as Record<string, unknown>).signingSecret;
		try {
			const b = body();
			await expectRefused(await post(s.trigger.productionUrl, b, signedHeaders(secret, b)), 401, 'Webhook signing secret is not set up');
			expect(s.trigger.logs).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringMatching(/deactivate and activate/) }));
		} finally {
			s.trigger.staticData[key] = saved;
		}
	});

	it('no log line carries the secret', () => {
		expect(JSON.stringify(s.trigger.logs)).not.toContain(secret);
	});
});
