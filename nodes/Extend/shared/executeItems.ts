// Runs an operation for every input item, up to `concurrency` at a time, keeping output order and
// pairedItem. With Continue On Fail a failing item becomes an error item and the others go on;
// without it the first failure stops the rest (their waits are aborted) and is thrown.
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

export type ItemOperation = (itemIndex: number, signal: AbortSignal) => Promise<INodeExecutionData[]>;

/** The json of an error item: the message plus what Extend told us (code, request id, run). */
export function errorItemJson(error: Error): IDataObject {
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

export interface ItemResult {
	/** The output items of this input item (one error item when it failed under Continue On Fail). */
	items: INodeExecutionData[];
	failed: boolean;
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
	const failures: Array<{ index: number; error: Error }> = [];
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
					results[index] = { items: [{ json: errorItemJson(error as Error), pairedItem: { item: index } }], failed: true };
				} else {
					failures.push({ index, error: error as Error });
					controller.abort(error);
				}
			}
		}
	};

	try {
		const workers = Math.max(1, Math.min(concurrency, itemCount));
		await Promise.all(Array.from({ length: workers }, worker));
	} finally {
		executionSignal?.removeEventListener('abort', onStop);
	}

	if (executionSignal?.aborted) {
		throw new NodeOperationError(this.getNode(), 'The execution was canceled while Extend was working', {
			description: 'Runs that were still processing were cancelled on Extend unless "Cancel Run When Execution Stops" was off.',
		});
	}
	if (failures.length) {
		// The failure that stopped the batch comes first; later ones are the aborts it caused.
		const { error, index } = failures[0];
		if (error instanceof NodeOperationError || error instanceof NodeApiError) throw error;
		throw new NodeOperationError(this.getNode(), error, { itemIndex: index });
	}
	return results;
}
