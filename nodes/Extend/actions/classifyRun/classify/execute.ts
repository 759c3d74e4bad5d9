import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { classifyRunToJson } from '../../../runs/mapper';
import { waitForRun, type OnTimeout } from '../../../runs/poller';
import { isTerminal } from '../../../runs/status';
import { readBinaryFile, uploadFile, type BinaryFile } from '../../../shared/binaryFile';
import { executeItemsWithResults } from '../../../shared/executeItems';
import { buildClassifierRef, buildInlineConfig, buildMetadata, validateUrl } from './request';
import { outputIndexOf, routesOf, type Route } from './routing';
import { submitRun } from './submit';

type Mode = 'waitForResult' | 'sync' | 'submitOnly';

/** Extend ends a synchronous classify after 5 minutes; wait a little longer for its answer. */
const SYNC_TIMEOUT_MS = 310_000;

type FileInput = { ref: IDataObject } | { upload: BinaryFile };

async function readDocument(ctx: IExecuteFunctions, i: number): Promise<{ input: FileInput; docOptions: IDataObject }> {
	const source = ctx.getNodeParameter('documentSource', i) as string;
	const docOptions = ctx.getNodeParameter('documentOptions', i, {}) as IDataObject;
	const name = docOptions.fileName ? String(docOptions.fileName).trim() : undefined;
	if (source === 'binary') {
		const field = String(ctx.getNodeParameter('binaryPropertyName', i, 'data')).trim();
		return { input: { upload: await readBinaryFile.call(ctx, i, field, name) }, docOptions };
	}
	if (source === 'url') {
		const ref: IDataObject = { url: validateUrl(ctx, i, String(ctx.getNodeParameter('url', i, ''))) };
		if (name) ref.name = name;
		if (docOptions.password) ref.settings = { password: docOptions.password };
		return { input: { ref }, docOptions };
	}
	if (source === 'fileId') {
		const id = String(ctx.getNodeParameter('fileId', i, '')).trim();
		if (!id) throw new NodeOperationError(ctx.getNode(), 'File ID is empty', { itemIndex: i, description: 'Enter an Extend file ID (file_...).' });
		return { input: { ref: { id } }, docOptions };
	}
	const text = String(ctx.getNodeParameter('text', i, ''));
	if (!text.trim()) throw new NodeOperationError(ctx.getNode(), 'Text is empty', { itemIndex: i, description: 'Enter or map the text to classify.' });
	return { input: { ref: name ? { text, name } : { text } }, docOptions };
}

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
export async function classify(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const concurrency = Number((this.getNodeParameter('options', 0, {}) as IDataObject).concurrency ?? 10);
	const routing = this.getNodeParameter('routeByType', 0, false) === true;
	// Route by Type is hidden (so off) in Submit Only mode, where a notice explains why.
	const routes: Route[] = routing ? routesOf(this) : [];
	const runs: IDataObject[] = new Array(items.length);

	const results = await executeItemsWithResults.call(this, items.length, concurrency, async (i, signal) => {
		const mode = this.getNodeParameter('mode', i) as Mode;
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const classifierSource = this.getNodeParameter('classifierSource', i) as string;

		// Everything is checked before the first request.
		const body: IDataObject = {};
		if (classifierSource === 'inline') body.config = buildInlineConfig(this, i);
		else body.classifier = buildClassifierRef(this, i);
		const { metadata, correlation } = buildMetadata(this, i, options);
		if (metadata) body.metadata = metadata;
		if (mode !== 'sync' && options.priority !== undefined) body.priority = Math.round(Number(options.priority));
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
		let run = await submitRun.call(this, mode === 'sync' ? '/classify' : '/classify_runs', body, {
			itemIndex: i,
			submissionId: correlation?.submissionId,
			timeoutMs: mode === 'sync' ? SYNC_TIMEOUT_MS : undefined,
			signal,
		});

		if (mode !== 'submitOnly' && !isTerminal(run.status)) {
			run = await waitForRun.call(this, String(run.id), {
				itemIndex: i,
				maxWaitMs: Number(options.maxWaitSeconds ?? 600) * 1000,
				onTimeout: (options.onTimeout as OnTimeout) ?? 'error',
				cancelOnStop: options.cancelOnStop !== false,
				signal,
				startedAt,
			});
		}
		if (isTerminal(run.status) && run.status !== 'PROCESSED') throw failedRunError(this, run, i);

		runs[i] = run;
		const json = classifyRunToJson(run, options.simplify === true);
		// Routing passes the input on, so the file itself reaches the chosen branch.
		if (routing || options.includeInputData === true) {
			return [{ json: { ...items[i].json, ...json }, binary: items[i].binary }];
		}
		return [{ json }];
	});

	if (!routing) return [results.flatMap((r) => r.items)];
	const outputs: INodeExecutionData[][] = Array.from({ length: routes.length + 1 }, () => []);
	const minConfidence = Number(this.getNodeParameter('fallbackBelowConfidence', 0, 0));
	results.forEach((result, i) => {
		const index = result.failed ? routes.length : outputIndexOf(routes, runs[i], minConfidence);
		const routed = result.failed
			? result.items.map((item) => ({ ...item, json: { ...items[i].json, ...item.json }, binary: items[i].binary }))
			: result.items;
		outputs[index].push(...routed);
	});
	return outputs;
}
