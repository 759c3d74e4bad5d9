import type { INodeProperties } from 'n8n-workflow';

import { simplifyParameter } from '../../runs/simplify';

import { savedClassifierLocator } from './classify/description';

export const runIdDescription: INodeProperties[] = [
	{
		displayName: 'Run',
		name: 'runId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: 'The classify run, by ID or by its Extend dashboard URL',
		displayOptions: { show: { resource: ['classifyRun'], operation: ['get', 'cancel', 'delete'] } },
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
			{ ...savedClassifierLocator(), displayName: 'Classifier', name: 'classifierId', required: false, default: { mode: 'list', value: '' } },
			{
				displayName: 'File Name Contains',
				name: 'fileNameContains',
				type: 'string',
				default: '',
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
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort',
		default: {},
		displayOptions: { show: { resource: ['classifyRun'], operation: ['getAll'] } },
		options: [
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
		],
	},
];
