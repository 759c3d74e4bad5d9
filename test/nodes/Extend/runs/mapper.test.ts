import { classifyRunToJson, simplifyRun } from '../../../../nodes/Extend/runs/mapper';
import { isTerminal } from '../../../../nodes/Extend/runs/status';

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

	it('simplifies to a flat view', () => {
		expect(simplifyRun(run)).toEqual({
			runId: 'clr_1', status: 'PROCESSED', classificationId: 'invoice', classificationType: 'invoice', confidence: 0.93,
			reasoning: 'Mentions an invoice number and a total due.', failureReason: null, failureMessage: null, classifierId: 'cl_1',
			fileId: 'file_1', fileName: 'a.pdf', credits: 2, dashboardUrl: 'https://dashboard.extend.ai/runs/clr_1', metadata: { n8n: { itemIndex: 0 } },
		});
	});

	it('simplifies a failed run without output', () => {
		const failed = simplifyRun({ id: 'clr_2', status: 'FAILED', output: null, failureReason: 'SOMETHING_NEW', failureMessage: 'boom' });
		expect(failed).toMatchObject({ runId: 'clr_2', classificationType: null, reasoning: null, failureReason: 'SOMETHING_NEW', failureMessage: 'boom' });
	});

	it('knows which statuses are still running', () => {
		for (const s of ['PENDING', 'PROCESSING', 'CANCELLING']) expect(isTerminal(s)).toBe(false);
		for (const s of ['PROCESSED', 'FAILED', 'CANCELLED', 'SOME_NEW_STATUS']) expect(isTerminal(s)).toBe(true);
	});
});
