// Runs a trigger node's webhook lifecycle and its webhook() inside n8n-core's own contexts
// (HookContext, WebhookContext), behind a real loopback HTTP server, the way n8n's webhook
// services drive them:
// - activation (production) and "Listen for test event" (test URL, its own static data, removed
//   again after the first test execution) call checkExists, then create when it returned false;
// - every request builds a fresh Workflow from the stored static data (n8n loads it from the
//   database per request), reads the raw body and parses JSON like n8n's body parser (422 when that
//   fails), runs webhook(), and saves the static data where n8n does: in its response callback,
//   called at once when the node answered itself (`noWebhookResponse`), else after the run started;
// - starting a run builds a second Workflow over the same static data, as newer n8n's (2.41.1, not 2.8.4)
//   WorkflowRunner.run does (establishContextForPersistence): n8n-workflow's ObservableObject then
//   resets the changed flag, so a change the node made is saved only when the node answered itself.
// A started execution is recorded with the items the trigger produced (not run further).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { ExtendApi } from '../../credentials/ExtendApi.credentials';
import { TestCredentialsHelper } from './credentialsHelper';
import { oneNodeType } from './runNode';

export const TRIGGER_NODE_NAME = 'Extend Trigger';
const WEBHOOK_ID = '0b2c7f4e-9d1a-4c3b-8e5f-6a7b8c9d0e1f';

export interface LogEntry {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
	meta?: unknown;
}

/** One HTTP request the harness answered. */
export interface HandledRequest {
	test: boolean;
	/** 0 when the connection was dropped without an answer. */
	status: number;
	body: string;
	/** Whether it started an execution. */
	started: boolean;
}

export interface StartedExecution {
	mode: 'webhook' | 'manual';
	items: INodeExecutionData[];
}

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

type HarnessRequest = IncomingMessage & {
	rawBody?: Buffer;
	readRawBody: () => Promise<void>;
	body: unknown;
	query: Record<string, string>;
	params: Record<string, string>;
	contentType?: string;
	header: (name: string) => string | undefined;
};

type HarnessResponse = ServerResponse & {
	status: (code: number) => HarnessResponse;
	send: (body?: unknown) => HarnessResponse;
	json: (body: unknown) => HarnessResponse;
};

function asExpressRequest(req: IncomingMessage): HarnessRequest {
	const request = req as HarnessRequest;
	request.readRawBody = async () => {
		if (request.rawBody) return;
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		request.rawBody = Buffer.concat(chunks);
	};
	const url = new URL(req.url ?? '/', 'http://harness');
	request.query = Object.fromEntries(url.searchParams);
	request.params = {};
	request.body = {};
	request.contentType = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
	request.header = (name: string) => {
		const value = req.headers[name.toLowerCase()];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	return request;
}

function asExpressResponse(res: ServerResponse): HarnessResponse {
	const response = res as HarnessResponse;
	response.status = (code: number) => {
		res.statusCode = code;
		return response;
	};
	response.send = (body?: unknown) => {
		if (res.writableEnded) return response;
		if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) return response.json(body);
		if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
		res.end(body);
		return response;
	};
	response.json = (body: unknown) => {
		if (res.writableEnded) return response;
		res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(body));
		return response;
	};
	return response;
}

/** The text a ServerResponse was given, captured for assertions. */
function captureBody(res: ServerResponse): () => string {
	const chunks: Buffer[] = [];
	const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
	(res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
		const [chunk] = args;
		if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) chunks.push(Buffer.from(chunk));
		return end(...args);
	};
	return () => Buffer.concat(chunks).toString('utf8');
}

/** Holds back a response's end (so its answer can still be lost); release() sends it. */
function holdAnswer(res: ServerResponse): { release: () => void } {
	const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
	let held: unknown[] | undefined;
	(res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
		held = args;
		return res;
	};
	return {
		release: () => {
			(res as unknown as { end: typeof end }).end = end;
			if (held) end(...held);
		},
	};
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? {})) as T;

export class TriggerHarness {
	/** The "database" copy of the workflow's static data (production). */
	staticData: IDataObject = {};
	readonly executions: StartedExecution[] = [];
	readonly handled: HandledRequest[] = [];
	readonly logs: LogEntry[] = [];
	baseUrl = '';

	private server?: Server;
	private parameters: INodeParameters;
	private testStaticData?: IDataObject;
	private losePending = 0;
	private readonly nodeTypes: INodeTypes;
	private readonly type: string;
	private readonly credentialsHelper: TestCredentialsHelper;
	private readonly waiters: Array<{ count: number; resolve: () => void }> = [];

	constructor(private readonly options: TriggerHarnessOptions) {
		this.parameters = options.parameters;
		this.type = `n8n-nodes-extend.${options.node.description.name}`;
		this.nodeTypes = oneNodeType(this.type, options.node);
		this.credentialsHelper = new TestCredentialsHelper(
			options.credentialTypes ?? { extendApi: new ExtendApi() },
			options.credentials ?? {},
		);
	}

	static async start(options: TriggerHarnessOptions): Promise<TriggerHarness> {
		const harness = new TriggerHarness(options);
		await harness.listen();
		return harness;
	}

	get productionUrl(): string {
		return `${this.baseUrl}/webhook/${WEBHOOK_ID}/webhook`;
	}

	get testUrl(): string {
		return `${this.baseUrl}/webhook-test/${WEBHOOK_ID}/webhook`;
	}

	/** The node's parameters from now on (as after editing and saving the workflow). */
	setParameters(parameters: INodeParameters): void {
		this.parameters = parameters;
	}

	/** The node's static data as stored (production), e.g. `nodeData().signingSecret`. */
	nodeData(): IDataObject {
		return (this.staticData[`node:${TRIGGER_NODE_NAME}`] as IDataObject | undefined) ?? {};
	}

	/** Answers the next `count` requests that start an execution by dropping the connection (a
	 * response lost on the way back), after the node ran and n8n saved what it saves. */
	loseNextResponses(count: number): void {
		this.losePending = count;
	}

	/** Resolves once `count` requests in total have been answered. */
	async waitForHandled(count: number, timeoutMs = 10_000): Promise<void> {
		if (this.handled.length >= count) return;
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`waited ${timeoutMs} ms for ${count} requests, got ${this.handled.length}`)), timeoutMs);
			this.waiters.push({
				count,
				resolve: () => {
					clearTimeout(timer);
					resolve();
				},
			});
		});
	}

	// ---- lifecycle (n8n's WebhookService.createWebhookIfNotExists / deleteWebhook) --------------

	/** Publishing the workflow: checkExists, then create when it returned false. */
	async activate(): Promise<{ existed: boolean }> {
		return await this.withWorkflow(false, async (workflow) => {
			const existed = await this.runHook(workflow, false, 'checkExists');
			if (!existed) await this.runHook(workflow, false, 'create');
			return { existed };
		});
	}

	async deactivate(): Promise<boolean> {
		return await this.withWorkflow(false, async (workflow) => await this.runHook(workflow, false, 'delete'));
	}

	/** Runs one lifecycle method against the production static data (saved when it changed). */
	async hook(method: 'checkExists' | 'create' | 'delete'): Promise<boolean> {
		return await this.withWorkflow(false, async (workflow) => await this.runHook(workflow, false, method));
	}

	/** "Listen for test event": a workflow with empty static data, kept with the registration. */
	async listenForTest(): Promise<void> {
		const workflow = this.workflow({});
		const existed = await this.runHook(workflow, true, 'checkExists');
		if (!existed) await this.runHook(workflow, true, 'create');
		this.testStaticData = clone(workflow.staticData as IDataObject);
	}

	get isListeningForTest(): boolean {
		return this.testStaticData !== undefined;
	}

	async stopListeningForTest(): Promise<void> {
		if (!this.testStaticData) return;
		const workflow = this.workflow(this.testStaticData);
		await this.runHook(workflow, true, 'delete');
		this.testStaticData = undefined;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeAllConnections();
		await closed;
	}

	// ---- internals -----------------------------------------------------------------------------

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

	private workflow(staticData: IDataObject): Workflow {
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

	/** A workflow over the stored static data; the data is written back when the node changed it. */
	private async withWorkflow<T>(test: boolean, fn: (workflow: Workflow) => Promise<T>, saveAfter = true): Promise<T> {
		const workflow = this.workflow(this.staticData);
		if (test && this.testStaticData) workflow.setTestStaticData(this.testStaticData);
		try {
			return await workflow.expression.withIsolate(async () => await fn(workflow));
		} finally {
			if (saveAfter) this.save(workflow);
		}
	}

	private save(workflow: Workflow): void {
		if ((workflow.staticData as IDataObject).__dataChanged === true) this.staticData = clone(workflow.staticData as IDataObject);
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
		const description = this.options.node.description.webhooks![0];
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

	/** The context's logger (n8n's DI Logger) replaced by one that records, per context. */
	private captureLogs<T extends object>(context: T): T {
		const record = (level: LogEntry['level']) => (message: string, meta?: unknown) => this.logs.push({ level, message, meta });
		Object.defineProperty(context, 'logger', {
			value: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
		});
		return context;
	}

	private async runHook(workflow: Workflow, test: boolean, method: 'checkExists' | 'create' | 'delete'): Promise<boolean> {
		const fn = this.options.node.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`the node has no webhookMethods.default.${method}`);
		const additionalData = this.additionalData();
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const mode = test ? 'manual' : 'trigger';
		const activation = test ? 'manual' : 'activate';
		const context = this.captureLogs(
			new HookContext(workflow, node, additionalData, mode, activation, this.webhookData(workflow, test, additionalData)),
		);
		return await fn.call(context);
	}

	private async listen(): Promise<void> {
		this.server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
	}

	private async handle(rawReq: IncomingMessage, rawRes: ServerResponse): Promise<void> {
		const bodyOf = captureBody(rawRes);
		const path = new URL(rawReq.url ?? '/', 'http://harness').pathname;
		const test = path === new URL(this.testUrl).pathname;
		let started = false;
		const finish = () => {
			this.handled.push({ test, status: rawRes.writableEnded ? rawRes.statusCode : 0, body: bodyOf(), started });
			for (const waiter of [...this.waiters]) {
				if (this.handled.length >= waiter.count) {
					this.waiters.splice(this.waiters.indexOf(waiter), 1);
					waiter.resolve();
				}
			}
		};
		const req = asExpressRequest(rawReq);
		const res = asExpressResponse(rawRes);
		const held = this.losePending > 0 ? holdAnswer(rawRes) : undefined;
		try {
			const known = path === new URL(this.productionUrl).pathname || (test && this.isListeningForTest);
			if (!known || rawReq.method !== 'POST') {
				res.status(404).json({ code: 404, message: 'The requested webhook is not registered.' });
				return;
			}
			if (this.options.readBody !== false && !(await this.parseBodyLikeN8n(req, res))) return;
			started = await this.withWorkflow(test, async (workflow) => await this.runWebhook(workflow, test, req, res), false);
		} catch (error) {
			if (!rawRes.headersSent) res.status(500).json({ code: 0, message: (error as Error).message });
		} finally {
			if (held && started) {
				this.losePending--;
				rawReq.socket.destroy();
			} else held?.release();
			if (rawRes.writableEnded) finish();
			else rawRes.once('close', finish);
		}
		if (started && test) await this.stopListeningForTest(); // n8n removes test webhooks after one run
	}

	/** n8n's body parser: reads the raw body; JSON that does not parse is refused with 422. */
	private async parseBodyLikeN8n(req: HarnessRequest, res: HarnessResponse): Promise<boolean> {
		await req.readRawBody();
		if (!req.rawBody?.length) return true;
		try {
			if (req.contentType === 'application/json') req.body = JSON.parse(req.rawBody.toString('utf8'));
			else if (req.contentType === 'text/plain') req.body = req.rawBody.toString('utf8');
		} catch {
			res.status(422).json({ code: 422, message: 'Failed to parse request body' });
			return false;
		}
		return true;
	}

	/** WebhookService.runWebhook + handleImmediateWebhookResponse for responseMode onReceived. */
	private async runWebhook(workflow: Workflow, test: boolean, req: HarnessRequest, res: HarnessResponse): Promise<boolean> {
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const mode = test ? 'manual' : 'webhook';
		const additionalData = this.additionalData({
			httpRequest: req as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
			httpResponse: res as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
		});
		const context = this.captureLogs(
			new WebhookContext(workflow, node, additionalData, mode, this.webhookData(workflow, test, additionalData), [], null),
		);
		const result: IWebhookResponseData = await this.options.node.webhook!.call(context);
		const answered = result.noWebhookResponse === true;
		if (answered) this.save(workflow); // n8n's response callback saves the static data

		if (result.workflowData === undefined) {
			if (!answered) {
				res.status(200).send(result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Webhook call received' });
				this.save(workflow);
			}
			return false;
		}
		this.executions.push({ mode, items: result.workflowData[0] ?? [] });
		this.startRunLikeN8n(workflow);
		if (!answered) {
			res.status(200).send({ message: 'Workflow was started' });
			this.save(workflow);
		}
		return true;
	}

	/** What WorkflowRunner.run does to the static data (2.41.1, not 2.8.4): a Workflow over the same object. */
	private startRunLikeN8n(workflow: Workflow): void {
		new Workflow({
			id: workflow.id,
			name: workflow.name,
			nodes: Object.values(workflow.nodes),
			connections: workflow.connectionsBySourceNode,
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: workflow.staticData,
			settings: workflow.settings,
		});
	}
}
