import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as classify from './classify.operation';

export const operations: Record<string, Operation> = { classify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		default: 'classify',
		options: [{ name: 'Classify', value: 'classify', description: 'Classify a document into one of your types', action: 'Classify a document' }],
	},
	...classify.description,
];
