// The pure parts of the batch events: the runs' input order, the claim that outlasts a batch's
// fetch, the description the editor shows.
import { ExtendTrigger } from '../../../nodes/ExtendTrigger/ExtendTrigger.node';
import { ANSWER_WITHIN_MS, BATCH_FETCH_DEADLINE_MS, inInputOrder } from '../../../nodes/ExtendTrigger/batch';
import { claimEvent, forgetClaims } from '../../../nodes/ExtendTrigger/dedupe';
import { isBatchEvent } from '../../../nodes/ExtendTrigger/events';
import { submittedHereWithSubmitOnly } from '../../../nodes/ExtendTrigger/filters';

const n8n = (itemIndex: number) => ({ metadata: { n8n: { itemIndex } } });

describe('inInputOrder', () => {
	it('keeps the listed order and drops a run listed twice', () => {
		expect(inInputOrder([{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'c' }, {}]).map((r) => r.id)).toEqual(['a', 'b', 'c']);
	});

	it("orders by the Extend node's item index when every run carries one", () => {
		expect(inInputOrder([{ id: 'c', ...n8n(2) }, { id: 'a', ...n8n(0) }, { id: 'b', ...n8n(1) }]).map((r) => r.id)).toEqual(['a', 'b', 'c']);
		expect(inInputOrder([{ id: 'c', ...n8n(2) }, { id: 'x' }, { id: 'a', ...n8n(0) }]).map((r) => r.id)).toEqual(['c', 'x', 'a']);
	});
});

describe('a batch event', () => {
	afterEach(() => forgetClaims());

	it('is one of the two batch_processor_run events', () => {
		expect(['batch_processor_run.processed', 'batch_processor_run.failed', 'classify_run.processed', 'batch_parse_run.completed'].map(isBatchEvent)).toEqual([true, true, false, false]);
	});

	it('is answered before Extend gives up (30 s), and its claim holds for the whole fetch', () => {
		expect(ANSWER_WITHIN_MS).toBeLessThan(30_000);
		const now = Date.now();
		expect(claimEvent('scope', 'evt_batch', now, BATCH_FETCH_DEADLINE_MS + 60_000).ok).toBe(true);
		// Two minutes later (a run's claim would have expired) another delivery is still held off.
		expect(claimEvent('scope', 'evt_batch', now + 120_000)).toEqual({ ok: false, state: 'receiving' });
		expect(claimEvent('scope', 'evt_run', now).ok).toBe(true);
		expect(claimEvent('scope', 'evt_run', now + 120_000).ok).toBe(true);
	});

	it('"Only Runs Submitted Here" looks at each run\'s correlation block', () => {
		const run = (mode: string, instanceId: string) => ({ metadata: { n8n: { mode, instanceId, itemIndex: 0 } } });
		expect(submittedHereWithSubmitOnly(run('submitOnly', 'me'), 'me')).toBe(true);
		expect(submittedHereWithSubmitOnly(run('waitForResult', 'me'), 'me')).toBe(false);
		expect(submittedHereWithSubmitOnly(run('submitOnly', 'other'), 'me')).toBe(false);
		expect(submittedHereWithSubmitOnly({ metadata: null }, 'me')).toBe(false);
	});
});

describe('the description of the batch events', () => {
	const { properties } = new ExtendTrigger().description;

	it('names them Batch Processed and Batch Failed, explains one execution per batch, and offers them with automatic registration only', () => {
		const automatic = properties.find((p) => p.name === 'events' && p.displayOptions?.show?.registration?.[0] === 'automatic');
		expect(automatic?.options).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ name: 'Batch Failed', value: 'batch_processor_run.failed', description: expect.stringMatching(/one execution/) }),
				expect.objectContaining({ name: 'Batch Processed', value: 'batch_processor_run.processed', description: expect.stringMatching(/one execution/) }),
			]),
		);
		const notice = properties.find((p) => p.name === 'batchNotice');
		expect(notice).toMatchObject({ type: 'notice', displayOptions: { show: { registration: ['automatic'], events: ['batch_processor_run.failed', 'batch_processor_run.processed'] } } });
		expect(notice?.displayName).toMatch(/^One execution per batch/);
		expect(notice?.displayName.length).toBeLessThan(200);
	});

	it('keeps the existing default (Classify Run Processed) for new and old nodes', () => {
		for (const events of properties.filter((p) => p.name === 'events')) expect(events.default).toEqual(['classify_run.processed']);
	});
});
