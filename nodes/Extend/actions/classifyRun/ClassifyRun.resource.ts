import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as cancel from './cancel.operation';
import * as deleteRun from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: Record<string, Operation> = { get, getAll, cancel, delete: deleteRun };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['classifyRun'] } },
		default: 'get',
		options: [
			{ name: 'Get', value: 'get', description: 'Get a classify run by ID', action: 'Get a classify run' },
			{ name: 'Get Many', value: 'getAll', description: 'List classify runs', action: 'Get many classify runs' },
			{ name: 'Cancel', value: 'cancel', description: 'Cancel a classify run that is still processing', action: 'Cancel a classify run' },
			{ name: 'Delete', value: 'delete', description: 'Delete a classify run permanently (it cannot be restored)', action: 'Delete a classify run' },
		],
	},
	...get.description,
	...getAll.description,
	...cancel.description,
	...deleteRun.description,
];
