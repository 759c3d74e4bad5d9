// Get, list, cancel and delete classify runs: one request each, sequential per item.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { classifyRunToJson } from '../../runs/mapper';
import { executeItems } from '../../shared/executeItems';
import { toNumberParameter } from '../../shared/numberParameter';
import { LIST_PAGE_SIZE } from '../../transport/listPages';
import { extendPaths } from '../../transport/paths';
import { extendApiRequest } from '../../transport/request';

function runIdOf(ctx: IExecuteFunctions, i: number): string {
	const id = String(ctx.getNodeParameter('runId', i, '', { extractValue: true }) ?? '').trim();
	if (!id) throw new NodeOperationError(ctx.getNode(), 'Run ID is empty', { itemIndex: i, description: 'Enter a classify run ID (clr_...).' });
	return id;
}

function simplifyOf(ctx: IExecuteFunctions, i: number): boolean {
	return ctx.getNodeParameter('simplify', i, false) === true;
}

export async function getRun(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeItems.call(this, this.getInputData().length, 1, async (i, signal) => {
		const run = await extendApiRequest.call(this, 'GET', extendPaths.classifyRun(runIdOf(this, i)), { itemIndex: i, signal });
		return [{ json: classifyRunToJson(run, simplifyOf(this, i)) }];
	});
}

export async function cancelRun(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeItems.call(this, this.getInputData().length, 1, async (i, signal) => {
		const run = await extendApiRequest.call(this, 'POST', extendPaths.cancelClassifyRun(runIdOf(this, i)), {
			itemIndex: i,
			retry: 'read',
			signal,
		});
		return [{ json: classifyRunToJson(run, simplifyOf(this, i)) }];
	});
}

export async function deleteRun(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeItems.call(this, this.getInputData().length, 1, async (i, signal) => {
		const result = await extendApiRequest.call(this, 'DELETE', extendPaths.classifyRun(runIdOf(this, i)), { itemIndex: i, signal });
		return [{ json: { id: result.id, deleted: true } }];
	});
}

export async function listRuns(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeItems.call(this, this.getInputData().length, 1, async (i, signal) => {
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = returnAll
			? Infinity
			: toNumberParameter(this.getNode(), this.getNodeParameter('limit', i, 50), { label: 'Limit', min: 1, integer: true, fallback: 50 }, i);
		const filters = { ...(this.getNodeParameter('filters', i, {}) as IDataObject), ...(this.getNodeParameter('sort', i, {}) as IDataObject) };
		if (filters.classifierId !== undefined) filters.classifierId = this.getNodeParameter('filters.classifierId', i, '', { extractValue: true });
		const qs: IDataObject = {};
		for (const [key, value] of Object.entries(filters)) if (value !== '' && value !== undefined) qs[key] = value;
		const runs: IDataObject[] = [];
		const seenTokens = new Set<string>();
		let nextPageToken: string | undefined;
		do {
			if (nextPageToken) seenTokens.add(nextPageToken);
			const page = await extendApiRequest.call(this, 'GET', extendPaths.classifyRuns, {
				qs: { ...qs, maxPageSize: Math.min(LIST_PAGE_SIZE, limit - runs.length), ...(nextPageToken ? { nextPageToken } : {}) },
				itemIndex: i,
				signal,
			});
			runs.push(...((page.data as IDataObject[]) ?? []));
			nextPageToken = page.nextPageToken as string | undefined;
			if (nextPageToken && seenTokens.has(nextPageToken)) {
				throw new NodeOperationError(this.getNode(), `Extend returned a page token it had returned before (${nextPageToken})`, {
					itemIndex: i,
					description: `Stopped after ${runs.length} runs so the list does not repeat forever. Turn off Return All and set a Limit, or narrow the Filters.`,
				});
			}
		} while (nextPageToken && runs.length < limit);
		return runs.slice(0, limit).map((run) => ({ json: run }));
	});
}
