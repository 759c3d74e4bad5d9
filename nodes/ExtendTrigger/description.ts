import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { savedClassifierLocator } from '../Extend/shared/classifierLocator';
import { BATCH_GETS_PER_SECOND } from '../Extend/runs/batchRuns';
import { simplifyProperty } from '../Extend/runs/simplify';

import { DEFAULT_MAX_AGE_SECONDS } from './verifySignature';

const automatic = { show: { registration: ['automatic'] } };

const runEventOptions: INodePropertyOptions[] = [
	{
		name: 'Classify Run Failed',
		value: 'classify_run.failed',
		description: 'A classify run ended with status FAILED; one execution per run',
	},
	{
		name: 'Classify Run Processed',
		value: 'classify_run.processed',
		description: 'A classify run finished with a classification; one execution per run',
	},
];

const batchEventOptions: INodePropertyOptions[] = [
	{
		name: 'Batch Failed',
		value: 'batch_processor_run.failed',
		description: "Every run of a batch failed; one execution whose items are the batch's runs",
	},
	{
		name: 'Batch Processed',
		value: 'batch_processor_run.processed',
		description: "The last run of a batch ended; one execution whose items are the batch's runs",
	},
];

/** "Trigger On"; the batch events need the credential (the runs are fetched), so Manual registration offers the run events only. */
function eventsProperty(options: INodePropertyOptions[], registration: string): INodeProperties {
	return {
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['classify_run.processed'],
		options,
		displayOptions: { show: { registration: [registration] } },
	};
}

function classifierLocator(): INodeProperties {
	return {
		...savedClassifierLocator,
		displayName: 'Only for Classifier',
		name: 'onlyClassifier',
		required: false,
		description:
			'Receive only the runs of this saved classifier (Extend webhook subscription). Leave empty for the runs of every classifier and inline configuration.',
		displayOptions: automatic,
	};
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Registration',
		name: 'registration',
		type: 'options',
		noDataExpression: true,
		default: 'automatic',
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description: 'Create the Extend webhook endpoint on activation and delete it on deactivation',
			},
			{
				name: 'Manual',
				value: 'manual',
				description: 'You add the production URL in the Extend dashboard and paste its signing secret here',
			},
		],
	},
	{
		displayName:
			'Extend gets this node\'s URL when the workflow is published or activated (the test URL while you test the trigger), and loses it when unpublished. Nothing to set up in Extend.',
		name: 'automaticNotice',
		type: 'notice',
		default: '',
		displayOptions: automatic,
	},
	{
		displayName:
			'In Extend (Developers → Webhook Endpoints), add the <b>Production URL</b> above as an endpoint, then paste its signing secret below.',
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'] } },
	},
	eventsProperty([...batchEventOptions, ...runEventOptions], 'automatic'),
	eventsProperty(runEventOptions, 'manual'),
	{
		displayName:
			`One execution per batch: when a batch's last run ends, the node fetches its runs from Extend (about ${BATCH_GETS_PER_SECOND} a second) and starts the workflow once, one item per run in input order`,
		name: 'batchNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['automatic'], events: batchEventOptions.map((o) => o.value as string) } },
	},
	classifierLocator(),
	{
		displayName: 'Only Runs Submitted Here',
		name: 'onlySubmitOnly',
		type: 'boolean',
		default: true,
		description:
			"Whether to start only for runs this n8n submitted with the Extend node in Mode \"Submit Only\". Runs a Wait for Result or Synchronous node already handled, and runs from the dashboard or other apps, are ignored; a batch's items are its runs submitted here. Needs the Extend node's Add Correlation Metadata option (on by default).",
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
	{
		displayName: 'Signing Secret',
		name: 'signingSecret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'wss_...',
		description:
			'The signing secret Extend shows once when you create the webhook endpoint (Developers → Webhook Endpoints)',
		displayOptions: { show: { registration: ['manual'] } },
	},
	simplifyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Follow Payload URLs',
				name: 'followSignedUrls',
				type: 'boolean',
				default: true,
				description:
					'Whether to download the run when Extend sends a large payload as a signed URL instead of inline JSON. When off, such deliveries are refused with status 422.',
			},
			{
				displayName: 'Max Age (Seconds)',
				name: 'maxAgeSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_AGE_SECONDS,
				description:
					'Deliveries signed longer ago than this are refused as possible replays (timestamps up to 60 s in the future are accepted)',
			},
			{
				displayName: 'Minimum Confidence',
				name: 'minConfidence',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0,
				description:
					'Start the workflow only when the classification confidence is at least this (0 to 1). Applies to processed runs; a batch keeps the runs that pass.',
			},
			{
				displayName: 'Only Classifications',
				name: 'classifications',
				type: 'string',
				default: '',
				placeholder: 'invoice, receipt',
				description:
					'Comma-separated classification IDs or types; other processed runs do not start the workflow (a batch keeps the runs that pass). Failed runs always pass.',
			},
		],
	},
];
