import type { INodeProperties } from 'n8n-workflow';

/** The Options collection. */
export const optionsProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Add Correlation Metadata',
				name: 'addCorrelation',
				type: 'boolean',
				default: true,
				description:
					'Whether to add an "n8n" entry to the run metadata (workflow and execution ID, item index) so the Extend Trigger side can join results back, and so a retried submission never creates a second run. Always on with Submission Batch, which maps runs back to items by it.',
			},
			{
				displayName: 'Cancel Run on Stop',
				name: 'cancelOnStop',
				type: 'boolean',
				default: true,
				description: 'Whether to cancel the run on Extend when the workflow execution is stopped while waiting',
				displayOptions: { show: { '/mode': ['waitForResult', 'sync'] } },
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 10,
				description:
					'How many items are classified at the same time. 10 matches Extend\'s default rate limit (10 requests per second).',
			},
			{
				displayName: 'Include Input Data',
				name: 'includeInputData',
				type: 'boolean',
				default: false,
				description:
					'Whether to keep the input item\'s fields and binary files on the output (so the classified file can be routed on). Run fields win on a name clash.',
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 600,
				description: 'How long to wait for a run to end, in real seconds',
				displayOptions: { show: { '/mode': ['waitForResult', 'sync'] } },
			},
			{
				displayName: 'Metadata (JSON)',
				name: 'metadata',
				type: 'json',
				default: '{}',
				description: 'A JSON object stored with the run and returned in results and webhooks (at most 10 KB)',
			},
			{
				displayName: 'On Timeout',
				name: 'onTimeout',
				type: 'options',
				default: 'error',
				displayOptions: { show: { '/mode': ['waitForResult', 'sync'] } },
				options: [
					{ name: 'Error', value: 'error', description: 'Fail the item, naming the run ID' },
					{ name: 'Return Run As Is', value: 'returnRun', description: 'Output the unfinished run' },
					{ name: 'Cancel Run and Error', value: 'cancelAndError', description: 'Cancel the run on Extend, then fail the item' },
				],
			},
			{
				displayName: 'Override Config (JSON)',
				name: 'overrideConfig',
				type: 'json',
				default: '{}',
				description: 'Partial classifier configuration that overrides the saved one for this run, e.g. {"classificationRules": "..."}',
				displayOptions: { show: { '/classifierSource': ['saved'] } },
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 50,
				description: 'Order of runs while Extend rate-limits; lower runs first',
				displayOptions: { show: { '/mode': ['waitForResult', 'submitOnly'] } },
			},
			{
				displayName: 'Usage Tags',
				name: 'usageTags',
				type: 'string',
				default: '',
				placeholder: 'production, team-ops',
				description:
					'Comma-separated tags for Extend billing and usage reports, stored as extend:usage_tags. Characters other than letters, digits, - and _ are removed.',
			},
		],
	},
];
