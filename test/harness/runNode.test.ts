import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runNode } from './runNode';
import { startEchoServer } from '../support/echoServer';

/** A trivial node: sends one authenticated GET per item and returns what the server saw. */
class Probe implements INodeType {
	description = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'extendApi', required: true }],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			try {
				const url = this.getNodeParameter('url', i) as string;
				if (!url) throw new NodeOperationError(this.getNode(), 'URL is empty', { itemIndex: i });
				const json = await this.helpers.httpRequestWithAuthentication.call(this, 'extendApi', { url, json: true });
				out.push({ json, binary: items[i].binary, pairedItem: { item: i } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return [out];
	}
}

describe('runNode harness (n8n-core WorkflowExecute)', () => {
	let server: Awaited<ReturnType<typeof startEchoServer>>;
	beforeAll(async () => (server = await startEchoServer()));
	afterAll(async () => await server.stop());

	it('runs a node with resolved expressions, credentials, binary input and pairedItem', async () => {
		const result = await runNode({
			node: new Probe(),
			parameters: { url: `=${server.baseUrl}/items/{{ $json.n }}` },
			credentials: { extendApi: { apiKey: 'sk_harness', region: 'custom', baseUrl: server.baseUrl, apiVersion: '2026-02-09', workspaceId: '' } },
			input: [
				{ json: { n: 1 }, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'a.txt' } } },
				{ json: { n: 2 } },
			],
		});
		expect(result.status).toBe('success');
		expect(result.items.map((i) => i.json.url)).toEqual(['/items/1', '/items/2']);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].binary?.data.fileName).toBe('a.txt');
		expect((result.items[0].json.headers as Record<string, string>).authorization).toBe('Bearer sk_harness');
	});

	it('reports a failing item as an error, and as an error item under Continue On Fail', async () => {
		const credentials = { extendApi: { apiKey: 'k', region: 'custom', baseUrl: server.baseUrl } };
		const failed = await runNode({ node: new Probe(), parameters: { url: '={{ $json.u }}' }, credentials, input: [{ json: { u: '' } }] });
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toBe('URL is empty');

		const continued = await runNode({
			node: new Probe(),
			parameters: { url: '={{ $json.u }}' },
			credentials,
			continueOnFail: true,
			input: [{ json: { u: '' } }, { json: { u: `${server.baseUrl}/ok` } }],
		});
		expect(continued.status).toBe('success');
		expect(continued.items[0].json).toEqual({ error: 'URL is empty' });
		expect(continued.items[1].json.url).toBe('/ok');
		expect(continued.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
