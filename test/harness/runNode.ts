// Runs one node inside n8n-core's real WorkflowExecute: parameters are resolved by n8n, HTTP goes
// through n8n's request helpers with the credential's authenticate, binary helpers, pairedItem and
// continueOnFail are n8n's own. Returns the run and the node's outputs.
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ILoadOptionsFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { ExtendApi } from '../../credentials/ExtendApi.credentials';
import { TestCredentialsHelper } from './credentialsHelper';

export const NODE_NAME = 'Under Test';

export interface RunNodeOptions extends TestWorkflowOptions {
	input?: INodeExecutionData[];
	/** Aborting it stops the execution the way n8n's Stop button does. */
	signal?: AbortSignal;
}

export interface NodeRun {
	run: IRun;
	status: IRun['status'];
	/** Every output of the node (one array per output). */
	outputs: INodeExecutionData[][];
	/** The first output, the usual case. */
	items: INodeExecutionData[];
	error?: ExecutionError;
}

/** n8n's node type registry, holding the one node under test. */
export function oneNodeType(type: string, node: INodeType): INodeTypes {
	return {
		getByName: (name) => (name === type ? node : (undefined as never)),
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(name === type ? node : (undefined as never), version),
		getKnownTypes: () => ({}),
	};
}

export interface TestWorkflowOptions {
	node: INodeType;
	type?: string;
	typeVersion?: number;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: Record<string, ICredentialType>;
	continueOnFail?: boolean;
	/** n8n's "On Error" node setting; continueOnFail is short for 'continueRegularOutput'. */
	onError?: INode['onError'];
	executionId?: string;
	mode?: WorkflowExecuteMode;
}

/** A one-node workflow with n8n's own Workflow class, plus the additional data n8n's contexts need. */
export function createTestWorkflow(options: TestWorkflowOptions) {
	const type = options.type ?? `n8n-nodes-extend.${options.node.description.name}`;
	const credentialTypes = options.credentialTypes ?? { extendApi: new ExtendApi() };
	const credentials = options.credentials ?? {};
	const executionId = options.executionId ?? 'exec-test-1';
	const mode = options.mode ?? 'manual';

	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		webhookId: 'e2e0c0de-0000-4000-8000-000000000001',
		credentials: Object.fromEntries(
			Object.keys(credentials).map((name) => [name, { id: `cred-${name}`, name }]),
		),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.onError ? { onError: options.onError } : {}),
	};
	const nodeTypes = oneNodeType(type, options.node);
	const workflowData = {
		id: 'wf-test',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		settings: { executionOrder: 'v1' },
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const additionalData = {
		executionId,
		currentNodeExecutionIndex: 0,
		webhookBaseUrl: 'http://localhost/webhook',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
		credentialsHelper: new TestCredentialsHelper(credentialTypes, credentials),
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, workflowData, node: workflow.getNode(NODE_NAME)!, additionalData, mode };
}

/** n8n's own context for a node's listSearch / loadOptions methods. */
export function loadOptionsContext(options: TestWorkflowOptions): ILoadOptionsFunctions {
	const { workflow, node, additionalData } = createTestWorkflow(options);
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters');
}

export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	const { workflow, node, additionalData, mode } = createTestWorkflow(options);
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main: [options.input ?? [{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	const execution = new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	const onAbort = () => execution.cancel();
	options.signal?.addEventListener('abort', onAbort, { once: true });
	let run: IRun;
	try {
		run = await execution;
	} finally {
		options.signal?.removeEventListener('abort', onAbort);
	}
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
	return {
		run,
		status: run.status,
		outputs,
		items: outputs[0] ?? [],
		error: run.data.resultData.error ?? taskData?.error,
	};
}
