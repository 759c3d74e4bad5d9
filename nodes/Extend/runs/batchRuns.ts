// The runs of a batch: Extend lists them as summaries (`GET /classify_runs?batchId=…`) and gives each
// full run from its own endpoint. The Extend node and the trigger both fetch them here, paced under
// Extend's GET limit (10 requests per second on pay-as-you-go) so even a 1,000-run batch meets no 429.
import type { IDataObject } from 'n8n-workflow';

import { abortableSleep } from '../shared/abortableSleep';
import { listPages } from '../transport/listPages';
import { extendPaths } from '../transport/paths';
import { extendApiRequest, type ExtendContext } from '../transport/request';

/** GET requests per second an execution's batch fetching sends: under Extend's smallest GET limit (10/s),
 * and above the fastest its runs can end on pay-as-you-go and scale plans, so fetching keeps up. */
export const BATCH_GETS_PER_SECOND = 9.5;
/** Full runs fetched at the same time. */
const FETCH_CONCURRENCY = 4;
/** 1,000 runs at most in a batch, 100 a page; a margin for runs listed twice while they change. */
const MAX_LIST_PAGES = 20;

/** Spaces requests at least 1/perSecond apart, however many callers ask at once. */
export class Pacer {
	private next = 0;
	constructor(private readonly perSecond: number) {}

	async wait(signal?: AbortSignal): Promise<void> {
		const now = Date.now();
		const slot = Math.max(now, this.next);
		this.next = slot + 1000 / this.perSecond;
		if (slot > now) await abortableSleep(slot - now, signal);
	}
}

/** One pacer for the whole n8n process: Extend limits GETs per organization, so the Extend node's
 * batches and the trigger's batch events share it rather than each taking 9.5 a second. */
export const batchGetPacer = new Pacer(BATCH_GETS_PER_SECOND);

export interface BatchFetchOptions {
	pacer: Pacer;
	itemIndex?: number;
	signal?: AbortSignal;
	/** Send even when the execution has been stopped (to cancel what is left), within deadlineMs. */
	detached?: boolean;
	deadlineMs?: number;
}

/**
 * The summaries of a batch's runs. By default newest change first, and `since` (ms) stops at runs not
 * changed since then; `order: 'created'` lists them oldest first, the order of the batch's inputs.
 */
export async function listBatchRunSummaries(
	this: ExtendContext,
	batchId: string,
	options: BatchFetchOptions & { since?: number; order?: 'changed' | 'created' },
): Promise<IDataObject[]> {
	const { pacer, since, order = 'changed', deadlineMs, ...request } = options;
	const endsAt = deadlineMs === undefined ? undefined : Date.now() + deadlineMs;
	const summaries: IDataObject[] = [];
	const qs = order === 'created' ? { batchId, sortBy: 'createdAt', sortDir: 'asc' } : { batchId, sortBy: 'updatedAt', sortDir: 'desc' };
	await pacer.wait(request.signal);
	for await (const page of listPages.call(this, extendPaths.classifyRuns, { ...request, qs, maxPages: MAX_LIST_PAGES, endsAt })) {
		summaries.push(...page);
		const oldest = page.length ? Date.parse(String(page[page.length - 1].updatedAt)) : NaN;
		if (since !== undefined && oldest < since) break;
		await pacer.wait(request.signal);
	}
	return summaries;
}

/** The full runs for these ids, in the same order, FETCH_CONCURRENCY at a time and paced. */
export async function fetchRuns(this: ExtendContext, ids: string[], options: BatchFetchOptions): Promise<IDataObject[]> {
	const { pacer, ...request } = options;
	const runs: IDataObject[] = new Array(ids.length);
	let next = 0;
	const worker = async () => {
		while (next < ids.length) {
			const index = next++;
			await pacer.wait(request.signal);
			runs[index] = await extendApiRequest.call(this, 'GET', extendPaths.classifyRun(ids[index]), request);
		}
	};
	await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, ids.length) }, worker));
	return runs;
}
