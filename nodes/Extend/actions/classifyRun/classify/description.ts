import type { INodeProperties } from 'n8n-workflow';

import { binaryFieldProperty, convertToPdfOption, pdfPasswordOption } from '../../../shared/fileFields';
import { simplifyParameter } from '../../../runs/simplify';

const show = { resource: ['document'], operation: ['classify'] };

/** The saved-classifier picker (searchable list, or an ID), shared by Classify File, Get Many's filter
 * and the Extend Trigger. */
export function savedClassifierLocator(): INodeProperties {
	return {
		displayName: 'Saved Classifier',
		name: 'classifierId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a classifier...',
				typeOptions: { searchListMethod: 'searchClassifiers', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'cl_Xj8mK2pL9nR4vT7qY5wZ',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^cl_[A-Za-z0-9_-]+$', errorMessage: 'Classifier IDs start with cl_' },
					},
				],
			},
		],
	};
}

export const classifyDescription: INodeProperties[] = [
	{
		displayName: 'Document Source',
		name: 'documentSource',
		type: 'options',
		displayOptions: { show },
		default: 'binary',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'A file from an earlier node (uploaded to Extend first)' },
			{ name: 'URL', value: 'url', description: 'A URL Extend downloads the file from' },
			{ name: 'Extend File ID', value: 'fileId', description: 'A file already uploaded to Extend' },
			{ name: 'Text', value: 'text', description: 'Plain text, classified as a .txt file' },
		],
	},
	binaryFieldProperty({ show: { ...show, documentSource: ['binary'] } }),
	{
		displayName: 'File URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/invoice.pdf',
		description: 'Public or presigned URL of the file (Extend recommends presigned URLs valid 5–15 minutes)',
		displayOptions: { show: { ...show, documentSource: ['url'] } },
	},
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		placeholder: 'file_xK9mLPqRtN3vS8wF5hB2cQ',
		displayOptions: { show: { ...show, documentSource: ['fileId'] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		displayOptions: { show: { ...show, documentSource: ['text'] } },
	},
	{
		displayName: 'Document Options',
		name: 'documentOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { ...show, documentSource: ['binary', 'url', 'text'] } },
		options: [
			{ ...convertToPdfOption, displayOptions: { show: { '/documentSource': ['binary'] } } },
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'Name Extend shows for the file. Defaults to the binary file name, the URL\'s last segment, or a generated name for text.',
			},
			{ ...pdfPasswordOption, displayOptions: { show: { '/documentSource': ['binary', 'url'] } } },
		],
	},
	{
		displayName: 'Classifier',
		name: 'classifierSource',
		type: 'options',
		// Fields below depend on it; n8n shows (and requires) all of them when it is an expression.
		noDataExpression: true,
		displayOptions: { show },
		default: 'saved',
		options: [
			{ name: 'Saved Classifier', value: 'saved', description: 'A classifier built in the Extend dashboard' },
			{ name: 'Inline Classifications', value: 'inline', description: 'Classifications entered here' },
		],
	},
	{ ...savedClassifierLocator(), required: true, displayOptions: { show: { ...show, classifierSource: ['saved'] } } },
	{
		displayName: 'Version',
		name: 'classifierVersion',
		type: 'options',
		displayOptions: { show: { ...show, classifierSource: ['saved'] } },
		default: 'latest',
		options: [
			{ name: 'Latest Published', value: 'latest', description: 'The newest published version (the draft if none is published)' },
			{ name: 'Draft', value: 'draft', description: 'The editable draft version' },
			{ name: 'Specific Version', value: 'specific' },
		],
	},
	{
		displayName: 'Version Number',
		name: 'classifierVersionNumber',
		type: 'string',
		default: '',
		placeholder: '1.0',
		displayOptions: { show: { ...show, classifierSource: ['saved'], classifierVersion: ['specific'] } },
	},
	{
		displayName: 'Classifications',
		name: 'classifications',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Classification',
		default: {},
		description: 'The document types to choose from. Extend requires one of type "other", for documents that match none.',
		displayOptions: { show: { ...show, classifierSource: ['inline'] } },
		options: [
			{
				displayName: 'Classification',
				name: 'values',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'invoice',
						description: 'The type name the run returns; use "other" for the catch-all',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						typeOptions: { rows: 3 },
						required: true,
						default: '',
						placeholder: 'A bill from a supplier with line items, totals and a due date',
						description: 'What documents of this type look like; the classifier reads it',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'invoice',
						description: 'Identifier to match on later; empty means the same as Type',
					},
				],
			},
		],
	},
	{
		displayName: 'Add "Other" If Missing',
		name: 'addOtherClassification',
		type: 'boolean',
		default: true,
		description: 'Whether to add a classification of type "other" when the list has none (Extend requires one for documents that match no type)',
		displayOptions: { show: { ...show, classifierSource: ['inline'] } },
	},
	{
		displayName: 'Classifier Options',
		name: 'configOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { ...show, classifierSource: ['inline'] } },
		options: [
			{
				displayName: 'Advanced Multimodal',
				name: 'advancedMultimodalEnabled',
				type: 'boolean',
				default: false,
				description: 'Whether to use advanced multimodal processing for visual elements',
			},
			{
				displayName: 'Base Processor',
				name: 'baseProcessor',
				type: 'options',
				default: 'classification_performance',
				description: 'The Extend processor that classifies: Performance (Extend\'s default) or Light. See Extend\'s classification configuration docs.',
				options: [
					{ name: 'Performance', value: 'classification_performance' },
					{ name: 'Light', value: 'classification_light' },
				],
			},
			{
				displayName: 'Base Version',
				name: 'baseVersion',
				type: 'string',
				default: '',
				placeholder: '3.2.0',
				description: 'Version of the base processor; empty means the latest stable one',
			},
			{
				displayName: 'Classification Rules',
				name: 'classificationRules',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Extra rules in plain language that guide the classification',
			},
			{
				displayName: 'Context',
				name: 'context',
				type: 'options',
				default: 'default',
				description: 'Extend\'s context setting for the classification (advancedOptions.context): Default, or Max. See Extend\'s classification configuration docs.',
				options: [
					{ name: 'Default', value: 'default' },
					{ name: 'Max', value: 'max' },
				],
			},
			{
				displayName: 'Memory',
				name: 'memoryEnabled',
				type: 'boolean',
				default: false,
				description: 'Whether Extend learns from past successful classifications',
			},
			{
				displayName: 'Page Ranges',
				name: 'pageRanges',
				type: 'string',
				default: '',
				placeholder: '1-3, 7-9',
				description: 'Pages to read (1-based, inclusive), comma-separated; empty means all',
			},
		],
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
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
		displayName: 'Route by Type',
		name: 'routeByType',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description:
			'Whether to give the node one output per classification plus a Fallback output, and send each input item (with its binary file) to the output of its type',
		displayOptions: { show: { ...show, mode: ['waitForResult', 'sync'] } },
	},
	{
		displayName: 'Submit Only returns the run at once, before it has a type: continue in a workflow that starts with the Extend Trigger',
		name: 'submitOnlyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, mode: ['submitOnly'] } },
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
		displayOptions: { show: { ...show, mode: ['waitForResult', 'sync'], routeByType: [true], classifierSource: ['saved'] } },
	},
	{
		displayName: 'Minimum Confidence',
		name: 'fallbackBelowConfidence',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0,
		description:
			'Runs whose confidence (0 to 1) is below this go to the Fallback output, as do classifications without an output and, with Continue On Fail, failed runs. 0 sends every run to its type.',
		displayOptions: { show: { ...show, mode: ['waitForResult', 'sync'], routeByType: [true] } },
	},
	simplifyParameter({ show }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Add Correlation Metadata',
				name: 'addCorrelation',
				type: 'boolean',
				default: true,
				description:
					'Whether to add an "n8n" entry to the run metadata (workflow and execution ID, item index) so the Extend Trigger side can join results back, and so a retried submission never creates a second run',
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
