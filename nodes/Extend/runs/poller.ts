// The one poller: waits for a classify run, or a batch of them, to end, within a time budget,
// abortable at every step.
import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { abortableSleep } from '../shared/abortableSleep';
import { extendPaths } from '../transport/paths';
import { extendApiRequest } from '../transport/request';
import { shouldRetry } from '../transport/retryPolicy';
import { fetchRuns, listBatchRunSummaries, type Pacer } from './batchRuns';
import { DEFAULT_POLL_SCHEDULE, nextPollDelayMs, type PollSchedule } from './pollSchedule';
import { isTerminal } from './status';

export type OnTimeout = 'error' | 'returnRun' | 'cancelAndError';

interface WaitOptions {
	itemIndex: number;
	maxWaitMs: number;
	onTimeout: OnTimeout;
	/** Cancel the run on Extend when the execution is stopped while waiting. */
	cancelOnStop: boolean;
	signal?: AbortSignal;
	/** When the run was submitted (the wait budget counts from here). */
	startedAt?: number;
	schedule?: PollSchedule;
}

/** A cancel after a stop is a courtesy: bounded in time even when Extend rate-limits it. */
const CANCEL_DEADLINE_MS = 10_000;

/** Asks Extend to cancel a run, within about 10 s; never throws (the run may have ended meanwhile). */
export async function cancelRunQuietly(this: IExecuteFunctions, runId: string, itemIndex: number): Promise<IDataObject | undefined> {
	try {
		return await extendApiRequest.call(this, 'POST', extendPaths.cancelClassifyRun(runId), {
			itemIndex,
			retry: 'read',
			maxAttempts: 2,
			deadlineMs: CANCEL_DEADLINE_MS,
			detached: true,
		});
	} catch (error) {
		this.logger.warn(`Extend: could not cancel run ${runId}: ${(error as Error).message}`);
		return undefined;
	}
}

/** A look worth repeating by the transport's own rule for reads (Extend busy or unreachable); a 404 or a bug is not. */
function isTransient(error: unknown): error is NodeApiError {
	if (!(error instanceof NodeApiError)) return false;
	const status = error.httpCode === null || error.httpCode === undefined ? undefined : Number(error.httpCode);
	const networkCode = error.context.networkCode as string | undefined;
	if (status === undefined && networkCode === undefined) return false;
	return shouldRetry('read', { status, networkCode });
}

/**
 * One look at the run. A look that still fails after the transport's retries (Extend
 * overloaded, a dropped connection) is only a missed look while the wait budget lasts: the run
 * goes on at Extend either way.
 */
async function lookAtRun(
	this: IExecuteFunctions,
	runId: string,
	itemIndex: number,
	signal: AbortSignal | undefined,
	deadline: number,
): Promise<IDataObject | undefined> {
	let failure: unknown;
	try {
		return await extendApiRequest.call(this, 'GET', extendPaths.classifyRun(runId), { itemIndex, signal });
	} catch (error) {
		failure = error;
	}
	if (signal?.aborted || !isTransient(failure) || Date.now() >= deadline) throw failure;
	this.logger.warn(`Extend: could not look at run ${runId}, trying again: ${failure.message}`);
	return undefined;
}

export async function waitForRun(this: IExecuteFunctions, runId: string, options: WaitOptions): Promise<IDataObject> {
	const startedAt = options.startedAt ?? Date.now();
	const schedule = options.schedule ?? DEFAULT_POLL_SCHEDULE;
	const { signal, itemIndex } = options;
	if (!Number.isFinite(options.maxWaitMs) || options.maxWaitMs <= 0) {
		throw new NodeOperationError(this.getNode(), `The wait budget ${String(options.maxWaitMs)} ms is not a positive number`, { itemIndex });
	}
	let run: IDataObject | undefined;
	try {
		for (;;) {
			const elapsed = Date.now() - startedAt;
			const remaining = options.maxWaitMs - elapsed;
			if (remaining <= 0 && run) break;
			await abortableSleep(Math.max(0, Math.min(nextPollDelayMs(elapsed, schedule), remaining)), signal);
			const seen = await lookAtRun.call(this, runId, itemIndex, signal, startedAt + options.maxWaitMs);
			if (seen) run = seen;
			if (run && isTerminal(run.status)) return run;
		}
	} finally {
		// A stopped execution leaves no run burning credits on Extend, when the user asked for that.
		if (signal?.aborted && options.cancelOnStop) await cancelRunQuietly.call(this, runId, itemIndex);
	}

	if (options.onTimeout === 'returnRun') return run;
	const seconds = Math.round(options.maxWaitMs / 1000);
	let cancelled = '';
	if (options.onTimeout === 'cancelAndError') {
		const after = await cancelRunQuietly.call(this, runId, itemIndex);
		cancelled = after ? ' It was cancelled on Extend.' : ' Cancelling it on Extend failed; it may still finish.';
	}
	throw new NodeOperationError(
		this.getNode(),
		`Extend run ${runId} did not finish within ${seconds} seconds (last status: ${String(run.status)}).${cancelled}`,
		{
			itemIndex,
			description:
				'Raise "Max Wait (Seconds)" in Options, set "On Timeout" to "Return Run As Is", or use Mode "Submit Only" with the Extend Trigger. ' +
				`Look the run up later with the Classify Run operation Get and ID ${runId}.`,
		},
	);
}

interface BatchWaitOptions {
	itemIndex: number;
	maxWaitMs: number;
	cancelOnStop: boolean;
	signal?: AbortSignal;
	startedAt: number;
	/** Shared by every batch of one execution: together they stay under Extend's GET limit. */
	pacer: Pacer;
	schedule?: PollSchedule;
}

export interface BatchOutcome {
	/** The batch as last seen. */
	batch: IDataObject;
	/** Every run that ended, in full. */
	finished: IDataObject[];
	/** The latest summary of every run that had not ended when the wait was over. */
	unfinished: IDataObject[];
}

/** Runs listed as changed up to this long before the last look are looked at again (clocks differ). */
const BATCH_LIST_OVERLAP_MS = 5_000;
/** Runs a look aims to find ended: few enough that the last ones are fetched soon after they end,
 * enough that the looks stay a small share of the requests (one or two list pages each). */
const BATCH_LOOK_RUNS = 20;

/**
 * When to look at a batch again, from its start: on the single-run schedule until a run ended,
 * then when about BATCH_LOOK_RUNS more (or all that are left) should have ended at the pace seen so
 * far — never later than the single-run schedule — so a long batch costs few looks and its last
 * runs are seen within a second or two.
 */
export function nextBatchLookMs(elapsedMs: number, ended: number, left: number, schedule: PollSchedule = DEFAULT_POLL_SCHEDULE): number {
	const single = nextPollDelayMs(elapsedMs, schedule);
	if (ended === 0) return single;
	const msPerRun = elapsedMs / ended;
	// Never later than a single run would be looked at: the first runs to end say little of the pace.
	const wait = Math.min(msPerRun * Math.min(BATCH_LOOK_RUNS, Math.max(1, left)), single);
	return Math.round(Math.max(wait, schedule.minDelayMs));
}

/**
 * Waits for a batch as a whole: it lists the runs that changed since the last look and fetches
 * each run that ended (so results arrive while the batch goes on), and asks for the batch itself
 * only when nothing ended. Ends when every run ended, the batch ended, or the wait budget is spent;
 * what is unfinished then is the caller's to judge.
 */
export async function waitForBatch(this: IExecuteFunctions, submitted: IDataObject, options: BatchWaitOptions): Promise<BatchOutcome> {
	const { signal, itemIndex, startedAt, pacer } = options;
	const batchId = String(submitted.id);
	const runCount = Number(submitted.runCount);
	const request = { pacer, itemIndex, signal };
	const finished = new Map<string, IDataObject>();
	const latest = new Map<string, IDataObject>();
	// Runs that ended are fetched in the background while the looks go on; the pacer keeps both
	// under the GET limit together.
	const fetching = new Set<string>();
	const fetches: Array<Promise<void>> = [];
	let batch = submitted;
	let since: number | undefined;
	const look = async (full: boolean) => {
		const listedAt = Date.now();
		const summaries = await listBatchRunSummaries.call(this, batchId, { ...request, since: full ? undefined : since });
		since = listedAt - BATCH_LIST_OVERLAP_MS;
		for (const summary of summaries) {
			const id = String(summary.id);
			if (!finished.has(id) && !fetching.has(id)) latest.set(id, summary);
		}
		const ended = [...latest.values()].filter((s) => isTerminal(s.status) && !fetching.has(String(s.id))).map((s) => String(s.id));
		for (const id of ended) fetching.add(id);
		const fetch = fetchRuns.call(this, ended, request).then((runs) => {
			for (const run of runs) {
				finished.set(String(run.id), run);
				latest.delete(String(run.id));
				fetching.delete(String(run.id));
			}
		});
		// Awaited below; meanwhile a failure must not surface as an unhandled rejection.
		fetch.catch(() => undefined);
		fetches.push(fetch);
		return ended.length;
	};
	const known = () => finished.size + fetching.size;
	try {
		let lookedAt = startedAt;
		for (;;) {
			const elapsed = Date.now() - startedAt;
			const remaining = options.maxWaitMs - elapsed;
			if (remaining <= 0) break;
			const due = lookedAt + nextBatchLookMs(lookedAt - startedAt, known(), runCount - known(), options.schedule);
			await abortableSleep(Math.max(0, Math.min(due - Date.now(), remaining)), signal);
			lookedAt = Date.now();
			const ended = await look(false);
			if (Number.isFinite(runCount) && known() >= runCount) break;
			if (ended > 0) continue;
			await pacer.wait(signal);
			batch = await extendApiRequest.call(this, 'GET', extendPaths.batchRun(batchId), { itemIndex, signal });
			if (isTerminal(batch.status)) {
				// A last full list: runs that ended between two looks, or a batch that failed as a whole.
				await look(true);
				break;
			}
		}
		await Promise.all(fetches);
	} finally {
		if (signal?.aborted && options.cancelOnStop) {
			// Stopped: every run of the batch still going is cancelled (Extend cannot cancel a batch).
			const all = await listBatchRunSummaries
				.call(this, batchId, { pacer, itemIndex, detached: true, deadlineMs: CANCEL_DEADLINE_MS })
				.catch(() => [...latest.values()]);
			for (const run of all) if (!isTerminal(run.status)) await cancelRunQuietly.call(this, String(run.id), itemIndex);
		}
	}
	return { batch, finished: [...finished.values()], unfinished: [...latest.values()] };
}
