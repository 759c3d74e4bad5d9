// Creating a run without ever creating two. A POST that fails after it may have reached Extend
// (5xx, dropped connection) is not repeated blindly: first the runs created since the submission
// are searched for its correlation id; only when it is not there is the POST sent again, after a
// back-off. Before giving up the search runs once more, and an error that may hide a created run
// says so with the submission id.
import { NodeApiError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { cancelRunQuietly } from '../../../runs/poller';
import { listPages } from '../../../transport/listPages';
import { extendPaths } from '../../../transport/paths';
import { abortableSleep } from '../../../shared/abortableSleep';
import { extendApiRequest } from '../../../transport/request';
import { retryDelayMs } from '../../../transport/retryPolicy';

const SUBMIT_ATTEMPTS = 3;
/** A safety net against a cursor that never ends; at 100 a page, 5,000 runs since the submission. */
const SEARCH_MAX_PAGES = 50;
/** Clocks differ: runs created up to this long before our submission time are still searched. */
const CLOCK_SKEW_MS = 60_000;

interface SubmitOptions {
	itemIndex: number;
	submissionId?: string;
	timeoutMs?: number;
	signal?: AbortSignal;
}

/** The submission id the node put in a run's `metadata.n8n`. */
export function submissionIdOf(run: IDataObject): unknown {
	return ((run.metadata as IDataObject | undefined)?.n8n as IDataObject | undefined)?.submissionId;
}

/**
 * The run created by this submission, looked for among the runs created since `since` (newest
 * first, page after page until the runs are older). Undefined when it is not there.
 */
async function findSubmittedRun(
	this: IExecuteFunctions,
	submissionId: string,
	body: IDataObject,
	since: number,
	options: { itemIndex: number; signal?: AbortSignal; detached?: boolean; deadlineMs?: number },
): Promise<IDataObject | undefined> {
	const classifier = body.classifier as IDataObject | undefined;
	const oldest = since - CLOCK_SKEW_MS;
	// deadlineMs bounds the whole look-up, every page and the final GET together.
	const { deadlineMs, ...request } = options;
	const endsAt = deadlineMs === undefined ? undefined : Date.now() + deadlineMs;
	const qs: IDataObject = { sortBy: 'createdAt', sortDir: 'desc', ...(classifier?.id ? { classifierId: classifier.id } : {}) };
	for await (const runs of listPages.call(this, extendPaths.classifyRuns, { ...request, qs, maxPages: SEARCH_MAX_PAGES, endsAt })) {
		const match = runs.find((run) => submissionIdOf(run) === submissionId);
		// The list holds summaries; the full run comes from its own endpoint.
		if (match) {
			const left = endsAt === undefined ? {} : { deadlineMs: Math.max(1, endsAt - Date.now()) };
			return await extendApiRequest.call(this, 'GET', extendPaths.classifyRun(String(match.id)), { ...request, ...left });
		}
		const last = runs.length ? Date.parse(String(runs[runs.length - 1].createdAt)) : NaN;
		if (last < oldest) break;
	}
	return undefined;
}

/** The original failure, saying that a run may exist and how to find it. */
function mayExistError(failure: NodeApiError, submissionId: string | undefined, lookup: string): NodeApiError {
	const where = submissionId
		? ` Look for a run whose metadata.n8n.submissionId is ${submissionId} before running the item again.`
		: ' Check the runs in Extend before running the item again.';
	failure.description = `${failure.description ?? ''} The run may have been created on Extend anyway${lookup}.${where}`.trim();
	failure.context.submissionId = submissionId;
	return failure;
}

export async function submitRun(
	this: IExecuteFunctions,
	path: typeof extendPaths.classify | typeof extendPaths.classifyRuns | typeof extendPaths.classifyRunsBatch,
	body: IDataObject,
	options: SubmitOptions,
): Promise<IDataObject> {
	const { itemIndex, submissionId, signal } = options;
	const submittedAt = Date.now();
	for (let attempt = 1; ; attempt++) {
		let failure: unknown;
		try {
			return await extendApiRequest.call(this, 'POST', path, {
				body,
				itemIndex,
				retry: 'create',
				timeoutMs: options.timeoutMs,
				signal,
			});
		} catch (error) {
			failure = error;
		}
		if (!(failure instanceof NodeApiError) || failure.context.mayHaveBeenProcessed !== true || signal?.aborted) throw failure;
		if (!submissionId) throw mayExistError(failure, undefined, '');
		let found: IDataObject | undefined;
		try {
			found = await findSubmittedRun.call(this, submissionId, body, submittedAt, { itemIndex, signal });
		} catch (lookupError) {
			if (signal?.aborted) throw failure;
			// The POST's failure is what the user needs to see; the look-up's is only a footnote.
			throw mayExistError(failure, submissionId, ` (looking it up failed too: ${(lookupError as Error).message})`);
		}
		if (found) return found;
		if (attempt >= SUBMIT_ATTEMPTS) throw mayExistError(failure, submissionId, ', although it was not found');
		this.logger.debug(`Extend: submission ${submissionId} not found after a failed POST ${path}; sending it again`);
		// Back off (the server's Retry-After when it gave one), so a burst of errors can pass.
		await abortableSleep(Math.max(Number(failure.context.retryAfterMs ?? 0), retryDelayMs(attempt)), signal);
	}
}

/**
 * After a stop or a sibling's failure cut a submission short, its run may exist on Extend: find
 * it by the submission id (within 10 s) and cancel it (within 10 s more). Never throws.
 */
export async function cancelSubmittedRun(
	this: IExecuteFunctions,
	submissionId: string,
	body: IDataObject,
	submittedAt: number,
	itemIndex: number,
): Promise<void> {
	try {
		const run = await findSubmittedRun.call(this, submissionId, body, submittedAt, { itemIndex, detached: true, deadlineMs: 10_000 });
		if (run && run.id) await cancelRunQuietly.call(this, String(run.id), itemIndex);
	} catch (error) {
		this.logger.warn(`Extend: could not look up submission ${submissionId} to cancel its run: ${(error as Error).message}`);
	}
}
