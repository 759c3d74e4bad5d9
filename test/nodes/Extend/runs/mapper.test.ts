import { classifyRunToJson, simplifyRun } from '../../../../nodes/Extend/runs/mapper';

const run = {
	object: 'classify_run',
	id: 'clr_1',
	status: 'PROCESSED',
	output: { id: 'invoice', type: 'invoice', confidence: 0.93, insights: [{ type: 'reasoning', content: 'Mentions an invoice number and a total due.' }] },
	classifier: { object: 'classifier', id: 'cl_1', name: 'Docs', createdAt: 'x', updatedAt: 'y' },
	classifierVersion: null,
	initialOutput: null,
	reviewedOutput: null,
	failureReason: null,
	failureMessage: null,
	metadata: { n8n: { itemIndex: 0 } },
	reviewed: false,
	edited: false,
	config: { classifications: [] },
	file: { object: 'file', id: 'file_1', name: 'a.pdf' },
	parseRunId: 'pr_1',
	dashboardUrl: 'https://dashboard.extend.ai/runs/clr_1',
	usage: { credits: 2 },
	createdAt: '2026-11-23T00:00:00Z',
	updatedAt: '2026-11-23T00:00:01Z',
	someFutureField: { kept: true },
};

describe('classify_run mapper', () => {
	it('keeps every field as Extend names it, unknown ones included, as a copy', () => {
		const json = classifyRunToJson(run);
		expect(json).toEqual(run);
		expect(json).not.toBe(run);
	});

	it('simplifies a processed run to at most 10 flat fields, the classification first, no correlation block', () => {
		const flat = simplifyRun(run);
		expect(flat).toEqual({
			classificationType: 'invoice', confidence: 0.93, reasoning: 'Mentions an invoice number and a total due.', classificationId: 'invoice',
			status: 'PROCESSED', runId: 'clr_1', fileName: 'a.pdf', fileId: 'file_1', classifierId: 'cl_1', dashboardUrl: 'https://dashboard.extend.ai/runs/clr_1',
		});
		expect(Object.keys(flat).slice(0, 3)).toEqual(['classificationType', 'confidence', 'reasoning']);
		expect(Object.keys(flat).length).toBeLessThanOrEqual(10);
		expect(Object.values(flat).every((v) => typeof v !== 'object' || v === null)).toBe(true);
	});

	it('simplifies a failed run to its status and failure, without classification fields', () => {
		const failed = simplifyRun({ id: 'clr_2', status: 'FAILED', output: null, failureReason: 'SOMETHING_NEW', failureMessage: 'boom' });
		expect(failed).toEqual({
			status: 'FAILED', failureReason: 'SOMETHING_NEW', failureMessage: 'boom', runId: 'clr_2', fileName: null, fileId: null, classifierId: null, dashboardUrl: null,
		});
	});

	it('keeps the classification of a run still being reviewed, and the status of one still processing', () => {
		expect(simplifyRun({ id: 'clr_3', status: 'PROCESSING', output: null })).toMatchObject({ status: 'PROCESSING', runId: 'clr_3' });
		expect(simplifyRun({ id: 'clr_4', status: 'NEEDS_REVIEW', output: { type: 'receipt', confidence: 0.5 } })).toMatchObject({ classificationType: 'receipt', status: 'NEEDS_REVIEW' });
	});

	it('joins the reasoning insights in order for the flat view, skipping other insights, null without one', () => {
		const reasoning = (insights: unknown) => simplifyRun({ status: 'PROCESSED', output: { type: 'invoice', insights } }).reasoning;
		const insights = [
			{ type: 'reasoning', content: 'Has an invoice number.' },
			{ type: 'citation', content: 'page 1' },
			{ type: 'reasoning', content: 'Shows an amount due.' },
			{ type: 'reasoning', content: 42 },
		];
		expect(reasoning(insights)).toBe('Has an invoice number.\nShows an amount due.');
		expect(reasoning([{ type: 'citation', content: 'page 1' }])).toBeNull();
		expect(reasoning('none')).toBeNull();
		expect(reasoning(undefined)).toBeNull();
	});
});
