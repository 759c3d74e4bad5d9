// executeItems with a stub context: order, pairing, concurrency, Continue On Fail, the abort of
// siblings, and the shape of error items for each On Error setting and n8n line.
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { ERROR_OUTPUT_TAKES_DETAILS, errorJson, executeItems } from '../../../../nodes/Extend/shared/executeItems';
import { stubContext, untilAborted } from '../../../support/stubContext';

const noHttp = () => {
	throw new Error('no request expected');
};
const wait = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

describe('executeItems', () => {
	it('keeps input order and pairs every item, whatever order the items finish in', async () => {
		const { ctx } = stubContext(noHttp);
		const out = await executeItems.call(ctx, 4, 4, async (i) => {
			await wait((4 - i) * 10);
			return [{ json: { i } }];
		});
		expect(out.map((o) => o.json.i)).toEqual([0, 1, 2, 3]);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	});

	it('runs at most `concurrency` items at a time', async () => {
		const { ctx } = stubContext(noHttp);
		let running = 0;
		let most = 0;
		await executeItems.call(ctx, 10, 3, async (i) => {
			most = Math.max(most, ++running);
			await wait(5);
			running--;
			return [{ json: { i } }];
		});
		expect(most).toBe(3);
	});

	it('without Continue On Fail, the first failure aborts the siblings at once and is thrown', async () => {
		const { ctx } = stubContext(noHttp);
		const aborted: number[] = [];
		const started = Date.now();
		await expect(
			executeItems.call(ctx, 3, 3, async (i, signal) => {
				if (i === 1) {
					await wait(20);
					throw new NodeOperationError(ctx.getNode(), 'item 1 is bad', { itemIndex: 1 });
				}
				await untilAborted(signal).catch(() => aborted.push(i));
				return [];
			}),
		).rejects.toThrow('item 1 is bad');
		expect(Date.now() - started).toBeLessThan(1000);
		expect(aborted.sort()).toEqual([0, 2]);
	});

	it.each([
		['continueRegularOutput', { error: 'item 1 is bad', description: 'Fix item 1.' }],
		['continueErrorOutput', ERROR_OUTPUT_TAKES_DETAILS ? { error: 'item 1 is bad', details: { description: 'Fix item 1.' } } : { error: 'item 1 is bad' }],
	] as const)('with On Error %s, a failing item becomes an error item and the others go on', async (onError, expected) => {
		const { ctx } = stubContext(noHttp, { node: { onError } });
		const out = await executeItems.call(ctx as IExecuteFunctions, 3, 2, async (i) => {
			if (i === 1) throw new NodeOperationError(ctx.getNode(), 'item 1 is bad', { itemIndex: 1, description: 'Fix item 1.' });
			return [{ json: { ok: i } }];
		});
		expect(out.map((o) => o.json)).toEqual([{ ok: 0 }, expected, { ok: 2 }]);
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('errorJson', () => {
	const json = { error: 'Extend run clr_1 failed: X', runId: 'clr_1', code: 'X' };

	it('keeps the details flat for the regular output', () => {
		expect(errorJson(json, false)).toEqual(json);
	});

	it("nests them under details where n8n's error output takes them (2.36 and later)", () => {
		expect(errorJson(json, true, true)).toEqual({ error: 'Extend run clr_1 failed: X', details: { runId: 'clr_1', code: 'X' } });
	});

	it('gives only the message where n8n before 2.36 would otherwise send the item to the success output', () => {
		expect(errorJson(json, true, false)).toEqual({ error: 'Extend run clr_1 failed: X' });
	});

	it('detects the n8n line this suite runs (n8n-workflow 2.41)', () => {
		expect(ERROR_OUTPUT_TAKES_DETAILS).toBe(true);
	});
});
