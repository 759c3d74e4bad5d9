// Classify File in every mode and from every document source, against the emulator over loopback.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulator, type Emulator } from '../../../../emulator';
import { call } from '../../../../emulator/tests/helpers';
import { binaryItem, classifyParams, runExtend } from '../../../../support/extendNode';
import { DOCS } from '../documents';

const SAMPLES = join(__dirname, '../../../../emulator/samples');

describe('Classify File: modes and document sources', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator({ latencyMs: 150 })));
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.resetStats());

	it('waits for the result by default: one POST, polls, and every classify_run field on the item', async () => {
		const result = await runExtend(emulator.baseUrl, classifyParams(), [{ json: { text: DOCS.invoice } }]);
		expect(result.status).toBe('success');
		const run = result.items[0].json;
		expect(run).toMatchObject({ object: 'classify_run', status: 'PROCESSED', output: { id: 'invoice', type: 'invoice' } });
		for (const field of ['id', 'output', 'classifier', 'classifierVersion', 'initialOutput', 'reviewedOutput', 'failureReason', 'failureMessage', 'metadata', 'reviewed', 'edited', 'config', 'file', 'parseRunId', 'dashboardUrl', 'usage', 'createdAt', 'updatedAt']) {
			expect(run).toHaveProperty(field);
		}
		expect(run.id).toMatch(/^clr_/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const stats = emulator.stats();
		expect(stats.requests['POST /classify_runs']).toBe(1);
		expect(stats.requests['GET /classify_runs/{id}']).toBeGreaterThanOrEqual(1);
		expect(stats.requests['POST /classify']).toBeUndefined();
	});

	it('classifies synchronously with POST /classify and no polling', async () => {
		const result = await runExtend(emulator.baseUrl, classifyParams({ mode: 'sync' }), [{ json: { text: DOCS.contract } }]);
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ status: 'PROCESSED', output: { type: 'contract' } });
		const stats = emulator.stats();
		expect(stats.requests['POST /classify']).toBe(1);
		expect(stats.requests['GET /classify_runs/{id}']).toBeUndefined();
	});

	it('submits only: returns the run at once, still processing, with correlation metadata', async () => {
		const result = await runExtend(emulator.baseUrl, classifyParams({ mode: 'submitOnly', options: { priority: 10 } }), [{ json: { text: DOCS.receipt } }]);
		expect(result.status).toBe('success');
		const run = result.items[0].json;
		expect(['PENDING', 'PROCESSING']).toContain(run.status);
		expect(run.output).toBeNull();
		expect(run.metadata).toMatchObject({ n8n: { executionId: 'exec-test-1', itemIndex: 0, nodeName: 'Under Test' } });
		expect(emulator.stats().requests['GET /classify_runs/{id}']).toBeUndefined();
		const finished = await emulator.waitForRun(String(run.id));
		expect(finished.output?.type).toBe('receipt');
	});

	it('uploads a binary file (name and type kept) and classifies it by file id', async () => {
		const pdf = readFileSync(join(SAMPLES, 'invoice.pdf'));
		const result = await runExtend(
			emulator.baseUrl,
			classifyParams({ documentSource: 'binary', binaryPropertyName: 'data' }),
			[binaryItem(pdf, 'invoice-2026-0042.pdf', 'application/pdf')],
		);
		expect(result.status).toBe('success');
		const run = result.items[0].json as { output: { type: string }; file: { id: string; name: string; type: string } };
		expect(run.output.type).toBe('invoice');
		expect(run.file).toMatchObject({ name: 'invoice-2026-0042.pdf', type: 'PDF' });
		expect(run.file.id).toMatch(/^file_/);
		expect(emulator.stats().requests['POST /files/upload']).toBe(1);
	});

	it('classifies a URL, and an Extend file id', async () => {
		const byUrl = await runExtend(
			emulator.baseUrl,
			classifyParams({ documentSource: 'url', url: `${emulator.baseUrl}/__samples/contract.pdf`, documentOptions: { fileName: 'msa.pdf' } }),
		);
		expect(byUrl.status).toBe('success');
		expect(byUrl.items[0].json).toMatchObject({ output: { type: 'contract' }, file: { name: 'msa.pdf' } });

		const fileId = (byUrl.items[0].json.file as { id: string }).id;
		const byId = await runExtend(emulator.baseUrl, classifyParams({ documentSource: 'fileId', fileId }));
		expect(byId.status).toBe('success');
		expect(byId.items[0].json).toMatchObject({ output: { type: 'contract' }, file: { id: fileId } });
	});

	it('uses a saved classifier from the list by id, version and override config', async () => {
		const result = await runExtend(
			emulator.baseUrl,
			classifyParams({
				classifierSource: 'saved',
				classifierId: { __rl: true, mode: 'list', value: 'cl_document_types' },
				classifierVersion: 'specific',
				classifierVersionNumber: '1.0',
				options: { overrideConfig: '{"classificationRules": "Bills are invoices."}' },
			}),
			[{ json: { text: DOCS.resume } }],
		);
		expect(result.status).toBe('success');
		const run = result.items[0].json as Record<string, any>;
		expect(run.output.type).toBe('resume');
		expect(run.classifier.id).toBe('cl_document_types');
		expect(run.classifierVersion.version).toBe('1.0');
		expect(run.config.classificationRules).toBe('Bills are invoices.');
	});

	it('sends the inline config as configured and adds the "other" class automatically', async () => {
		const result = await runExtend(
			emulator.baseUrl,
			classifyParams({
				configOptions: { baseProcessor: 'classification_light', classificationRules: 'Prefer invoice over receipt.', context: 'max', memoryEnabled: true, pageRanges: '1-2, 5' },
			}),
			[{ json: { text: DOCS.other } }],
		);
		expect(result.status).toBe('success');
		const run = result.items[0].json as Record<string, any>;
		expect(run.output.type).toBe('other');
		expect(run.classifier).toBeNull();
		expect(run.config).toMatchObject({
			baseProcessor: 'classification_light',
			classificationRules: 'Prefer invoice over receipt.',
			advancedOptions: { context: 'max', memoryEnabled: true, pageRanges: [{ start: 1, end: 2 }, { start: 5, end: 5 }] },
		});
		expect(run.config.classifications.map((c: { type: string }) => c.type)).toEqual(['invoice', 'receipt', 'contract', 'resume', 'other']);
	});

	it('simplifies, keeps input data and binary on request, and stores metadata with usage tags', async () => {
		const input = binaryItem('hello', 'x.txt', 'text/plain', { text: DOCS.invoice, customer: 'c-42' });
		const result = await runExtend(
			emulator.baseUrl,
			classifyParams({ simplify: true, options: { includeInputData: true, metadata: '{"customer":"c-42"}', usageTags: 'prod, team ops!, prod' } }),
			[input],
		);
		expect(result.status).toBe('success');
		const item = result.items[0];
		expect(item.json).toMatchObject({ customer: 'c-42', text: DOCS.invoice, status: 'PROCESSED', classificationType: 'invoice', classificationId: 'invoice' });
		expect(item.json.reasoning).toEqual(expect.any(String));
		expect(item.json.confidence).toBeGreaterThan(0);
		expect(item.json).not.toHaveProperty('metadata'); // the flat view leaves it to the full run
		expect(item.binary?.data.fileName).toBe('x.txt');
		const stored = (await call(emulator, 'GET', `/classify_runs/${String(item.json.runId)}`)).json;
		expect(stored.metadata).toMatchObject({ customer: 'c-42', 'extend:usage_tags': ['prod', 'teamops'] });
	});

	it('can leave correlation metadata out', async () => {
		const result = await runExtend(emulator.baseUrl, classifyParams({ mode: 'submitOnly', options: { addCorrelation: false } }), [{ json: { text: DOCS.invoice } }]);
		expect(result.items[0].json.metadata).toBeNull();
	});
});
