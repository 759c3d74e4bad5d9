// The trigger node as n8n holds it in a workflow, and the n8n-core contexts its methods run in:
// HookContext for the webhook lifecycle, WebhookContext for a request, with the URLs n8n gives them
// and their logger recording into the harness's log.
import { HookContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { ExtendApi } from '../../../credentials/ExtendApi.credentials';
import { TestCredentialsHelper } from '../credentialsHelper';
import { oneNodeType } from '../runNode';
import type { HarnessRequest, HarnessResponse } from './expressLike';
import { captureLogs, type LogEntry } from './logCapture';
import { clone } from './n8nStaticData';

export const TRIGGER_NODE_NAME = 'Extend Trigger';
export const WEBHOOK_ID = '0b2c7f4e-9d1a-4c3b-8e5f-6a7b8c9d0e1f';

export interface TriggerHarnessOptions {
	node: INodeType;
	parameters: INodeParameters;
	/** Decrypted credential values by type, e.g. `{ extendApi: {...} }`; none = node without credentials. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: Record<string, ICredentialType>;
	workflowId?: string;
	workflowName?: string;
	/** false: leave the body unread, as n8n does for content types it does not parse. Default true. */
	readBody?: boolean;
	/** The node's typeVersion; default 1. */
	typeVersion?: number;
}

export class TriggerContexts {
	/** The node's parameters (as last saved in the editor). */
	parameters: INodeParameters;
	/** The server's URL, once it listens. */
	baseUrl = '';
	readonly nodeType: INodeType;
	readonly nodeTypes: INodeTypes;
	private readonly type: string;
	private readonly credentialsHelper: TestCredentialsHelper;

	constructor(
		private readonly options: TriggerHarnessOptions,
		private readonly logs: LogEntry[],
	) {
		this.parameters = options.parameters;
		this.nodeType = options.node;
		this.type = `n8n-nodes-extend.${options.node.description.name}`;
		this.nodeTypes = oneNodeType(this.type, options.node);
		this.credentialsHelper = new TestCredentialsHelper(
			options.credentialTypes ?? { extendApi: new ExtendApi() },
			options.credentials ?? {},
		);
	}

	/** A workflow holding the node, over its own copy of `staticData`. */
	workflow(staticData: IDataObject): Workflow {
		return new Workflow({
			id: this.options.workflowId ?? 'wf-trigger-test',
			name: this.options.workflowName ?? 'Route classified documents',
			nodes: [this.node()],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: clone(staticData),
			settings: { executionOrder: 'v1' },
		});
	}

	/** The context of checkExists, create and delete: activation (production) or "Listen for test event" (test). */
	hookContext(workflow: Workflow, test: boolean): HookContext {
		const additionalData = this.additionalData();
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const mode = test ? 'manual' : 'trigger';
		const activation = test ? 'manual' : 'activate';
		return captureLogs(new HookContext(workflow, node, additionalData, mode, activation, this.webhookData(workflow, test, additionalData)), this.logs);
	}

	/** The context of webhook() for one request. */
	webhookContext(workflow: Workflow, test: boolean, req: HarnessRequest, res: HarnessResponse): WebhookContext {
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const mode = test ? 'manual' : 'webhook';
		const additionalData = this.additionalData({
			httpRequest: req as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
			httpResponse: res as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
		});
		return captureLogs(new WebhookContext(workflow, node, additionalData, mode, this.webhookData(workflow, test, additionalData), [], null), this.logs);
	}

	private node(): INode {
		return {
			id: 'trigger-under-test',
			name: TRIGGER_NODE_NAME,
			type: this.type,
			typeVersion: this.options.typeVersion ?? 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: this.parameters,
			credentials: Object.fromEntries(
				Object.keys(this.options.credentials ?? {}).map((name) => [name, { id: `cred-${name}`, name }]),
			),
		};
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			executionId: undefined,
			credentialsHelper: this.credentialsHelper,
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			webhookWaitingBaseUrl: `${this.baseUrl}/webhook-waiting`,
			formWaitingBaseUrl: `${this.baseUrl}/form-waiting`,
			restApiUrl: `${this.baseUrl}/rest`,
			instanceBaseUrl: `${this.baseUrl}/`,
			variables: {},
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(workflow: Workflow, test: boolean, additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		const description = this.nodeType.description.webhooks![0];
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: TRIGGER_NODE_NAME,
			path: `${WEBHOOK_ID}/${String(description.path)}`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: WEBHOOK_ID,
			isTest: test,
		};
	}
}
