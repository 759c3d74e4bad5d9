import type { IDataObject } from 'n8n-workflow';

import { checkFilters, parseList, type RunFilters } from '../../../nodes/ExtendTrigger/filters';

const filters = (partial: Partial<RunFilters> = {}): RunFilters => ({ classifications: [], minConfidence: 0, ...partial });

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
		expect(checkFilters(processed('x', 'y', 0.1), 'classify_run.processed', filters())).toEqual({ pass: true });
	});

	it('matches a classification by id or type, in any case', () => {
		const wanted = filters({ classifications: parseList('Invoice, bank_statement') });
		expect(checkFilters(processed('inv', 'invoice', 0.9), 'classify_run.processed', wanted).pass).toBe(true);
		expect(checkFilters(processed('bank_statement', 'statement', 0.9), 'classify_run.processed', wanted).pass).toBe(true);
		expect(checkFilters(processed('receipt', 'receipt', 0.9), 'classify_run.processed', wanted)).toEqual({
			pass: false,
			reason: 'classification not selected',
		});
	});

	it('applies a minimum confidence', () => {
		const wanted = filters({ minConfidence: 0.8 });
		expect(checkFilters(processed('a', 'a', 0.8), 'classify_run.processed', wanted).pass).toBe(true);
		expect(checkFilters(processed('a', 'a', 0.79), 'classify_run.processed', wanted)).toEqual({
			pass: false,
			reason: 'confidence below minimum',
		});
	});

	it('filters out a processed run without a confidence when a minimum is set', () => {
		const noConfidence = { object: 'classify_run', status: 'PROCESSED', output: { id: 'a', type: 'a' } };
		expect(checkFilters(noConfidence, 'classify_run.processed', filters({ minConfidence: 0.1 }))).toEqual({ pass: false, reason: 'confidence below minimum' });
		expect(checkFilters({ object: 'classify_run', status: 'PROCESSED' }, 'classify_run.processed', filters({ classifications: ['a'] })).pass).toBe(false);
	});

	it('lets failed runs through: they have no classification', () => {
		const failed = { object: 'classify_run', status: 'FAILED', output: null };
		expect(checkFilters(failed, 'classify_run.failed', filters({ classifications: ['invoice'], minConfidence: 0.9 })).pass).toBe(true);
	});
});
