// n8n's "On Error" node setting, checked on the output n8n routes each item to.
import { startEmulator, type Emulator } from '../../../emulator';
import { binaryItem, classifyParams, runExtend } from '../../../support/extendNode';
import { DOCS } from './documents';

describe('On Error: Continue (regular output) and Continue (using error output)', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator({ latencyMs: 50 })));
	afterAll(async () => await emulator.stop());

	const operations = [
		['Classify File', classifyParams(), [{ json: { text: DOCS.invoice } }, { json: { text: '  ' } }]],
		[
			'Classify File, Submission Batch',
			classifyParams({ classifierSource: 'saved', classifierId: { __rl: true, mode: 'id', value: 'cl_document_types' }, classifierVersion: 'latest', submission: 'batch' }),
			[{ json: { text: DOCS.invoice } }, { json: { text: '  ' } }],
		],
		['Get', { resource: 'classifyRun', operation: 'get', runId: '={{ $json.id }}' }, [{ json: { id: 'clr_missing' } }, { json: { id: '' } }]],
		['Upload', { resource: 'file', operation: 'upload', binaryPropertyName: 'data' }, [binaryItem('hello', 'a.txt', 'text/plain'), { json: {} }]],
	] as const;

	it.each(operations)('%s: the failed item goes to the error output, the good one to success', async (name, parameters, input) => {
		const result = await runExtend(emulator.baseUrl, { ...parameters }, [...input], { onError: 'continueErrorOutput' });
		expect(result.status).toBe('success');
		expect(result.outputs).toHaveLength(2);
		const [success, errors] = result.outputs;
		const failing = name === 'Get' ? 2 : 1;
		expect(errors).toHaveLength(failing);
		for (const item of errors) expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
		expect(success).toHaveLength(input.length - failing);
		for (const item of success) expect(item.json.error).toBeUndefined();
	});

	it.each(operations)('%s: with the regular output every item stays on it, errors flat', async (name, parameters, input) => {
		const result = await runExtend(emulator.baseUrl, { ...parameters }, [...input], { onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		expect(result.outputs).toHaveLength(1);
		expect(result.items).toHaveLength(input.length);
		expect(result.items[1].json.error).toEqual(expect.any(String));
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		if (name !== 'Get') expect(result.items[0].json.error).toBeUndefined();
	});
});
