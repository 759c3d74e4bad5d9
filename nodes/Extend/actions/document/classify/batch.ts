// Submission "Batch": the items' documents go to Extend in batch requests (`POST
// /classify_runs/batch`, up to 1,000 inputs each) and Wait for Result follows each batch as a whole.
// For every item the outcome is what per-item submission gives: the same checks before any request,
// the same output order, pairing, routing and error items.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { batchGetPacer, type Pacer } from '../../../runs/batchRuns';
import { cancelRunQuietly, waitForBatch } from '../../../runs/poller';
import { asNodeError, canceledError, executeItemsWithResults, type ItemResult } from '../../../shared/executeItems';
import { extendPaths } from '../../../transport/paths';
import type { PreparedItem } from './prepareItem';
import { submissionIdOf, submitRun } from './submitRun';

/** Extend's limit of inputs in one batch request. */
const MAX_BATCH_INPUTS = 1000;

interface Batch {
	/** Input items, in the order of the batch's inputs. */
	items: number[];
	submitted?: IDataObject;
	startedAt?: number;
}

/** Items with the same classifier and priority share batches, in item order, 1,000 at most each. */
function groupIntoBatches(prepared: PreparedItem[]): Batch[] {
	const groups = new Map<string, number[]>();
	prepared.forEach((item, i) => {
		if (!item) return;
		const key = JSON.stringify([item.body.classifier, item.body.priority]);
		groups.set(key, [...(groups.get(key) ?? []), i]);
	});
	const batches: Batch[] = [];
	for (const items of groups.values()) {
		for (let at = 0; at < items.length; at += MAX_BATCH_INPUTS) batches.push({ items: items.slice(at, at + MAX_BATCH_INPUTS) });
	}
	return batches;
}

function batchBody(prepared: PreparedItem[], batch: Batch): IDataObject {
	const first = prepared[batch.items[0]].body;
	return {
		classifier: first.classifier,
		inputs: batch.items.map((i) => ({ file: prepared[i].body.file, ...(prepared[i].body.metadata ? { metadata: prepared[i].body.metadata } : {}) })),
		...(first.priority !== undefined ? { priority: first.priority } : {}),
	};
}

function unfinishedError(ctx: IExecuteFunctions, run: IDataObject | undefined, batchId: string, item: PreparedItem, i: number, cancelled: boolean) {
	const seconds = Math.round(item.maxWaitMs / 1000);
	const which = run ? `Extend run ${String(run.id)} of batch ${batchId}` : `The run of this item in batch ${batchId}`;
	return new NodeOperationError(
		ctx.getNode(),
		`${which} did not finish within ${seconds} seconds (last status: ${String(run?.status ?? 'not listed yet')}).${cancelled ? ' It was cancelled on Extend.' : ''}`,
		{
			itemIndex: i,
			description:
				'Raise "Max Wait (Seconds)" in Options, set "On Timeout" to "Return Run As Is", or use Mode "Submit Only" with the Extend Trigger (its batch events start one execution per batch). ' +
				`Look the runs up later with the Classify Run operation Get Many and the filter Batch ID ${batchId}.`,
		},
	);
}

/** Follows one batch and settles each of its items: its run, or the error that stands for it. */
async function settle(
	ctx: IExecuteFunctions,
	prepared: PreparedItem[],
	batch: Batch,
	runs: IDataObject[],
	errors: unknown[],
	signal: AbortSignal,
	pacer: Pacer,
) {
	const submitted = batch.submitted as IDataObject;
	const lead = prepared[batch.items[0]];
	const outcome = await waitForBatch.call(ctx, submitted, {
		itemIndex: batch.items[0],
		maxWaitMs: lead.maxWaitMs,
		cancelOnStop: lead.cancelOnStop,
		signal,
		pacer,
		startedAt: batch.startedAt ?? Date.now(),
	});
	const itemOf = new Map(batch.items.map((i) => [prepared[i].correlation?.submissionId, i]));
	const indexOf = (run: IDataObject) => itemOf.get(submissionIdOf(run) as string);
	for (const run of outcome.finished) {
		const i = indexOf(run);
		if (i !== undefined) runs[i] = run;
	}
	const unfinished = new Map(outcome.unfinished.map((run) => [indexOf(run), run]));
	for (const i of batch.items) {
		if (runs[i]) continue;
		const run = unfinished.get(i);
		const item = prepared[i];
		if (run && item.onTimeout === 'returnRun') {
			runs[i] = run;
			continue;
		}
		const cancelled = !!run && item.onTimeout === 'cancelAndError' && !!(await cancelRunQuietly.call(ctx, String(run.id), i));
		errors[i] = unfinishedError(ctx, run, String(submitted.id), item, i, cancelled);
	}
}

/** The results per input item, as executeItemsWithResults gives them in per-item submission. */
export async function classifyInBatches(
	this: IExecuteFunctions,
	count: number,
	concurrency: number,
	prepare: (i: number, signal: AbortSignal) => Promise<PreparedItem>,
	finish: (i: number, run: IDataObject) => INodeExecutionData[],
): Promise<ItemResult[]> {
	const prepared: PreparedItem[] = new Array(count);
	const errors: unknown[] = new Array(count);
	// 1. Every item is checked and its binary uploaded, Concurrency at a time; without Continue On
	// Fail the first bad item stops the node before any batch exists.
	await executeItemsWithResults.call(this, count, concurrency, async (i, signal) => {
		try {
			prepared[i] = await prepare(i, signal);
		} catch (error) {
			errors[i] = error;
			throw asNodeError(this, error, i);
		}
		return [];
	});

	// 2. One request per batch; a failed one is the error of each of its items.
	const signal = this.getExecutionCancelSignal() ?? new AbortController().signal;
	const batches = groupIntoBatches(prepared);
	for (const batch of batches) {
		const lead = batch.items[0];
		try {
			const startedAt = Date.now();
			const submitted = await submitRun.call(this, extendPaths.classifyRunsBatch, batchBody(prepared, batch), {
				itemIndex: lead,
				submissionId: prepared[lead].correlation?.submissionId,
				signal,
			});
			if (submitted.object !== 'batch_run') {
				// Its answer was lost, and the look-up found one of its runs: the batch exists, but its id is unknown.
				throw new NodeOperationError(this.getNode(), `Extend created the batch, but its answer was lost (it holds run ${String(submitted.id)})`, {
					itemIndex: lead,
					description: `Do not run these items again: they are being classified. Find their runs with Classify Run → Get Many, or continue with the Extend Trigger.`,
				});
			}
			batch.submitted = submitted;
			batch.startedAt = startedAt;
		} catch (error) {
			for (const i of batch.items) errors[i] = error;
		}
	}

	// 3. Wait for Result follows every batch; Submit Only returns each batch as one item.
	const submitOnly = prepared.find(Boolean)?.mode === 'submitOnly';
	const runs: IDataObject[] = new Array(count);
	const submittedBatches = batches.filter((b) => b.submitted);
	const pacer = batchGetPacer;
	if (!submitOnly) {
		try {
			await Promise.all(submittedBatches.map(async (b) => await settle(this, prepared, b, runs, errors, signal, pacer)));
		} catch (error) {
			if (signal.aborted) throw canceledError(this);
			throw asNodeError(this, error);
		}
	}
	if (signal.aborted) throw canceledError(this);
	const leads = new Map(submittedBatches.map((b) => [b.items[0], b]));

	// 4. The outputs, in item order, through the same error handling as per-item submission.
	const results = await executeItemsWithResults.call(this, count, count, async (i) => {
		if (errors[i]) throw errors[i];
		if (!submitOnly) return finish(i, runs[i]);
		const batch = leads.get(i);
		return batch ? [{ json: batch.submitted as IDataObject }] : [];
	});
	// A Submit Only batch item stands for all of its inputs.
	for (const [i, batch] of leads) if (submitOnly) results[i].items.forEach((item) => (item.pairedItem = batch.items.map((item) => ({ item }))));
	return results;
}
