import type { INodeProperties } from 'n8n-workflow';

import { simplifyParameter } from '../../runs/simplify';

export const runIdDescription: INodeProperties[] = [
	{
		displayName: 'Run ID',
		name: 'runId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'clr_Xj8mK2pL9nR4vT7qY5wZ',
		description: 'ID of the classify run',
		displayOptions: { show: { resource: ['classifyRun'], operation: ['get', 'cancel', 'delete'] } },
	},
	simplifyParameter({ show: { resource: ['classifyRun'], operation: ['get', 'cancel'] } }),
];

export const listRunsDescription: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { resource: ['classifyRun'], operation: ['getAll'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['classifyRun'], operation: ['getAll'], returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['classifyRun'], operation: ['getAll'] } },
		options: [
			{ displayName: 'Batch ID', name: 'batchId', type: 'string', default: '', placeholder: 'bpr_...' },
			{ displayName: 'Classifier ID', name: 'classifierId', type: 'string', default: '', placeholder: 'cl_...' },
			{
				displayName: 'File Name Contains',
				name: 'fileNameContains',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				default: 'createdAt',
				options: [
					{ name: 'Created At', value: 'createdAt' },
					{ name: 'Updated At', value: 'updatedAt' },
				],
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDir',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Descending', value: 'desc' },
					{ name: 'Ascending', value: 'asc' },
				],
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'PROCESSED',
				options: [
					{ name: 'Cancelled', value: 'CANCELLED' },
					{ name: 'Failed', value: 'FAILED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Processed', value: 'PROCESSED' },
					{ name: 'Processing', value: 'PROCESSING' },
				],
			},
		],
	},
];
