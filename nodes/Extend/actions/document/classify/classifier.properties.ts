import type { INodeProperties } from 'n8n-workflow';

import { savedClassifierLocator } from '../../../shared/classifierLocator';

/** What classifies it: a saved classifier (and its version) or classifications entered here. */
export const classifierProperties: INodeProperties[] = [
	{
		displayName: 'Classifier',
		name: 'classifierSource',
		type: 'options',
		// Fields below depend on it; n8n shows (and requires) all of them when it is an expression.
		noDataExpression: true,
		default: 'saved',
		options: [
			{ name: 'Saved Classifier', value: 'saved', description: 'A classifier built in the Extend dashboard' },
			{ name: 'Inline Classifications', value: 'inline', description: 'Classifications entered here' },
		],
	},
	{ ...savedClassifierLocator, required: true, displayOptions: { show: { classifierSource: ['saved'] } } },
	{
		displayName: 'Version',
		name: 'classifierVersion',
		type: 'options',
		displayOptions: { show: { classifierSource: ['saved'] } },
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
		displayOptions: { show: { classifierSource: ['saved'], classifierVersion: ['specific'] } },
	},
	{
		displayName: 'Classifications',
		name: 'classifications',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Classification',
		default: {},
		description: 'The document types to choose from. Extend requires one of type "other", for documents that match none.',
		displayOptions: { show: { classifierSource: ['inline'] } },
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
		displayOptions: { show: { classifierSource: ['inline'] } },
	},
	{
		displayName: 'Classifier Options',
		name: 'configOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { classifierSource: ['inline'] } },
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
];
