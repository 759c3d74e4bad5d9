import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { classifyRunToJson } from '../../runs/mapper';
import { waitForRun } from '../../runs/poller';
import { isTerminal } from '../../runs/status';
import { executeItemsWithResults, usesErrorOutput, type ItemResult } from '../../shared/executeItems';
import { toNumberParameter } from '../../shared/numberParameter';
import { extendPaths } from '../../transport/paths';
import { classifyInBatches } from './classify/batch';
import { classifierProperties } from './classify/classifier.properties';
import { optionsProperties } from './classify/options.properties';
import { prepareItem, RULES, submitsBatches, type PreparedItem } from './classify/prepareItem';
import { resultProperties } from './classify/result.properties';
import { outputIndexOf, routesOf, type Route } from './classify/routeByType';
import { sourceProperties } from './classify/source.properties';
import { cancelSubmittedRun, submitRun } from './classify/submitRun';

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['classify'] } }, [
	...sourceProperties,
	...classifierProperties,
	...resultProperties,
	...optionsProperties,
]);

/** Extend ends a synchronous classify after 5 minutes; wait a little longer for its answer. */
const SYNC_TIMEOUT_MS = 310_000;

function failedRunError(ctx: IExecuteFunctions, run: IDataObject, itemIndex: number): NodeOperationError {
	const status = String(run.status);
	const reason = run.failureReason ? String(run.failureReason) : undefined;
	const message =
		status === 'FAILED'
			? `Extend run ${String(run.id)} failed: ${reason ?? 'no reason given'}${run.failureMessage ? ` – ${String(run.failureMessage)}` : ''}`
			: `Extend run ${String(run.id)} ended with status ${status}`;
	const error = new NodeOperationError(ctx.getNode(), message, {
		itemIndex,
		description:
			reason === 'OUT_OF_CREDITS'
				? 'Add credits to your Extend organization, then run the workflow again.'
				: `See the run in Extend: ${String(run.dashboardUrl ?? run.id)}`,
	});
	error.context.run = run;
	return error;
}

/** One item's own run: submitted (never twice), then waited for unless the mode is Submit Only. */
async function classifyOne(this: IExecuteFunctions, item: PreparedItem, i: number, signal: AbortSignal): Promise<IDataObject> {
	const { mode, body, correlation } = item;
	const startedAt = Date.now();
	let submitted: IDataObject | undefined;
	try {
		submitted = await submitRun.call(this, mode === 'sync' ? extendPaths.classify : extendPaths.classifyRuns, body, {
			itemIndex: i,
			submissionId: correlation?.submissionId,
			timeoutMs: mode === 'sync' ? SYNC_TIMEOUT_MS : undefined,
			signal,
		});
	} finally {
		// Cut short by a stop or a sibling's failure while Extend may already hold the run (a
		// Synchronous request is open the whole time): find it by its submission id, cancel it.
		if (!submitted && signal.aborted && item.cancelOnStop && mode !== 'submitOnly' && correlation?.submissionId) {
			await cancelSubmittedRun.call(this, correlation.submissionId, body, startedAt, i);
		}
	}
	if (mode === 'submitOnly' || isTerminal(submitted.status)) return submitted;
	return await waitForRun.call(this, String(submitted.id), {
		itemIndex: i,
		maxWaitMs: item.maxWaitMs,
		onTimeout: item.onTimeout,
		cancelOnStop: item.cancelOnStop,
		signal,
		startedAt,
	});
}

/** Returns the node's outputs: one, or with Route by Type one per classification plus Fallback. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// One pool for all items: item 0's value sets it; each item refuses a wrong value as its own error.
	let concurrency: number;
	try {
		concurrency = toNumberParameter(this.getNode(), (this.getNodeParameter('options', 0, {}) as IDataObject).concurrency, RULES.concurrency, 0);
	} catch {
		concurrency = 1;
	}
	const routing = this.getNodeParameter('routeByType', 0, false) === true;
	// Route by Type is hidden (so off) in Submit Only mode, where a notice explains why.
	const routes: Route[] = routing ? routesOf(this) : [];
	const batch = submitsBatches(this);
	const prepared: PreparedItem[] = new Array(items.length);
	const runs: IDataObject[] = new Array(items.length);
	const prepare = async (i: number, signal: AbortSignal) => (prepared[i] = await prepareItem.call(this, i, signal, { routing, batch }));
	const finish = (i: number, run: IDataObject): INodeExecutionData[] => {
		if (isTerminal(run.status) && run.status !== 'PROCESSED') throw failedRunError(this, run, i);
		runs[i] = run;
		const json = classifyRunToJson(run, prepared[i].simplify);
		// Routing passes the input on, so the file itself reaches the chosen branch.
		if (routing || prepared[i].includeInputData) return [{ json: { ...items[i].json, ...json }, binary: items[i].binary }];
		return [{ json }];
	};

	const results: ItemResult[] = batch
		? await classifyInBatches.call(this, items.length, concurrency, prepare, finish)
		: await executeItemsWithResults.call(this, items.length, concurrency, async (i, signal) =>
				finish(i, await classifyOne.call(this, await prepare(i, signal), i, signal)),
			);

	if (!routing) return [results.flatMap((r) => r.items)];
	const outputs: INodeExecutionData[][] = Array.from({ length: routes.length + 1 }, () => []);
	results.forEach((result, i) => {
		const index = result.failed ? routes.length : outputIndexOf(routes, runs[i], prepared[i].minConfidence);
		// A failed item keeps its input; on the error output n8n adds the input fields itself.
		const routed = result.failed
			? result.items.map((item) => ({
					...item,
					json: usesErrorOutput(this) ? item.json : { ...items[i].json, ...item.json },
					binary: items[i].binary,
				}))
			: result.items;
		outputs[index].push(...routed);
	});
	return outputs;
}
