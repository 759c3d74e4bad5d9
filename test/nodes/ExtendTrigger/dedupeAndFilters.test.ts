import type { IDataObject } from 'n8n-workflow';

import {
	DEDUPE_MAX_EVENTS,
	DEDUPE_WINDOW_SECONDS,
	isDuplicateEvent,
	rememberEvent,
} from '../../../nodes/ExtendTrigger/dedupe';
import { checkFilters, filtersFromOptions, parseList } from '../../../nodes/ExtendTrigger/filters';

describe('dedupe', () => {
	const t0 = 1_700_000_000_000;

	it('remembers accepted ids and forgets them after the window', () => {
		const data: IDataObject = {};
		expect(isDuplicateEvent(data, 'evt_1', t0)).toBe(false);
		rememberEvent(data, 'evt_1', t0);
		expect(isDuplicateEvent(data, 'evt_1', t0 + 1000)).toBe(true);
		expect(isDuplicateEvent(data, 'evt_2', t0 + 1000)).toBe(false);
		expect(isDuplicateEvent(data, 'evt_1', t0 + DEDUPE_WINDOW_SECONDS * 1000)).toBe(true);
		expect(isDuplicateEvent(data, 'evt_1', t0 + (DEDUPE_WINDOW_SECONDS + 1) * 1000)).toBe(false);
	});

	it('keeps at most the newest ids, and survives a JSON round trip (the database)', () => {
		let data: IDataObject = {};
		for (let i = 0; i < DEDUPE_MAX_EVENTS + 20; i++) {
			rememberEvent(data, `evt_${i}`, t0 + i);
			data = JSON.parse(JSON.stringify(data)) as IDataObject;
		}
		expect((data.seenEvents as unknown[]).length).toBe(DEDUPE_MAX_EVENTS);
		expect(isDuplicateEvent(data, 'evt_0', t0 + 10_000)).toBe(false);
		expect(isDuplicateEvent(data, `evt_${DEDUPE_MAX_EVENTS + 19}`, t0 + 10_000)).toBe(true);
	});

	it('assigns a new list instead of mutating, and ignores garbage', () => {
		const data: IDataObject = { seenEvents: [{ id: 'evt_a', at: 1_700_000_000 }, 'junk', { id: 3 }] as unknown as IDataObject[] };
		const before = data.seenEvents;
		rememberEvent(data, 'evt_b', t0);
		expect(data.seenEvents).not.toBe(before);
		expect(data.seenEvents).toEqual([
			{ id: 'evt_a', at: 1_700_000_000 },
			{ id: 'evt_b', at: 1_700_000_000 },
		]);
	});
});

describe('filters', () => {
	const processed = (id: string, type: string, confidence: number): IDataObject => ({
		object: 'classify_run',
		status: 'PROCESSED',
		output: { id, type, confidence, insights: [] },
	});

	it('parses comma-separated and multi-value lists', () => {
		expect(parseList(' invoice, receipt ,,')).toEqual(['invoice', 'receipt']);
		expect(parseList(['a', ' b '])).toEqual(['a', 'b']);
		expect(parseList(undefined)).toEqual([]);
	});

	it('passes everything without filters', () => {
		expect(checkFilters(processed('x', 'y', 0.1), 'classify_run.processed', filtersFromOptions({}))).toEqual({ pass: true });
	});

	it('matches a classification by id or type, in any case', () => {
		const filters = filtersFromOptions({ classifications: 'Invoice, bank_statement' });
		expect(checkFilters(processed('inv', 'invoice', 0.9), 'classify_run.processed', filters).pass).toBe(true);
		expect(checkFilters(processed('bank_statement', 'statement', 0.9), 'classify_run.processed', filters).pass).toBe(true);
		expect(checkFilters(processed('receipt', 'receipt', 0.9), 'classify_run.processed', filters)).toEqual({
			pass: false,
			reason: 'classification not selected',
		});
	});

	it('applies a minimum confidence (clamped to 0..1)', () => {
		const filters = filtersFromOptions({ minConfidence: 0.8 });
		expect(checkFilters(processed('a', 'a', 0.8), 'classify_run.processed', filters).pass).toBe(true);
		expect(checkFilters(processed('a', 'a', 0.79), 'classify_run.processed', filters).pass).toBe(false);
		expect(filtersFromOptions({ minConfidence: 7 }).minConfidence).toBe(1);
		expect(filtersFromOptions({ minConfidence: -1 }).minConfidence).toBe(0);
		expect(filtersFromOptions({ minConfidence: 'x' }).minConfidence).toBe(0);
	});

	it('lets failed runs through: they have no classification', () => {
		const filters = filtersFromOptions({ classifications: 'invoice', minConfidence: 0.9 });
		const failed = { object: 'classify_run', status: 'FAILED', output: null };
		expect(checkFilters(failed, 'classify_run.failed', filters).pass).toBe(true);
	});
});
