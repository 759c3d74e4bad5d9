// Everything about one item that is known before Extend is asked to classify it: its parameters
// checked, its request body built and its binary uploaded. Per-item and batch submission share it,
// so an item fails the same way, before any run exists, in both.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { OnTimeout } from '../../../runs/poller';
import { toNumberParameter, type NumberRule } from '../../../shared/numberParameter';
import { uploadFile } from '../../../transport/uploadFile';
import { buildClassifierRef, buildInlineConfig, buildMetadata, type Correlation } from './classifyBody';
import { readDocument } from './readDocument';

export type Mode = 'waitForResult' | 'sync' | 'submitOnly';

export const RULES = {
	concurrency: { label: 'Concurrency', min: 1, max: 100, integer: true, fallback: 10 },
	maxWaitSeconds: { label: 'Max Wait (Seconds)', min: 1, fallback: 600 },
	priority: { label: 'Priority', min: 0, max: 100, fallback: 50 },
	fallbackBelowConfidence: { label: 'Minimum Confidence', min: 0, max: 1, fallback: 0 },
} satisfies Record<string, NumberRule>;

export interface PreparedItem {
	mode: Mode;
	/** The body of `POST /classify_runs` (or `/classify`): classifier or config, file, metadata, priority. */
	body: IDataObject;
	correlation?: Correlation;
	maxWaitMs: number;
	onTimeout: OnTimeout;
	cancelOnStop: boolean;
	includeInputData: boolean;
	simplify: boolean;
	/** Route by Type's Minimum Confidence (0 without routing). */
	minConfidence: number;
}

/** Whether the node submits its items as batches (Submission "Batch"; not in Synchronous mode). */
export function submitsBatches(ctx: IExecuteFunctions): boolean {
	return ctx.getNodeParameter('submission', 0, 'perItem') === 'batch' && ctx.getNodeParameter('mode', 0) !== 'sync';
}

export async function prepareItem(
	this: IExecuteFunctions,
	i: number,
	signal: AbortSignal,
	context: { routing: boolean; batch: boolean },
): Promise<PreparedItem> {
	const node = this.getNode();
	const mode = this.getNodeParameter('mode', i) as Mode;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const classifierSource = this.getNodeParameter('classifierSource', i) as string;

	toNumberParameter(node, options.concurrency, RULES.concurrency, i);
	const maxWaitSeconds = toNumberParameter(node, options.maxWaitSeconds, RULES.maxWaitSeconds, i);
	const minConfidence = context.routing
		? toNumberParameter(node, this.getNodeParameter('fallbackBelowConfidence', i, 0), RULES.fallbackBelowConfidence, i)
		: 0;
	if (context.batch && classifierSource === 'inline') {
		throw new NodeOperationError(node, 'Batch submission needs a saved classifier', {
			itemIndex: i,
			description:
				"Extend's batch endpoint takes a saved classifier, not inline classifications. Set Classifier to Saved Classifier, or Submission to One Run per Item.",
		});
	}
	const body: IDataObject = {};
	if (classifierSource === 'inline') body.config = buildInlineConfig(this, i);
	else body.classifier = buildClassifierRef(this, i);
	// A batch maps its runs back to items by the n8n entry, so a batch always has it.
	const { metadata, correlation } = buildMetadata(this, i, context.batch ? { ...options, addCorrelation: true } : options);
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
	return {
		mode,
		body,
		correlation,
		maxWaitMs: maxWaitSeconds * 1000,
		onTimeout: (options.onTimeout as OnTimeout) ?? 'error',
		cancelOnStop: options.cancelOnStop !== false,
		includeInputData: options.includeInputData === true,
		simplify: this.getNodeParameter('simplify', i, false) === true,
		minConfidence,
	};
}
