import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { classifyRunToJson } from '../../runs/mapper';
import { waitForRun, type OnTimeout } from '../../runs/poller';
import { isTerminal } from '../../runs/status';
import { uploadFile } from '../../transport/uploadFile';
import { executeItemsWithResults, usesErrorOutput } from '../../shared/executeItems';
import { toNumberParameter, type NumberRule } from '../../shared/numberParameter';
import { extendPaths } from '../../transport/paths';
import { buildClassifierRef, buildInlineConfig, buildMetadata } from './classify/classifyBody';
import { classifierProperties } from './classify/classifier.properties';
import { optionsProperties } from './classify/options.properties';
import { readDocument } from './classify/readDocument';
import { resultProperties } from './classify/result.properties';
import { outputIndexOf, routesOf, type Route } from './classify/routeByType';
import { sourceProperties } from './classify/source.properties';
import { cancelSubmittedRun, submitRun } from './classify/submitRun';

type Mode = 'waitForResult' | 'sync' | 'submitOnly';

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['classify'] } }, [
	...sourceProperties,
	...classifierProperties,
	...resultProperties,
	...optionsProperties,
]);

/** Extend ends a synchronous classify after 5 minutes; wait a little longer for its answer. */
const SYNC_TIMEOUT_MS = 310_000;

const RULES = {
	concurrency: { label: 'Concurrency', min: 1, max: 100, integer: true, fallback: 10 },
	maxWaitSeconds: { label: 'Max Wait (Seconds)', min: 1, fallback: 600 },
	priority: { label: 'Priority', min: 0, max: 100, fallback: 50 },
	fallbackBelowConfidence: { label: 'Minimum Confidence', min: 0, max: 1, fallback: 0 },
} satisfies Record<string, NumberRule>;

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

/** Returns the node's outputs: one, or with Route by Type one per classification plus Fallback. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// One pool for all items: item 0's value sets it; each item refuses a wrong value as its own error.
	const concurrencyOf = (i: number) =>
		toNumberParameter(this.getNode(), (this.getNodeParameter('options', i, {}) as IDataObject).concurrency, RULES.concurrency, i);
	let concurrency: number;
	try {
		concurrency = concurrencyOf(0);
	} catch {
		concurrency = 1;
	}
	const routing = this.getNodeParameter('routeByType', 0, false) === true;
	// Route by Type is hidden (so off) in Submit Only mode, where a notice explains why.
	const routes: Route[] = routing ? routesOf(this) : [];
	const runs: IDataObject[] = new Array(items.length);
	const minConfidences: number[] = new Array(items.length).fill(0);

	const results = await executeItemsWithResults.call(this, items.length, concurrency, async (i, signal) => {
		const mode = this.getNodeParameter('mode', i) as Mode;
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const classifierSource = this.getNodeParameter('classifierSource', i) as string;
		const node = this.getNode();

		// Everything is checked before the first request.
		concurrencyOf(i);
		const maxWaitSeconds = toNumberParameter(node, options.maxWaitSeconds, RULES.maxWaitSeconds, i);
		if (routing) {
			const value = this.getNodeParameter('fallbackBelowConfidence', i, 0);
			minConfidences[i] = toNumberParameter(node, value, RULES.fallbackBelowConfidence, i);
		}
		const body: IDataObject = {};
		if (classifierSource === 'inline') body.config = buildInlineConfig(this, i);
		else body.classifier = buildClassifierRef(this, i);
		const { metadata, correlation } = buildMetadata(this, i, options);
		if (metadata) body.metadata = metadata;
		if (mode !== 'sync' && options.priority !== undefined) {
			body.priority = Math.round(toNumberParameter(node, options.priority, RULES.priority, i));
		}
		const { input, docOptions } = await readDocument(this, i);

		if ('upload' in input) {
			const file = await uploadFile.call(this, i, input.upload, {
				password: docOptions.password as string | undefined,
				convertToPdf: docOptions.convertToPdf === true,
				signal,
			});
			body.file = { id: file.id };
		} else {
			body.file = input.ref;
		}

		const startedAt = Date.now();
		const cancelOnStop = options.cancelOnStop !== false;
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
			if (!submitted && signal.aborted && cancelOnStop && mode !== 'submitOnly' && correlation?.submissionId) {
				await cancelSubmittedRun.call(this, correlation.submissionId, body, startedAt, i);
			}
		}
		let run = submitted;

		if (mode !== 'submitOnly' && !isTerminal(run.status)) {
			run = await waitForRun.call(this, String(run.id), {
				itemIndex: i,
				maxWaitMs: maxWaitSeconds * 1000,
				onTimeout: (options.onTimeout as OnTimeout) ?? 'error',
				cancelOnStop,
				signal,
				startedAt,
			});
		}
		if (isTerminal(run.status) && run.status !== 'PROCESSED') throw failedRunError(this, run, i);

		runs[i] = run;
		const json = classifyRunToJson(run, this.getNodeParameter('simplify', i, false) === true);
		// Routing passes the input on, so the file itself reaches the chosen branch.
		if (routing || options.includeInputData === true) {
			return [{ json: { ...items[i].json, ...json }, binary: items[i].binary }];
		}
		return [{ json }];
	});

	if (!routing) return [results.flatMap((r) => r.items)];
	const outputs: INodeExecutionData[][] = Array.from({ length: routes.length + 1 }, () => []);
	results.forEach((result, i) => {
		const index = result.failed ? routes.length : outputIndexOf(routes, runs[i], minConfidences[i]);
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
