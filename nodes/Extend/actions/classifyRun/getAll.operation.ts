import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { savedClassifierLocator } from '../../shared/classifierLocator';
import { executeItems } from '../../shared/executeItems';
import { toNumberParameter } from '../../shared/numberParameter';
import { listPages } from '../../transport/listPages';
import { extendPaths } from '../../transport/paths';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Batch ID', name: 'batchId', type: 'string', default: '', placeholder: 'bpr_...' },
			{ ...savedClassifierLocator, displayName: 'Classifier', name: 'classifierId', required: false, default: { mode: 'list', value: '' } },
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

export const description = updateDisplayOptions({ show: { resource: ['classifyRun'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [
		await executeItems.call(this, this.getInputData().length, 1, async (i, signal) => {
			const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
			const limit = returnAll
				? Infinity
				: toNumberParameter(this.getNode(), this.getNodeParameter('limit', i, 50), { label: 'Limit', min: 1, integer: true, fallback: 50 }, i);
			const filters = { ...(this.getNodeParameter('filters', i, {}) as IDataObject), ...(this.getNodeParameter('sort', i, {}) as IDataObject) };
			if (filters.classifierId !== undefined) filters.classifierId = this.getNodeParameter('filters.classifierId', i, '', { extractValue: true });
			const qs: IDataObject = {};
			for (const [key, value] of Object.entries(filters)) if (value !== '' && value !== undefined) qs[key] = value;
			const runs: IDataObject[] = [];
			for await (const page of listPages.call(this, extendPaths.classifyRuns, {
				qs,
				itemIndex: i,
				signal,
				maxPages: Infinity,
				limit,
				repeatedToken: (token, count) =>
					new NodeOperationError(this.getNode(), `Extend returned a page token it had returned before (${token})`, {
						itemIndex: i,
						description: `Stopped after ${count} runs so the list does not repeat forever. Turn off Return All and set a Limit, or narrow the Filters.`,
					}),
			})) {
				runs.push(...page);
			}
			return runs.slice(0, limit).map((run) => ({ json: run }));
		}),
	];
}
