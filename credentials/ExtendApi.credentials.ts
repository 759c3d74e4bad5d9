import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { apiVersionOf, EXTEND_API_VERSION } from '../nodes/Extend/transport/apiVersion';

export class ExtendApi implements ICredentialType {
	name = 'extendApi';

	displayName = 'Extend API';

	icon: Icon = { light: 'file:extend.svg', dark: 'file:extend.dark.svg' };

	documentationUrl = 'https://github.com/extend-n8n/n8n-nodes-extend/blob/main/docs/credentials.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_...',
			description: 'An Extend API key, from Developers → API Keys in the Extend dashboard',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'https://api.extend.ai',
			options: [
				{ name: 'US', value: 'https://api.extend.ai' },
				{ name: 'US2 (HIPAA)', value: 'https://api.us2.extend.app' },
				{ name: 'EU', value: 'https://api.eu1.extend.ai' },
				{ name: 'Custom URL', value: 'custom' },
			],
			description: 'Where your Extend workspace lives',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://extend-proxy.example.com',
			description: 'Base URL of the Extend API, without a trailing path (for a proxy or the local Extend emulator)',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			default: EXTEND_API_VERSION,
			// A choice rather than free text: a mistyped version fails every request.
			options: [{ name: `${EXTEND_API_VERSION} (Current)`, value: EXTEND_API_VERSION }],
			description: 'The Extend API version the nodes speak (x-extend-api-version header)',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			placeholder: 'ws_...',
			description: 'Required for organization-scoped API keys; leave empty for workspace keys',
		},
	];

	// A function rather than a generic header map: the workspace header must be absent, not empty,
	// when no workspace is set.
	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headers: Record<string, string> = {
			...((requestOptions.headers as Record<string, string>) ?? {}),
			Authorization: `Bearer ${String(credentials.apiKey ?? '').trim()}`,
			'x-extend-api-version': apiVersionOf(credentials),
		};
		const workspaceId = String(credentials.workspaceId ?? '').trim();
		if (workspaceId) headers['x-extend-workspace-id'] = workspaceId;
		return { ...requestOptions, headers };
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.region === "custom" ? $credentials.baseUrl : $credentials.region).replace(/\\/+$/, "") }}',
			url: '/classifiers',
			method: 'GET',
			qs: { maxPageSize: 1 },
			// n8n copies every key of this request; a followed redirect would carry the key to another host.
			disableFollowRedirect: true,
		},
		// Shown instead of a bare "Unauthorized" (n8n's credential test applies them to error responses).
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Extend refused the API key. Check the API Key (sk_…) and that its workspace is in the selected Region.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The API key has no access to this workspace. For an organization-scoped key, set the Workspace ID (ws_…).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Extend API answers at this address. Check the Region, or for Custom URL the Base URL (without a path).',
				},
			},
		],
	};
}
