// Creating a run without ever creating two. A POST that fails after it may have reached Extend
// (5xx, dropped connection) is not repeated blindly: first the recent runs are searched for this
// submission's correlation id; only when it is not there is the POST sent again.
import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { extendApiRequest } from '../../../transport/request';

const SUBMIT_ATTEMPTS = 3;
const SEARCH_PAGES = 2;
const SEARCH_PAGE_SIZE = 50;

async function findSubmittedRun(
	this: IExecuteFunctions,
	submissionId: string,
	body: IDataObject,
	itemIndex: number,
	signal?: AbortSignal,
): Promise<IDataObject | undefined> {
	const classifier = body.classifier as IDataObject | undefined;
	let nextPageToken: string | undefined;
	for (let page = 0; page < SEARCH_PAGES; page++) {
		const qs: IDataObject = { sortBy: 'createdAt', sortDir: 'desc', maxPageSize: SEARCH_PAGE_SIZE };
		if (classifier?.id) qs.classifierId = classifier.id;
		if (nextPageToken) qs.nextPageToken = nextPageToken;
		const list = await extendApiRequest.call(this, 'GET', '/classify_runs', { qs, itemIndex, signal });
		const runs = (list.data as IDataObject[]) ?? [];
		const match = runs.find((run) => ((run.metadata as IDataObject)?.n8n as IDataObject)?.submissionId === submissionId);
		if (match) {
			// The list holds summaries; the full run comes from its own endpoint.
			return await extendApiRequest.call(this, 'GET', `/classify_runs/${encodeURIComponent(String(match.id))}`, { itemIndex, signal });
		}
		nextPageToken = list.nextPageToken as string | undefined;
		if (!nextPageToken) break;
	}
	return undefined;
}

export async function submitRun(
	this: IExecuteFunctions,
	path: '/classify' | '/classify_runs',
	body: IDataObject,
	options: { itemIndex: number; submissionId?: string; timeoutMs?: number; signal?: AbortSignal },
): Promise<IDataObject> {
	const { itemIndex, submissionId, signal } = options;
	for (let attempt = 1; ; attempt++) {
		let failure: NodeApiError;
		try {
			return await extendApiRequest.call(this, 'POST', path, {
				body,
				itemIndex,
				retry: 'create',
				timeoutMs: options.timeoutMs,
				signal,
			});
		} catch (error) {
			failure = error as NodeApiError;
		}
		const mayExist = failure.context?.mayHaveBeenProcessed === true;
		if (!mayExist || !submissionId || attempt >= SUBMIT_ATTEMPTS) throw failure;
		const found = await findSubmittedRun.call(this, submissionId, body, itemIndex, signal);
		if (found) return found;
		this.logger.debug(`Extend: submission ${submissionId} not found after a failed POST ${path}; sending it again`);
	}
}
