// Route by Type: one output per classification plus Fallback, input and binary passed through.
import { NodeHelpers } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../../../emulator';
import { Extend } from '../../../../../nodes/Extend/Extend.node';
import { getClassifications } from '../../../../../nodes/Extend/methods/loadOptions';
import { createTestWorkflow, loadOptionsContext } from '../../../../harness/runNode';
import { binaryItem, classifyParams, credentialsFor, runExtend } from '../../../../support/extendNode';
import { DOCS } from '../documents';

/** The output names n8n shows for the node with these parameters (n8n evaluates the expression). */
function outputNames(parameters: Record<string, unknown>): string[] {
	const { workflow, node } = createTestWorkflow({ node: new Extend(), parameters: parameters as never });
	const outputs = NodeHelpers.getNodeOutputs(workflow, node, new Extend().description);
	return outputs.map((o) => (typeof o === 'string' ? o : (o.displayName ?? o.type)));
}

const docItem = (kind: keyof typeof DOCS, n: number) => binaryItem(`file ${n}`, `${kind}-${n}.txt`, 'text/plain', { n, text: DOCS[kind] });

describe('Classify File: Route by Type', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator({ latencyMs: 80 })));
	afterAll(async () => await emulator.stop());

	it('shows one output per inline classification, the automatic "other", and Fallback', () => {
		expect(outputNames(classifyParams({ routeByType: true }))).toEqual(['invoice', 'receipt', 'contract', 'resume', 'other', 'Fallback']);
		expect(outputNames(classifyParams({ routeByType: false }))).toEqual(['main']);
		expect(outputNames(classifyParams({ routeByType: true, mode: 'submitOnly' }))).toEqual(['main']);
	});

	it('routes a mixed batch by type with input json and binary intact, pairedItem kept', async () => {
		const kinds = ['invoice', 'resume', 'other', 'receipt', 'contract', 'invoice'] as const;
		const result = await runExtend(emulator.baseUrl, classifyParams({ routeByType: true, simplify: true }), kinds.map(docItem));
		expect(result.status).toBe('success');
		expect(result.outputs).toHaveLength(6);
		const byOutput = result.outputs.map((items) => items.map((i) => i.json.n));
		expect(byOutput).toEqual([[0, 5], [3], [4], [1], [2], []]);
		const first = result.outputs[0][0];
		expect(first.json).toMatchObject({ n: 0, text: DOCS.invoice, classificationType: 'invoice', status: 'PROCESSED' });
		expect(first.binary?.data.fileName).toBe('invoice-0.txt');
		expect(first.pairedItem).toEqual({ item: 0 });
		expect(result.outputs[1][0].pairedItem).toEqual({ item: 3 });
	});

	it('sends low-confidence runs and, with Continue On Fail, failed runs to Fallback', async () => {
		const failing = { ...docItem('receipt', 1), json: { n: 1, text: DOCS.receipt, meta: '{"emulator:fail":"PARSING_ERROR"}' } };
		const good = { ...docItem('invoice', 0), json: { n: 0, text: DOCS.invoice, meta: '{}' } };
		const result = await runExtend(
			emulator.baseUrl,
			classifyParams({ routeByType: true, fallbackBelowConfidence: 0.999, options: { metadata: '={{ $json.meta }}' } }),
			[good, failing],
			{ continueOnFail: true },
		);
		expect(result.status).toBe('success');
		const fallback = result.outputs[5];
		expect(fallback.map((i) => i.json.n)).toEqual([0, 1]);
		expect(fallback[1].json).toMatchObject({ status: 'FAILED', failureReason: 'PARSING_ERROR', error: expect.stringMatching(/failed: PARSING_ERROR/) });
		expect(fallback[1].binary?.data.fileName).toBe('receipt-1.txt');
	});

	it('names outputs from a saved classifier\'s classifications and falls back for types without an output', async () => {
		const ctx = loadOptionsContext({
			node: new Extend(),
			parameters: classifyParams({ classifierSource: 'saved', classifierId: { __rl: true, mode: 'id', value: 'cl_document_types' }, classifierVersion: 'latest', routeByType: true }),
			credentials: credentialsFor(emulator.baseUrl),
		});
		const options = await getClassifications.call(ctx);
		expect(options.map((o) => JSON.parse(String(o.value)).id)).toEqual(expect.arrayContaining(['invoice', 'receipt', 'contract', 'resume', 'other']));
		const chosen = options.filter((o) => ['invoice', 'contract'].includes(JSON.parse(String(o.value)).id)).map((o) => o.value);

		const parameters = classifyParams({
			classifierSource: 'saved',
			classifierId: { __rl: true, mode: 'id', value: 'cl_document_types' },
			routeByType: true,
			routeClassifications: chosen,
		});
		expect(outputNames(parameters)).toEqual(['invoice', 'contract', 'Fallback']);
		const result = await runExtend(emulator.baseUrl, parameters, [docItem('contract', 0), docItem('resume', 1), docItem('invoice', 2)]);
		expect(result.outputs.map((items) => items.map((i) => i.json.n))).toEqual([[2], [0], [1]]);
	});

	it('says how to fix a saved classifier whose classifications cannot be loaded', async () => {
		const ctx = loadOptionsContext({
			node: new Extend(),
			parameters: classifyParams({ classifierSource: 'saved', classifierId: { __rl: true, mode: 'id', value: 'cl_missing' }, routeByType: true }),
			credentials: credentialsFor(emulator.baseUrl),
		});
		await expect(getClassifications.call(ctx)).rejects.toThrow('Could not load the classifications of classifier cl_missing (version latest)');

		const result = await runExtend(emulator.baseUrl, classifyParams({ classifierSource: 'saved', classifierId: { __rl: true, mode: 'id', value: 'cl_document_types' }, routeByType: true }), [docItem('invoice', 0)]);
		expect(result.error?.message).toBe('Route by Type needs the classifications to route');
	});

	it('explains where a Submit Only run continues (not about a Route by Type the user did not turn on), and submits with one output', async () => {
		const notice = new Extend().description.properties.find((p) => p.name === 'submitOnlyNotice');
		expect(notice?.type).toBe('notice');
		expect(notice?.displayName).toMatch(/Extend Trigger/);
		expect(notice?.displayName).not.toMatch(/Route by Type/);
		expect(notice?.displayOptions?.show?.mode).toEqual(['submitOnly']);
		const result = await runExtend(emulator.baseUrl, classifyParams({ routeByType: true, mode: 'submitOnly' }), [docItem('invoice', 0)]);
		expect(result.outputs).toHaveLength(1);
		expect(result.items[0].json.status).toMatch(/PENDING|PROCESSING/);
	});
});
