// The batch fetch's pacer: requests spaced 1/perSecond apart however many callers ask at once, and a
// stopped fetch stops waiting.
import { BATCH_GETS_PER_SECOND, Pacer } from '../../../../nodes/Extend/runs/batchRuns';

describe('Pacer', () => {
	it('spaces callers that ask at once 1/perSecond apart, in the order they asked', async () => {
		const pacer = new Pacer(20);
		const start = Date.now();
		const at: number[] = [];
		await Promise.all(Array.from({ length: 6 }, async (_, n) => {
			await pacer.wait();
			at[n] = Date.now() - start;
		}));
		expect(at[0]).toBeLessThan(30);
		// Each caller gets its own slot: the n-th goes no earlier than n/perSecond after the first.
		for (let n = 1; n < at.length; n++) expect(at[n]).toBeGreaterThanOrEqual(n * 50 - 5);
	});

	it('lets the first request of a quiet pacer go at once', async () => {
		const pacer = new Pacer(BATCH_GETS_PER_SECOND);
		await pacer.wait();
		await new Promise((resolve) => setTimeout(resolve, 1000 / BATCH_GETS_PER_SECOND + 20));
		const start = Date.now();
		await pacer.wait();
		expect(Date.now() - start).toBeLessThan(20);
	});

	it('stops waiting when the signal aborts', async () => {
		const pacer = new Pacer(1);
		await pacer.wait();
		const controller = new AbortController();
		const waiting = pacer.wait(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toThrow();
	});

	it('stays below Extend\'s smallest GET limit (10 a second)', () => {
		expect(BATCH_GETS_PER_SECOND).toBeLessThan(10);
	});
});
