// Bad input fails its own item with a message that says what to fix, before any request is sent.
import type { INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../../../emulator';
import { call } from '../../../../emulator/tests/helpers';
import { binaryItem, classifyParams, runExtend } from '../../../../support/extendNode';
import { DOCS } from '../documents';

const requestCount = (emulator: Emulator) => Object.values(emulator.stats().requests).reduce((a, b) => a + b, 0);

describe('Classify File: bad input', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator({ latencyMs: 50 })));
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.resetStats());

	const cases: Array<[string, INodeParameters, Record<string, unknown>, RegExp]> = [
		['a missing binary field', { documentSource: 'binary', binaryPropertyName: 'attachment' }, {}, /attachment/],
		['an empty URL (from an expression)', { documentSource: 'url', url: '={{ $json.url }}' }, { url: '' }, /^"File URL" must be a full http\(s\) URL, but it is ""$/],
		['an invalid URL', { documentSource: 'url', url: 'ftp://example.com/a.pdf' }, {}, /^"File URL" must be a full http\(s\) URL, but it is "ftp:\/\/example.com\/a.pdf"$/],
		['empty text', { text: '   ' }, {}, /Text is empty/],
		['an empty file id (from an expression)', { documentSource: 'fileId', fileId: '={{ $json.fileId }}' }, { fileId: ' ' }, /File ID is empty/],
		['metadata over 10 KB', { options: { metadata: JSON.stringify({ blob: 'x'.repeat(11_000) }) } }, {}, /Metadata is \d+ bytes; Extend accepts at most 10240 bytes/],
		['malformed metadata JSON', { options: { metadata: '{"a": ' } }, {}, /Metadata is not valid JSON/],
		['metadata that is not an object', { options: { metadata: '[1,2]' } }, {}, /Metadata must be a JSON object/],
		['no classifications', { classifications: { values: [] } }, {}, /Add at least one classification/],
		['duplicate classification ids', { classifications: { values: [{ id: 'a', type: 'a', description: 'x' }, { id: 'a', type: 'b', description: 'y' }] } }, {}, /Classification ID "a" is used more than once/],
		// A fixed empty Type or Description is flagged by n8n itself (they are required); an expression can still give "".
		['a classification whose description expression is empty', { classifications: { values: [{ type: 'a', description: '={{ $json.none ?? "" }}' }] } }, {}, /Classification 1 has no Description/],
		['a classification whose type expression is empty', { classifications: { values: [{ type: '={{ "" }}', description: 'x' }] } }, {}, /Classification 1 has no Type/],
		['no "other" class while auto-add is off', { addOtherClassification: false }, {}, /need one of type "other"/],
		['a bad page range', { configOptions: { pageRanges: '3-1' } }, {}, /Page range "3-1" is not valid/],
		['a bad version number', { classifierSource: 'saved', classifierId: { __rl: true, mode: 'id', value: 'cl_document_types' }, classifierVersion: 'specific', classifierVersionNumber: 'v2' }, {}, /Version number "v2" is not valid/],
		['malformed override config', { classifierSource: 'saved', classifierId: { __rl: true, mode: 'id', value: 'cl_document_types' }, options: { overrideConfig: '{nope' } }, {}, /Override Config is not valid JSON/],
	];

	it.each(cases)('rejects %s with a clear item error and sends nothing', async (_label, overrides, json, message) => {
		const result = await runExtend(emulator.baseUrl, classifyParams(overrides), [{ json: { text: DOCS.invoice, ...json } }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(requestCount(emulator)).toBe(0);
	});

	it('a classification without ID takes its type as ID', async () => {
		const result = await runExtend(emulator.baseUrl, classifyParams({ mode: 'submitOnly', classifications: { values: [{ type: 'invoice', description: 'A bill' }] } }), [{ json: { text: DOCS.invoice } }]);
		expect(result.status).toBe('success');
		const run = (await call(emulator, 'GET', `/classify_runs/${String(result.items[0].json.id)}`)).json;
		expect(run.config.classifications.map((c: { id: string; type: string }) => [c.id, c.type])).toEqual([['invoice', 'invoice'], ['other', 'other']]);
	});

	it('rejects an empty binary file before uploading', async () => {
		const result = await runExtend(emulator.baseUrl, classifyParams({ documentSource: 'binary' }), [binaryItem(Buffer.alloc(0), 'empty.pdf', 'application/pdf')]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The file in binary field "data" is empty');
		expect(requestCount(emulator)).toBe(0);
	});

	it('with Continue On Fail, bad items become error items and good ones are classified', async () => {
		const result = await runExtend(
			emulator.baseUrl,
			classifyParams(),
			[{ json: { text: DOCS.invoice } }, { json: { text: '' } }, { json: { text: DOCS.resume } }],
			{ continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json).toMatchObject({ output: { type: 'invoice' } });
		expect(result.items[1].json).toMatchObject({ error: 'Text is empty' });
		expect(result.items[2].json).toMatchObject({ output: { type: 'resume' } });
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(emulator.stats().runsCreated).toBe(2);
	});
});
