import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/** The run Get, Cancel and Delete act on: its ID, or its dashboard URL. */
export const runLocatorProperty: INodeProperties = {
	displayName: 'Run',
	name: 'runId',
	type: 'resourceLocator',
	default: { mode: 'id', value: '' },
	required: true,
	description: 'The classify run, by ID or by its Extend dashboard URL',
	modes: [
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'clr_Xj8mK2pL9nR4vT7qY5wZ',
			validation: [{ type: 'regex', properties: { regex: '^clr_[A-Za-z0-9_-]+$', errorMessage: 'Classify run IDs start with clr_' } }],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://dashboard.extend.ai/runs/clr_Xj8mK2pL9nR4vT7qY5wZ',
			extractValue: { type: 'regex', regex: '/runs/(clr_[A-Za-z0-9_-]+)' },
			validation: [{ type: 'regex', properties: { regex: '.*/runs/clr_[A-Za-z0-9_-]+.*', errorMessage: 'Paste the URL of a run in the Extend dashboard' } }],
		},
	],
};

export function runIdOf(ctx: IExecuteFunctions, i: number): string {
	const id = String(ctx.getNodeParameter('runId', i, '', { extractValue: true }) ?? '').trim();
	if (!id) throw new NodeOperationError(ctx.getNode(), 'Run ID is empty', { itemIndex: i, description: 'Enter a classify run ID (clr_...).' });
	return id;
}
