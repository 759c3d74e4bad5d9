import type { INodeProperties } from 'n8n-workflow';

import { simplifyProperty } from '../../../runs/simplify';

/** How the result comes back: the mode, Route by Type and the output's shape. */
export const resultProperties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: 'waitForResult',
		options: [
			{
				name: 'Wait for Result',
				value: 'waitForResult',
				description: 'Start a classify run, then check it until it ends (any file size)',
			},
			{
				name: 'Synchronous',
				value: 'sync',
				description:
					'One request that returns the result. Extend ends it after 5 minutes; meant for trying things out and small files.',
			},
			{
				name: 'Submit Only',
				value: 'submitOnly',
				description: 'Start the run and return it at once; finish the flow with the Extend Trigger',
			},
		],
	},
	{
		displayName: 'Submission',
		name: 'submission',
		type: 'options',
		// Batch or not decides how all items travel together, so it takes no per-item expression.
		noDataExpression: true,
		default: 'perItem',
		options: [
			{ name: 'One Run per Item', value: 'perItem', description: 'Each item is its own classify run' },
			{
				name: 'Batch',
				value: 'batch',
				description:
					'All items go to Extend in batch requests of up to 1,000 documents: about one request per document instead of about seven, and no rate-limit errors. Needs a saved classifier.',
			},
		],
		displayOptions: { show: { mode: ['waitForResult', 'submitOnly'] } },
	},
	{
		displayName:
			"Batch needs a saved classifier: Extend's batch endpoint takes a classifier ID, not inline classifications. Choose Saved Classifier above, or One Run per Item.",
		name: 'batchNeedsSavedClassifierNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['waitForResult', 'submitOnly'], submission: ['batch'], classifierSource: ['inline'] } },
	},
	{
		displayName: 'Route by Type',
		name: 'routeByType',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description:
			'Whether to give the node one output per classification plus a Fallback output, and send each input item (with its binary file) to the output of its type',
		displayOptions: { show: { mode: ['waitForResult', 'sync'] } },
	},
	{
		displayName: 'Submit Only returns the run (with Submission Batch, one item per batch) at once, before it has a type: continue in a workflow that starts with the Extend Trigger',
		name: 'submitOnlyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['submitOnly'] } },
	},
	{
		displayName: 'Route Outputs Names or IDs',
		name: 'routeClassifications',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getClassifications',
			loadOptionsDependsOn: ['classifierId.value', 'classifierVersion', 'classifierVersionNumber'],
		},
		default: [],
		description:
			'The saved classifier\'s classifications that get an output, in this order. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { mode: ['waitForResult', 'sync'], routeByType: [true], classifierSource: ['saved'] } },
	},
	{
		displayName: 'Minimum Confidence',
		name: 'fallbackBelowConfidence',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0,
		description:
			'Runs whose confidence (0 to 1) is below this go to the Fallback output, as do classifications without an output and, with Continue On Fail, failed runs. 0 sends every run to its type.',
		displayOptions: { show: { mode: ['waitForResult', 'sync'], routeByType: [true] } },
	},
	simplifyProperty,
];
