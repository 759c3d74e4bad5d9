// A batch event (batch_processor_run.processed / .failed) starts one execution whose items are the
// batch's runs. Its payload is only the BatchRun (id, status, runCount), so the runs are fetched here,
// in webhook(): listed by batchId oldest first (the order of the batch's inputs), the ones "Only Runs
// Submitted Here" leaves out dropped at the summaries, the rest fetched in full with bounded
// concurrency and paced under Extend's GET limit (runs/batchRuns.ts), then filtered and mapped like
// a single run's event.
//
// Extend waits 30 s for an answer. A batch fetched within ANSWER_WITHIN_MS is answered after the
// fetch, so a failure gets 502 and Extend delivers the event again. A longer fetch (1,000 runs take
// about two minutes at BATCH_GETS_PER_SECOND) is answered 200 at ANSWER_WITHIN_MS and goes on after, so
// Extend does not redeliver; until it ends, another delivery of the event is answered 409 (the claim),
// and n8n saves the event id with the static data when webhook() returns.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { batchGetPacer, fetchRuns, listBatchRunSummaries } from '../Extend/runs/batchRuns';
import { classifyRunToJson } from '../Extend/runs/mapper';
import { abortableSleep } from '../Extend/shared/abortableSleep';

import { acknowledge, reply } from './answer';
import { checkFilters, submittedHereWithSubmitOnly, type RunFilters } from './filters';

/** Answer Extend by then at the latest (it gives up after 30 s). */
export const ANSWER_WITHIN_MS = 15_000;
/** The whole fetch of one batch ends by then (1,000 runs need about two minutes at BATCH_GETS_PER_SECOND). */
export const BATCH_FETCH_DEADLINE_MS = 10 * 60_000;

/** The process's one pacer: batches that end together, and the Extend node's, share Extend's GET limit. */
const pacer = batchGetPacer;

const n8nItemIndex = (run: IDataObject): unknown => ((run.metadata as IDataObject | undefined)?.n8n as IDataObject | undefined)?.itemIndex;

/**
 * Each run once (a run can be listed twice while runs change), in the order of the batch's inputs:
 * as listed (oldest first), or by the Extend node's item index when every run carries one.
 */
export function inInputOrder(summaries: IDataObject[]): IDataObject[] {
	const seen = new Set<string>();
	const unique = summaries.filter((run) => typeof run.id === 'string' && !seen.has(run.id) && !!seen.add(run.id));
	if (!unique.every((run) => typeof n8nItemIndex(run) === 'number')) return unique;
	return [...unique].sort((a, b) => (n8nItemIndex(a) as number) - (n8nItemIndex(b) as number));
}

export interface BatchDelivery {
	eventId: string;
	eventType: string;
	batch: IDataObject;
	filters: RunFilters;
	/** Marks the event received (static data and this process's memory). */
	accept: () => void;
	/** Lets a later delivery of the event try again. */
	release: () => void;
}

interface BatchRuns {
	/** Runs listed for the batch. */
	listed: number;
	/** The full runs "Only Runs Submitted Here" kept, in input order. */
	runs: IDataObject[];
}

async function fetchBatchRuns(this: IWebhookFunctions, batchId: string, onlySubmitOnly: boolean, signal: AbortSignal): Promise<BatchRuns> {
	const instanceId = this.getInstanceId();
	const summaries = inInputOrder(await listBatchRunSummaries.call(this, batchId, { pacer, order: 'created', signal }));
	const wanted = onlySubmitOnly ? summaries.filter((run) => submittedHereWithSubmitOnly(run, instanceId)) : summaries;
	const runs = await fetchRuns.call(this, wanted.map((run) => run.id as string), { pacer, signal });
	return { listed: summaries.length, runs };
}

export async function receiveBatch(this: IWebhookFunctions, delivery: BatchDelivery): Promise<IWebhookResponseData> {
	const { eventId, eventType, batch } = delivery;
	const batchId = String(batch.id);
	const onlySubmitOnly = this.getNodeParameter('onlySubmitOnly', false) === true;
	const started = Date.now();
	let answered = false;
	const answerNow = (message: string) => {
		if (answered) return;
		answered = true;
		reply(this, 200, message);
	};
	const early = new AbortController();
	void abortableSleep(ANSWER_WITHIN_MS, early.signal).then(
		() => answerNow('Batch received; its runs are being fetched'),
		() => undefined,
	);

	let fetched: BatchRuns;
	try {
		fetched = await fetchBatchRuns.call(this, batchId, onlySubmitOnly, AbortSignal.timeout(BATCH_FETCH_DEADLINE_MS));
	} catch (error) {
		delivery.release();
		const message = (error as Error).message;
		if (!answered) {
			early.abort();
			this.logger.warn('Extend Trigger: could not fetch the runs of a batch; Extend will deliver it again', { eventId, batchId, error: message });
			return reply(this, 502, 'Could not fetch the runs of the batch');
		}
		// Extend has its answer and will not deliver the event again.
		this.logger.error('Extend Trigger: could not fetch the runs of a batch; the batch started no execution', { eventId, batchId, error: message });
		return { noWebhookResponse: true };
	} finally {
		early.abort();
	}
	delivery.accept();
	this.logger.info('Extend Trigger: fetched the runs of a batch', { eventId, batchId, listed: fetched.listed, fetched: fetched.runs.length, ms: Date.now() - started });

	const ignore = (message: string): IWebhookResponseData => (answered ? { noWebhookResponse: true } : acknowledge(this, message));
	const base = { eventId, eventType, batchId };
	let items: IDataObject[];
	if (fetched.listed === 0) {
		// Nothing to attribute to this n8n; otherwise the batch itself says what failed.
		if (onlySubmitOnly) return ignore('The batch has no runs; ignored');
		items = [{ ...base, ...batch }];
	} else {
		if (fetched.runs.length === 0) return ignore('No run of the batch was submitted by this n8n with Submit Only; ignored');
		const simplify = this.getNodeParameter('simplify', false) === true;
		const passing = fetched.runs.filter(
			(run) => checkFilters(run, run.status === 'PROCESSED' ? 'classify_run.processed' : 'classify_run.failed', delivery.filters).pass,
		);
		if (passing.length === 0) return ignore('Filtered out: no run of the batch passed the filters');
		items = passing.map((run) => ({ ...base, ...classifyRunToJson(run, simplify) }));
	}
	answerNow('Workflow was started');
	return { workflowData: [this.helpers.returnJsonArray(items)], noWebhookResponse: true };
}
