import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { searchClassifiers } from '../Extend/methods/listSearch';

import { triggerProperties } from './description';
import { receiveDelivery } from './receive';
import * as registration from './registration';

export class ExtendTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Extend Trigger',
		name: 'extendTrigger',
		icon: { light: 'file:extend.svg', dark: 'file:extend.dark.svg' },
		group: ['trigger'],
		// 1.1: "Only Runs Submitted Here" (on by default); version 1 nodes keep starting for every run.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ ($parameter["events"] || []).map((e) => (e.startsWith("batch_") ? "Batch " : "Run ") + (e.endsWith(".failed") ? "Failed" : "Processed")).join(", ") }}',
		description: 'Starts the workflow when an Extend classify run or batch is processed or fails',
		eventTriggerDescription: 'Waiting for Extend to finish a classify run or batch',
		defaults: { name: 'Extend Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'extendApi', required: true, displayOptions: { show: { registration: ['automatic'] } } }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: triggerProperties,
	};

	methods = { listSearch: { searchClassifiers } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await registration.checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registration.create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await registration.remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
