// Runs an operation for every input item, up to `concurrency` at a time, keeping output order and
// pairedItem. With Continue On Fail a failing item becomes an error item and the others go on;
// without it the first failure aborts the rest at once (their requests and waits, through the
// signal each operation gets) and is thrown.
import * as n8nWorkflow from 'n8n-workflow';
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

type ItemOperation = (itemIndex: number, signal: AbortSignal) => Promise<INodeExecutionData[]>;

/** The json of an error item: the message plus what Extend told us (code, request id, run). */
function errorItemJson(error: Error): IDataObject {
	const context = ((error as { context?: IDataObject }).context ?? {}) as IDataObject;
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: string }).description;
	if (description) json.description = description;
	const extend = context.extend as IDataObject | undefined;
	if (extend) {
		for (const key of ['code', 'requestId', 'httpCode'] as const) if (extend[key] != null) json[key] = extend[key];
	}
	const run = context.run as IDataObject | undefined;
	if (run) {
		json.runId = run.id;
		json.status = run.status;
		json.failureReason = run.failureReason ?? null;
		json.failureMessage = run.failureMessage ?? null;
		json.run = run;
	}
	return json;
}

/** The error as n8n shows it: node errors as they are, anything else wrapped. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** Whether the node's "On Error" setting is "Continue (using error output)". */
export function usesErrorOutput(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().onError === 'continueErrorOutput';
}

/**
 * Whether this n8n moves an item whose json holds `details` to the error output. n8n-core's
 * WorkflowExecute.handleNodeErrorOutput takes json of only error/message/details from 2.36 on;
 * before (2.8 … 2.35) only `{error}` or `{error, message}`. Nodes cannot ask n8n-core for its
 * version, but n8n ships n8n-core and n8n-workflow of one version, and n8n-workflow exports
 * `redactedHeaders` from 2.36 on (checked in the npm packages 2.35.0 and 2.36.0).
 */
export const ERROR_OUTPUT_TAKES_DETAILS = 'redactedHeaders' in n8nWorkflow;

/**
 * The json of a failed item under Continue On Fail. With "Continue (regular output)" the details
 * stay flat, where an IF node can read them. With "Continue (using error output)" n8n moves the
 * item only when its json has the shape above, and adds the input item's fields itself; so there
 * the details go under `details`, or are left out on n8n before 2.36 (the message still names the
 * run and the reason). n8n replaces the json of an item carrying `error`, so that field is not used.
 */
export function errorJson(json: IDataObject, errorOutput: boolean, takesDetails = ERROR_OUTPUT_TAKES_DETAILS): IDataObject {
	const { error: message, ...details } = json;
	if (!errorOutput) return json;
	return takesDetails ? { error: message, details } : { error: message };
}

function errorItem(ctx: IExecuteFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	return { json: errorJson(errorItemJson(asNodeError(ctx, error, itemIndex)), usesErrorOutput(ctx)), pairedItem: { item: itemIndex } };
}

export interface ItemResult {
	/** The output items of this input item (one error item when it failed under Continue On Fail). */
	items: INodeExecutionData[];
	failed: boolean;
}

/** What a stopped execution ends with, whichever way its items were going. */
export function canceledError(ctx: IExecuteFunctions): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), 'The execution was canceled while Extend was working', {
		description: 'Runs that were still processing were cancelled on Extend unless "Cancel Run on Stop" was off.',
	});
}

export async function executeItems(
	this: IExecuteFunctions,
	itemCount: number,
	concurrency: number,
	operation: ItemOperation,
): Promise<INodeExecutionData[]> {
	return (await executeItemsWithResults.call(this, itemCount, concurrency, operation)).flatMap((r) => r.items);
}

/** Like executeItems, but tells per input item whether it failed (for routing to a fallback output). */
export async function executeItemsWithResults(
	this: IExecuteFunctions,
	itemCount: number,
	concurrency: number,
	operation: ItemOperation,
): Promise<ItemResult[]> {
	const controller = new AbortController();
	const executionSignal = this.getExecutionCancelSignal();
	const onStop = () => controller.abort(executionSignal?.reason);
	if (executionSignal?.aborted) onStop();
	executionSignal?.addEventListener('abort', onStop, { once: true });

	const results: ItemResult[] = new Array(itemCount);
	const failures: Array<{ index: number; error: unknown }> = [];
	const continueOnFail = this.continueOnFail();
	let next = 0;

	const worker = async () => {
		while (next < itemCount && !controller.signal.aborted) {
			const index = next++;
			try {
				const items = await operation(index, controller.signal);
				results[index] = { items: items.map((item) => ({ ...item, pairedItem: { item: index } })), failed: false };
			} catch (error) {
				if (continueOnFail && !executionSignal?.aborted) {
					results[index] = { items: [errorItem(this, error, index)], failed: true };
				} else {
					failures.push({ index, error });
					controller.abort(error);
				}
			}
		}
	};

	try {
		// A concurrency that is not a whole number ≥ 1 was already refused per item by the caller.
		const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, itemCount));
		await Promise.all(Array.from({ length: workers }, worker));
	} finally {
		executionSignal?.removeEventListener('abort', onStop);
	}

	if (executionSignal?.aborted) throw canceledError(this);
	if (failures.length) {
		// The failure that stopped the batch comes first; later ones are the aborts it caused.
		const { error, index } = failures[0];
		throw asNodeError(this, error, index);
	}
	return results;
}
