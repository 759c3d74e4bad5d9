// Get, list, cancel and delete runs through the node, against the emulator.
import { startEmulator, type Emulator } from '../../../../emulator';
import { runExtend, classifyParams } from '../../../../support/extendNode';
import { DOCS } from '../documents';

describe('classify run operations', () => {
	let emulator: Emulator;
	let runIds: string[];
	beforeAll(async () => {
		emulator = await startEmulator({ latencyMs: 50 });
		const done = await runExtend(emulator.baseUrl, classifyParams({ simplify: true }), [
			{ json: { text: DOCS.invoice } },
			{ json: { text: DOCS.receipt } },
			{ json: { text: DOCS.contract } },
		]);
		runIds = done.items.map((i) => String(i.json.runId));
	});
	afterAll(async () => await emulator.stop());

	it('gets runs by id, full or simplified, one output per input item', async () => {
		const result = await runExtend(
			emulator.baseUrl,
			{ resource: 'classifyRun', operation: 'get', runId: '={{ $json.id }}', simplify: true },
			runIds.map((id) => ({ json: { id } })),
		);
		expect(result.status).toBe('success');
		expect(result.items.map((i) => i.json.classificationType)).toEqual(['invoice', 'receipt', 'contract']);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('reports an unknown run as a clear NOT_FOUND error', async () => {
		const result = await runExtend(emulator.baseUrl, { resource: 'classifyRun', operation: 'get', runId: 'clr_does_not_exist' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Extend GET \/classify_runs\/clr_does_not_exist failed: NOT_FOUND/);
		expect((result.error as { description?: string }).description).toMatch(/Request ID: req_/);
	});

	it('lists runs with a limit, and all of them across pages', async () => {
		const limited = await runExtend(emulator.baseUrl, { resource: 'classifyRun', operation: 'getAll', returnAll: false, limit: 2 });
		expect(limited.items).toHaveLength(2);
		expect(limited.items[0].json).not.toHaveProperty('output');

		const all = await runExtend(emulator.baseUrl, { resource: 'classifyRun', operation: 'getAll', returnAll: true, filters: { status: 'PROCESSED' }, sort: { sortDir: 'asc' } });
		expect(all.items.map((i) => i.json.id)).toEqual(runIds);
		// The Classifier filter is the classifier picker; inline runs have no classifier, so none match.
		const byClassifier = await runExtend(emulator.baseUrl, {
			resource: 'classifyRun',
			operation: 'getAll',
			returnAll: true,
			filters: { classifierId: { __rl: true, mode: 'list', value: 'cl_document_types' } },
		});
		expect(byClassifier.status).toBe('success');
		expect(byClassifier.items.map((i) => i.json.id)).not.toEqual(expect.arrayContaining(runIds));
	});

	it('cancels a processing run, and explains why a finished one cannot be cancelled', async () => {
		const submitted = await runExtend(emulator.baseUrl, classifyParams({ mode: 'submitOnly', options: { metadata: '{"emulator:latencyMs": 30000}' } }), [{ json: { text: DOCS.resume } }]);
		const id = String(submitted.items[0].json.id);
		const cancelled = await runExtend(emulator.baseUrl, { resource: 'classifyRun', operation: 'cancel', runId: id });
		expect(cancelled.items[0].json).toMatchObject({ id, status: 'CANCELLED' });

		const again = await runExtend(emulator.baseUrl, { resource: 'classifyRun', operation: 'cancel', runId: runIds[0] });
		expect(again.status).toBe('error');
		expect(again.error?.message).toMatch(/terminal/i);
	});

	it('deletes a run, after which it is gone', async () => {
		const deleted = await runExtend(emulator.baseUrl, { resource: 'classifyRun', operation: 'delete', runId: runIds[2] });
		expect(deleted.items[0].json).toEqual({ id: runIds[2], deleted: true });
		const gone = await runExtend(emulator.baseUrl, { resource: 'classifyRun', operation: 'get', runId: { __rl: true, mode: 'url', value: `https://dashboard.extend.ai/runs/${runIds[2]}` } });
		expect(gone.error?.message).toMatch(/NOT_FOUND/);
	});
});
