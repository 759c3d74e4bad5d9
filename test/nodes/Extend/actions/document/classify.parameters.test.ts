// Parameters as users set them in the editor: the Document Source chosen per item by an expression,
// and numbers that an expression turned into text. Judged by n8n's own parameter check (what the
// editor and `n8n execute` refuse to run), the items out, and the requests the emulator counted.
import { NodeHelpers, type INode, type INodeParameters } from 'n8n-workflow';

import { Extend } from '../../../../../nodes/Extend/Extend.node';
import { startEmulator, type Emulator } from '../../../../emulator';
import { classifyParams, runExtend } from '../../../../support/extendNode';
import { DOCS } from '../documents';

const requests = (emulator: Emulator, key: string) => emulator.stats().requests[key] ?? 0;

function issuesOf(parameters: INodeParameters) {
	const description = new Extend().description;
	const node: INode = { id: 'x', name: 'Extend', type: 'n8n-nodes-extend.extend', typeVersion: 1, position: [0, 0], parameters };
	const withDefaults = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	return NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters: withDefaults }, description);
}

describe('Classify File: parameters as users set them', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator({ latencyMs: 30 })));
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.resetStats());

	describe('Document Source by expression', () => {
		const perItem = classifyParams({ documentSource: '={{ $json.source }}', url: '={{ $json.url }}', text: '={{ $json.text }}', fileId: '={{ $json.fileId }}' });

		it("has no parameter issues in n8n's check although the other sources' fields are empty", () => {
			// n8n shows every field of every source when the source is an expression, and then
			// reports the empty required ones ("Parameter 'File ID' is required").
			expect(issuesOf(classifyParams({ documentSource: '={{ $json.source }}', url: '={{ $json.url }}' }))).toBeNull();
			expect(issuesOf(classifyParams({ documentSource: '={{ $json.source }}', classifierSource: 'saved', classifierId: { __rl: true, mode: 'id', value: 'cl_document_types' } }))).toBeNull();
		});

		it('classifies each item from its own source', async () => {
			const upload = await runExtend(emulator.baseUrl, { resource: 'file', operation: 'upload', binaryPropertyName: 'data' }, [
				{ json: {}, binary: { data: { data: Buffer.from(DOCS.resume).toString('base64'), mimeType: 'text/plain', fileName: 'cv.txt' } } },
			]);
			const fileId = String(upload.items[0].json.id);
			const result = await runExtend(emulator.baseUrl, perItem, [
				{ json: { source: 'text', text: DOCS.invoice } },
				{ json: { source: 'url', url: `${emulator.baseUrl}/__samples/receipt.txt` } },
				{ json: { source: 'fileId', fileId } },
			]);
			expect(result.status).toBe('success');
			expect(result.items.map((i) => (i.json.output as { type: string }).type)).toEqual(['invoice', 'receipt', 'resume']);
		});

		it('an item whose expression gives an unknown source fails, naming the value', async () => {
			const result = await runExtend(emulator.baseUrl, perItem, [{ json: { source: 'email', text: DOCS.invoice } }, { json: { source: 'text', text: DOCS.invoice } }], {
				continueOnFail: true,
			});
			expect(result.items[0].json.error).toBe('"Document Source" must be binary, url, fileId or text, but it is "email"');
			expect(result.items[1].json).toMatchObject({ output: { type: 'invoice' } });
		});
	});

	describe('numbers from expressions', () => {
		it('Max Wait "soon" fails the item with the parameter and the value, and never polls', async () => {
			const result = await runExtend(emulator.baseUrl, classifyParams({ options: { maxWaitSeconds: '={{ "soon" }}' } }), [{ json: { text: DOCS.invoice } }], {
				continueOnFail: true,
			});
			expect(result.items[0].json.error).toBe('"Max Wait (Seconds)" must be a number of at least 1, but it is "soon"');
			expect(requests(emulator, 'GET /classify_runs/{id}')).toBe(0);
			expect(emulator.stats().runsCreated).toBe(0);
		});

		it('Concurrency "ten" fails every item (none is lost silently) and creates no run', async () => {
			const input = [1, 2, 3].map(() => ({ json: { text: DOCS.invoice } }));
			const result = await runExtend(emulator.baseUrl, classifyParams({ options: { concurrency: '={{ "ten" }}' } }), input, { continueOnFail: true });
			expect(result.items).toHaveLength(3);
			for (const item of result.items) expect(item.json.error).toMatch(/"Concurrency" must be a whole number .*but it is "ten"/);
			expect(emulator.stats().runsCreated).toBe(0);
		});

		it('a number typed as text by an expression ("2") is taken', async () => {
			const input = [1, 2].map(() => ({ json: { text: DOCS.invoice } }));
			const result = await runExtend(emulator.baseUrl, classifyParams({ options: { concurrency: '={{ "2" }}', maxWaitSeconds: '={{ "60" }}' } }), input);
			expect(result.status).toBe('success');
			expect(result.items.map((i) => (i.json.output as { type: string }).type)).toEqual(['invoice', 'invoice']);
		});
	});
});
