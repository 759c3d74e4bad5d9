// Creating a run under faults, with a stubbed HTTP helper: back-off, the look-up before giving up,
// a look-up bounded by the submission time, and the error that says a run may exist.
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { submitRun } from '../../../../../../nodes/Extend/actions/document/classify/submitRun';
import { connectionReset, stubContext, type StubResponse } from '../../../../../support/stubContext';

const SUBMISSION = 'sub-0001';
const body = { file: { text: 'x' }, config: {}, metadata: { n8n: { submissionId: SUBMISSION } } };
const mine = (id: string, createdAt = new Date().toISOString()): IDataObject => ({ object: 'classify_run', id, status: 'PROCESSING', createdAt, metadata: { n8n: { submissionId: SUBMISSION } } });
const other = (n: number, createdAt = new Date().toISOString()): IDataObject => ({ object: 'classify_run', id: `clr_other_${n}`, createdAt, metadata: {} });
const isCreate = (r: IHttpRequestOptions) => r.method === 'POST' && r.url === '/classify_runs';
const isList = (r: IHttpRequestOptions) => r.method === 'GET' && r.url === '/classify_runs';
const server500: StubResponse = { statusCode: 500, body: { code: 'INTERNAL_ERROR', message: 'boom' } };

/** A paged list, 100 a page, newest first, with cursors like Extend's. */
function pagedList(runs: IDataObject[]) {
	return (request: IHttpRequestOptions): StubResponse => {
		const start = Number((request.qs as IDataObject).nextPageToken ?? 0);
		const size = Number((request.qs as IDataObject).maxPageSize);
		const data = runs.slice(start, start + size);
		return { statusCode: 200, body: { object: 'list', data, nextPageToken: start + size < runs.length ? String(start + size) : undefined } };
	};
}

describe('submitRun', () => {
	it('waits between attempts after 500s instead of failing within milliseconds', async () => {
		let creates = 0;
		const { ctx, calls } = stubContext((request) => {
			if (isList(request)) return { statusCode: 200, body: { data: [] } };
			creates++;
			return creates <= 2 ? server500 : { statusCode: 200, body: mine('clr_ok') };
		});
		const run = await submitRun.call(ctx, '/classify_runs', body, { itemIndex: 0, submissionId: SUBMISSION });
		expect(run.id).toBe('clr_ok');
		const posts = calls.filter((c) => isCreate(c.request));
		expect(posts).toHaveLength(3);
		// Back-off of about 1 s and 2 s (±20 %); before the fix all three went out within ~50 ms.
		expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(750);
		expect(posts[2].at - posts[1].at).toBeGreaterThanOrEqual(1500);
	});

	it('after 500, 500 and a lost answer, finds the run it created instead of failing with ECONNRESET', async () => {
		let creates = 0;
		const created: IDataObject[] = [];
		const { ctx } = stubContext((request) => {
			if (isList(request)) return pagedList(created)(request);
			if (request.method === 'GET') return { statusCode: 200, body: { ...created[0], status: 'PROCESSED' } };
			creates++;
			if (creates <= 2) return server500;
			created.push(mine('clr_lost_answer'));
			throw connectionReset();
		});
		const run = await submitRun.call(ctx, '/classify_runs', body, { itemIndex: 0, submissionId: SUBMISSION });
		expect(run).toMatchObject({ id: 'clr_lost_answer', status: 'PROCESSED' });
		expect(creates).toBe(3);
	});

	it('pages through runs created since the submission: 120 newer runs of other workflows do not cause a second run', async () => {
		const created: IDataObject[] = [];
		let creates = 0;
		const { ctx, calls } = stubContext((request) => {
			if (isList(request)) return pagedList(created)(request);
			if (request.method === 'GET') return { statusCode: 200, body: created.find((r) => r.id === 'clr_mine') ?? {} };
			creates++;
			// Our run is created, the answer is lost, and 120 runs of other workflows arrive after it.
			created.push(...Array.from({ length: 120 }, (_, n) => other(n)), mine('clr_mine'));
			throw connectionReset();
		});
		const run = await submitRun.call(ctx, '/classify_runs', body, { itemIndex: 0, submissionId: SUBMISSION });
		expect(run.id).toBe('clr_mine');
		expect(creates).toBe(1);
		expect(calls.filter((c) => isList(c.request))).toHaveLength(2);
	});

	it('stops paging once runs are older than the submission', async () => {
		const old = new Date(Date.now() - 3_600_000).toISOString();
		const runs = Array.from({ length: 1000 }, (_, n) => other(n, old));
		const { ctx, calls } = stubContext((request) => (isList(request) ? pagedList(runs)(request) : server500));
		await expect(submitRun.call(ctx, '/classify_runs', body, { itemIndex: 0, submissionId: SUBMISSION })).rejects.toThrow(/POST \/classify_runs failed/);
		// One page per look-up (3 submissions), not the 10 pages the list holds.
		expect(calls.filter((c) => isList(c.request))).toHaveLength(3);
	});

	it('stops on a repeating cursor', async () => {
		const { ctx, calls } = stubContext((request) =>
			isList(request) ? { statusCode: 200, body: { data: [other(1)], nextPageToken: 'same' } } : server500,
		);
		await expect(submitRun.call(ctx, '/classify_runs', body, { itemIndex: 0, submissionId: SUBMISSION })).rejects.toThrow();
		expect(calls.filter((c) => isList(c.request)).length).toBeLessThanOrEqual(3 * 2);
	});

	it('when giving up, shows the POST\'s error (not the look-up\'s) and says a run may exist with its submission id', async () => {
		const { ctx } = stubContext((request) => (isList(request) ? { statusCode: 403, body: { code: 'FORBIDDEN', message: 'no list scope' } } : server500));
		const error = (await submitRun.call(ctx, '/classify_runs', body, { itemIndex: 0, submissionId: SUBMISSION }).catch((e) => e)) as Error & { description: string };
		expect(error.message).toMatch(/^Extend POST \/classify_runs failed: INTERNAL_ERROR: boom/);
		expect(error.description).toMatch(/may have been created on Extend anyway \(looking it up failed too: .*no list scope\)/);
		expect(error.description).toContain(`metadata.n8n.submissionId is ${SUBMISSION}`);
	});

	it('looks the submission up after the last attempt too', async () => {
		let creates = 0;
		const created: IDataObject[] = [];
		const { ctx } = stubContext((request) => {
			if (isList(request)) return pagedList(created)(request);
			if (request.method === 'GET') return { statusCode: 200, body: created[0] };
			creates++;
			if (creates === 3) created.push(mine('clr_third'));
			return server500;
		});
		const run = await submitRun.call(ctx, '/classify_runs', body, { itemIndex: 0, submissionId: SUBMISSION });
		expect(run.id).toBe('clr_third');
	});

	it('never repeats a POST that Extend refused as invalid', async () => {
		const { ctx, calls } = stubContext(() => ({ statusCode: 400, body: { code: 'INVALID_REQUEST', message: 'no' } }));
		await expect(submitRun.call(ctx, '/classify_runs', body, { itemIndex: 0, submissionId: SUBMISSION })).rejects.toThrow(/INVALID_REQUEST/);
		expect(calls).toHaveLength(1);
	});
});
