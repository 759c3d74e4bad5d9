import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as classifyRun from './actions/classifyRun/ClassifyRun.resource';
import * as document from './actions/document/Document.resource';
import { configuredOutputs } from './actions/document/classify/routeByType';
import * as file from './actions/file/File.resource';
import { router } from './actions/router';
import { searchClassifiers } from './methods/listSearch';
import { getClassifications } from './methods/loadOptions';

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
			...document.description,
			...classifyRun.description,
			...file.description,
		],
	};

	methods = { listSearch: { searchClassifiers }, loadOptions: { getClassifications } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
