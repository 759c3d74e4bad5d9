import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { classifyDescription } from './actions/classifyRun/classify/description';
import { classify } from './actions/classifyRun/classify/execute';
import { configuredOutputs } from './actions/classifyRun/classify/routing';
import { listRunsDescription, runIdDescription } from './actions/classifyRun/runOperations.description';
import { cancelRun, deleteRun, getRun, listRuns } from './actions/classifyRun/runOperations';
import { upload, uploadDescription } from './actions/file/upload';
import { searchClassifiers } from './methods/listSearch';
import { getClassifications } from './methods/loadOptions';

const operations: Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[]>> = {
	'classifyRun.get': getRun,
	'classifyRun.getAll': listRuns,
	'classifyRun.cancel': cancelRun,
	'classifyRun.delete': deleteRun,
	'file.upload': upload,
};

export class Extend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Extend',
		name: 'extend',
		icon: { light: 'file:extend.svg', dark: 'file:extend.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { classify: "Classify Document", get: "Get Run", getAll: "Get Many Runs", cancel: "Cancel Run", delete: "Delete Run", upload: "Upload File" }[$parameter["operation"]] ?? $parameter["operation"] }}',
		// Also the tool description agents read when the node is an AI tool ("Extend Tool").
		description:
			'Classify a document (from a URL, an Extend file ID or text) into types such as invoice, receipt or contract with Extend, and get, list, cancel or delete classify runs',
		defaults: { name: 'Extend' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [{ name: 'extendApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				// Document first: classifying is what the node is for (fewer than 5 resources, so not alphabetical).
				default: 'document',
				options: [
					{ name: 'Document', value: 'document' },
					{ name: 'Classify Run', value: 'classifyRun' },
					{ name: 'File', value: 'file' },
				],
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['document'] } },
				default: 'classify',
				options: [{ name: 'Classify', value: 'classify', description: 'Classify a document into one of your types', action: 'Classify a document' }],
			},
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
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['file'] } },
				default: 'upload',
				options: [{ name: 'Upload', value: 'upload', description: 'Upload a file to Extend', action: 'Upload a file' }],
			},
			...classifyDescription,
			...runIdDescription,
			...listRunsDescription,
			...uploadDescription,
		],
	};

	methods = { listSearch: { searchClassifiers }, loadOptions: { getClassifications } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		if (resource === 'document' && operation === 'classify') return await classify.call(this);
		const run = operations[`${resource}.${operation}`];
		if (!run) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
		return [await run.call(this)];
	}
}
