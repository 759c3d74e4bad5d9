import { Workflow, type INodeTypes, type IHttpRequestOptions } from 'n8n-workflow';

import { ExtendApi } from '../../credentials/ExtendApi.credentials';
import { runNode } from '../harness/runNode';
import { startEchoServer } from '../support/echoServer';
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

const credential = new ExtendApi();

/** Evaluates the credential test request's baseURL with n8n's own expression engine. */
function testRequestBaseUrl(values: Record<string, string>): string {
	const nodeTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes });
	const node = { id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	return workflow.expression.getParameterValue(
		credential.test.request.baseURL as string,
		null, 0, 0, node.name, [], 'manual', { $credentials: values } as never,
	) as string;
}

/** A node that makes one authenticated request and returns the headers the server received. */
class HeaderProbe implements INodeType {
	description = {
		displayName: 'Header Probe', name: 'headerProbe', group: ['transform'], version: 1, description: 'test',
		defaults: { name: 'Header Probe' }, inputs: ['main'], outputs: ['main'],
		credentials: [{ name: 'extendApi', required: true }], properties: [],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions) {
		const creds = await this.getCredentials<{ baseUrl: string }>('extendApi');
		const json = await this.helpers.httpRequestWithAuthentication.call(this, 'extendApi', { url: `${creds.baseUrl}/classifiers`, json: true });
		return [[{ json, pairedItem: { item: 0 } }]];
	}
}

describe('Extend API credential', () => {
	it('is a password-protected key with the documented regions and default API version', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(credential.name).toBe('extendApi');
		expect(credential.displayName).toBe('Extend API');
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.apiVersion.default).toBe('2026-02-09');
		expect(byName.region.options?.map((o) => (o as { value: string }).value)).toEqual([
			'https://api.extend.ai', 'https://api.us2.extend.app', 'https://api.eu1.extend.ai', 'custom',
		]);
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
	});

	it.each([
		['https://api.extend.ai', '', 'https://api.extend.ai'],
		['https://api.us2.extend.app', '', 'https://api.us2.extend.app'],
		['https://api.eu1.extend.ai', '', 'https://api.eu1.extend.ai'],
		['custom', 'http://127.0.0.1:18080/', 'http://127.0.0.1:18080'],
	])('test request for region %s goes to %s', (region, baseUrl, expected) => {
		expect(testRequestBaseUrl({ region, baseUrl })).toBe(expected);
		expect(credential.test.request.url).toBe('/classifiers');
		expect(credential.test.request.method).toBe('GET');
	});

	it('authenticate adds bearer and version headers, and the workspace header only when set', async () => {
		const auth = credential.authenticate as (c: Record<string, string>, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
		const without = await auth({ apiKey: 'sk_1', apiVersion: '2026-02-09', workspaceId: '' }, { url: '/x', headers: { accept: 'application/json' } });
		expect(without.headers).toEqual({ accept: 'application/json', Authorization: 'Bearer sk_1', 'x-extend-api-version': '2026-02-09' });
		const withWs = await auth({ apiKey: 'sk_1', apiVersion: '2026-02-09', workspaceId: 'ws_9' }, { url: '/x' });
		expect(withWs.headers).toMatchObject({ 'x-extend-workspace-id': 'ws_9' });
	});

	describe('through n8n (WorkflowExecute) over loopback', () => {
		let server: Awaited<ReturnType<typeof startEchoServer>>;
		beforeAll(async () => (server = await startEchoServer()));
		afterAll(async () => await server.stop());

		it.each([
			['without a workspace', '', undefined],
			['with a workspace', 'ws_123', 'ws_123'],
		])('sends the three headers %s', async (_label, workspaceId, expected) => {
			const result = await runNode({
				node: new HeaderProbe(),
				parameters: {},
				credentials: { extendApi: { apiKey: 'sk_live_abc', region: 'custom', baseUrl: server.baseUrl, apiVersion: '2026-02-09', workspaceId } },
			});
			expect(result.status).toBe('success');
			const headers = result.items[0].json.headers as Record<string, string>;
			expect(headers.authorization).toBe('Bearer sk_live_abc');
			expect(headers['x-extend-api-version']).toBe('2026-02-09');
			expect(headers['x-extend-workspace-id']).toBe(expected);
		});
	});
});
