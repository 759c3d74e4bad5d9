import type { IDataObject } from 'n8n-workflow';

import {
	claimEvent,
	DEDUPE_MAX_BYTES,
	DEDUPE_WINDOW_SECONDS,
	forgetClaims,
	isDuplicateEvent,
	rememberEvent,
} from '../../../nodes/ExtendTrigger/dedupe';

const t0 = 1_700_000_000_000;
const REPLAY_WINDOW = 360;
const bytesOf = (data: IDataObject) => JSON.stringify(data.seenEvents).length;

describe('rememberEvent / isDuplicateEvent (static data)', () => {
	it('remembers accepted ids and forgets them after the window', () => {
		const data: IDataObject = {};
		expect(isDuplicateEvent(data, 'evt_1', t0)).toBe(false);
		rememberEvent(data, 'evt_1', t0, REPLAY_WINDOW);
		expect(isDuplicateEvent(data, 'evt_1', t0 + 1000)).toBe(true);
		expect(isDuplicateEvent(data, 'evt_2', t0 + 1000)).toBe(false);
		expect(isDuplicateEvent(data, 'evt_1', t0 + DEDUPE_WINDOW_SECONDS * 1000)).toBe(true);
		expect(isDuplicateEvent(data, 'evt_1', t0 + (DEDUPE_WINDOW_SECONDS + 1) * 1000)).toBe(false);
	});

	const id = (i: number) => `evt_${String(i).padStart(40, '0')}`;
	/** `count` remembered ids, one per `stepMs`, the newest `ageMs` before t0, as loaded from the database. */
	const stored = (count: number, stepMs: number, ageMs: number): IDataObject =>
		JSON.parse(
			JSON.stringify({ seenEvents: Array.from({ length: count }, (_, i) => ({ id: id(i), at: Math.floor((t0 - ageMs - (count - 1 - i) * stepMs) / 1000) })) }),
		) as IDataObject;

	it('stays within its byte budget by dropping the oldest ids', () => {
		const data = stored(6000, 1000, 0); // one per second: most are older than the replay window
		expect(bytesOf(data)).toBeGreaterThan(DEDUPE_MAX_BYTES);
		rememberEvent(data, 'evt_new', t0, REPLAY_WINDOW);
		expect(bytesOf(data)).toBeLessThanOrEqual(DEDUPE_MAX_BYTES);
		expect(bytesOf(data)).toBeGreaterThan(DEDUPE_MAX_BYTES - 100);
		expect(isDuplicateEvent(data, id(0), t0)).toBe(false);
		expect(isDuplicateEvent(data, id(5999), t0)).toBe(true);
		expect(isDuplicateEvent(data, 'evt_new', t0)).toBe(true);
	});

	it('never drops an id younger than the replay window, whatever the rate (the old 500-id cap did)', () => {
		const data = stored(6000, 10, 0); // 6,000 events within 60 s (100/s), more than the budget holds
		rememberEvent(data, 'evt_new', t0, REPLAY_WINDOW);
		expect(bytesOf(data)).toBeGreaterThan(DEDUPE_MAX_BYTES);
		expect((data.seenEvents as unknown[]).length).toBe(6001);
		expect(isDuplicateEvent(data, id(0), t0)).toBe(true);
		// Once they are older than the window, the budget applies again.
		const later = t0 + (REPLAY_WINDOW + 61) * 1000;
		rememberEvent(data, 'evt_later', later, REPLAY_WINDOW);
		expect(bytesOf(data)).toBeLessThanOrEqual(DEDUPE_MAX_BYTES);
		expect(isDuplicateEvent(data, id(5999), later)).toBe(true);
		expect(isDuplicateEvent(data, 'evt_later', later)).toBe(true);
	});

	it('assigns a new list instead of mutating, and ignores garbage', () => {
		const data: IDataObject = { seenEvents: [{ id: 'evt_a', at: 1_700_000_000 }, 'junk', { id: 3 }] as unknown as IDataObject[] };
		const before = data.seenEvents;
		rememberEvent(data, 'evt_b', t0, REPLAY_WINDOW);
		expect(data.seenEvents).not.toBe(before);
		expect(data.seenEvents).toEqual([
			{ id: 'evt_a', at: 1_700_000_000 },
			{ id: 'evt_b', at: 1_700_000_000 },
		]);
	});
});

describe('claimEvent (this process)', () => {
	beforeEach(() => forgetClaims());

	it('holds off a second delivery while the first is being received, and lets it in after a release', () => {
		const first = claimEvent('wf/node/webhook', 'evt_1', t0);
		expect(first.ok).toBe(true);
		expect(claimEvent('wf/node/webhook', 'evt_1', t0 + 10)).toEqual({ ok: false, state: 'receiving' });
		expect(claimEvent('wf/node/manual', 'evt_1', t0 + 10).ok).toBe(true); // another scope
		if (first.ok) first.release();
		expect(claimEvent('wf/node/webhook', 'evt_1', t0 + 20).ok).toBe(true);
	});

	it('remembers an accepted event, so a redelivery is refused before its static data is saved', () => {
		const first = claimEvent('s', 'evt_1', Date.now());
		if (!first.ok) throw new Error('claim refused');
		first.accept();
		first.release(); // no effect once accepted
		expect(claimEvent('s', 'evt_1', Date.now())).toEqual({ ok: false, state: 'accepted' });
		expect(claimEvent('s', 'evt_1', Date.now() + (DEDUPE_WINDOW_SECONDS + 1) * 1000).ok).toBe(true);
	});

	it('lets a claim that never settles expire after a minute', () => {
		expect(claimEvent('s', 'evt_1', t0).ok).toBe(true);
		expect(claimEvent('s', 'evt_1', t0 + 59_000).ok).toBe(false);
		expect(claimEvent('s', 'evt_1', t0 + 60_000).ok).toBe(true);
	});
});
