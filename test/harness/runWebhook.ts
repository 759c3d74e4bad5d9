// Runs a trigger node's webhook lifecycle and its webhook() inside n8n-core's own contexts
// (HookContext, WebhookContext), behind a real loopback HTTP server, the way n8n's webhook
// services drive them:
// - activation (production) and "Listen for test event" (test URL, its own static data, removed
//   again after the first test execution) call checkExists, then create when it returned false
//   (webhook/lifecycle.ts);
// - every request builds a fresh Workflow from the stored static data (n8n loads it from the
//   database per request), reads the raw body and parses JSON like n8n's body parser (422 when that
//   fails: webhook/n8nBodyParser.ts), runs webhook() and saves the static data where n8n does
//   (webhook/webhookCall.ts), including newer n8n's reset of the changed flag when a run starts
//   (webhook/n8nStaticData.ts);
// - answers can be lost on the way back (webhook/lostResponses.ts); answers and log lines are
//   recorded for assertions.
// This file is the harness's one entry; the parts live in webhook/.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import type { IDataObject, INodeParameters, Workflow } from 'n8n-workflow';

import { asExpressRequest, asExpressResponse } from './webhook/expressLike';
import { createWebhookIfNotExists, runHook, type HookMethod } from './webhook/lifecycle';
import type { LogEntry } from './webhook/logCapture';
import { LostResponses } from './webhook/lostResponses';
import { parseBodyLikeN8n } from './webhook/n8nBodyParser';
import { changedStaticData, clone } from './webhook/n8nStaticData';
import { captureBody, closeServer, listenOnLoopback, pathOf, whenAnswered, type HandledRequest } from './webhook/server';
import { TRIGGER_NODE_NAME, TriggerContexts, WEBHOOK_ID, type TriggerHarnessOptions } from './webhook/triggerContexts';
import { runWebhookLikeN8n, type StartedExecution } from './webhook/webhookCall';

export { TRIGGER_NODE_NAME, type HandledRequest, type LogEntry, type StartedExecution, type TriggerHarnessOptions };

export class TriggerHarness {
	/** The "database" copy of the workflow's static data (production). */
	staticData: IDataObject = {};
	readonly executions: StartedExecution[] = [];
	readonly handled: HandledRequest[] = [];
	readonly logs: LogEntry[] = [];

	private server?: Server;
	private testStaticData?: IDataObject;
	private readonly lost = new LostResponses();
	private readonly contexts: TriggerContexts;

	constructor(private readonly options: TriggerHarnessOptions) {
		this.contexts = new TriggerContexts(options, this.logs);
	}

	static async start(options: TriggerHarnessOptions): Promise<TriggerHarness> {
		const harness = new TriggerHarness(options);
		await harness.listen();
		return harness;
	}

	get baseUrl(): string {
		return this.contexts.baseUrl;
	}

	get productionUrl(): string {
		return `${this.baseUrl}/webhook/${WEBHOOK_ID}/webhook`;
	}

	get testUrl(): string {
		return `${this.baseUrl}/webhook-test/${WEBHOOK_ID}/webhook`;
	}

	/** The node's parameters from now on (as after editing and saving the workflow). */
	setParameters(parameters: INodeParameters): void {
		this.contexts.parameters = parameters;
	}

	/** The node's static data as stored (production), e.g. `nodeData().signingSecret`. */
	nodeData(): IDataObject {
		return (this.staticData[`node:${TRIGGER_NODE_NAME}`] as IDataObject | undefined) ?? {};
	}

	/** Answers the next `count` requests that start an execution by dropping the connection (a
	 * response lost on the way back), after the node ran and n8n saved what it saves. */
	loseNextResponses(count: number): void {
		this.lost.loseNext(count);
	}

	// ---- lifecycle -----------------------------------------------------------------------------

	/** Publishing the workflow: checkExists, then create when it returned false. */
	async activate(): Promise<{ existed: boolean }> {
		return await this.withWorkflow(false, async (workflow) => ({ existed: await createWebhookIfNotExists(this.contexts, workflow, false) }));
	}

	async deactivate(): Promise<boolean> {
		return await this.hook('delete');
	}

	/** Runs one lifecycle method against the production static data (saved when it changed). */
	async hook(method: HookMethod): Promise<boolean> {
		return await this.withWorkflow(false, async (workflow) => await runHook(this.contexts, workflow, false, method));
	}

	/** "Listen for test event": a workflow with empty static data, kept with the registration. */
	async listenForTest(): Promise<void> {
		const workflow = this.contexts.workflow({});
		await createWebhookIfNotExists(this.contexts, workflow, true);
		this.testStaticData = clone(workflow.staticData as IDataObject);
	}

	get isListeningForTest(): boolean {
		return this.testStaticData !== undefined;
	}

	async stopListeningForTest(): Promise<void> {
		if (!this.testStaticData) return;
		const workflow = this.contexts.workflow(this.testStaticData);
		await runHook(this.contexts, workflow, true, 'delete');
		this.testStaticData = undefined;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		await closeServer(server);
	}

	// ---- static data ---------------------------------------------------------------------------

	/** A workflow over the stored static data; the data is written back when the node changed it. */
	private async withWorkflow<T>(test: boolean, fn: (workflow: Workflow) => Promise<T>, saveAfter = true): Promise<T> {
		const workflow = this.contexts.workflow(this.staticData);
		if (test && this.testStaticData) workflow.setTestStaticData(this.testStaticData);
		try {
			return await workflow.expression.withIsolate(async () => await fn(workflow));
		} finally {
			if (saveAfter) this.save(workflow);
		}
	}

	private save(workflow: Workflow): void {
		const changed = changedStaticData(workflow);
		if (changed) this.staticData = changed;
	}

	// ---- requests ------------------------------------------------------------------------------

	private async listen(): Promise<void> {
		const { server, baseUrl } = await listenOnLoopback((req, res) => void this.handle(req, res));
		this.server = server;
		this.contexts.baseUrl = baseUrl;
	}

	private async handle(rawReq: IncomingMessage, rawRes: ServerResponse): Promise<void> {
		const bodyOf = captureBody(rawRes);
		const path = pathOf(rawReq.url);
		const test = path === pathOf(this.testUrl);
		let started = false;
		const record = () => this.handled.push({ test, status: rawRes.writableEnded ? rawRes.statusCode : 0, body: bodyOf(), started });
		const req = asExpressRequest(rawReq);
		const res = asExpressResponse(rawRes);
		const settleAnswer = this.lost.intercept(rawReq, rawRes);
		try {
			const known = path === pathOf(this.productionUrl) || (test && this.isListeningForTest);
			if (!known || rawReq.method !== 'POST') {
				res.status(404).json({ code: 404, message: 'The requested webhook is not registered.' });
				return;
			}
			if (this.options.readBody !== false && !(await parseBodyLikeN8n(req, res))) return;
			started = await this.withWorkflow(
				test,
				async (workflow) =>
					await runWebhookLikeN8n(this.contexts, workflow, test, { req, res }, {
						save: () => this.save(workflow),
						start: (execution) => this.executions.push(execution),
					}),
				false,
			);
		} catch (error) {
			if (!rawRes.headersSent) res.status(500).json({ code: 0, message: (error as Error).message });
		} finally {
			settleAnswer(started);
			whenAnswered(rawRes, record);
		}
		if (started && test) await this.stopListeningForTest(); // n8n removes test webhooks after one run
	}
}
