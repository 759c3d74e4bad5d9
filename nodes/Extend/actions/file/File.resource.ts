import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as upload from './upload.operation';

export const operations: Record<string, Operation> = { upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		default: 'upload',
		options: [{ name: 'Upload', value: 'upload', description: 'Upload a file to Extend', action: 'Upload a file' }],
	},
	...upload.description,
];
