// abortableSleep over an n8n `sleep` that ignores the abort signal (as some n8n versions' does): the
// wait is cut into slices of at most a second, so a stop is still noticed within one.
import { sleep } from 'n8n-workflow';

import { abortableSleep } from '../../../../nodes/Extend/shared/abortableSleep';

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: jest.fn(async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms))),
}));

const slices = () => jest.mocked(sleep).mock.calls.map(([ms]) => ms);

/** The promise's outcome so far: 'pending', 'resolved' or the error it rejected with. */
function watch(promise: Promise<void>): () => unknown {
	let outcome: unknown = 'pending';
	promise.then(
		() => (outcome = 'resolved'),
		(error: unknown) => (outcome = error),
	);
	return () => outcome;
}

describe('abortableSleep', () => {
	beforeEach(() => {
		jest.useFakeTimers();
		jest.mocked(sleep).mockClear();
	});
	afterEach(() => jest.useRealTimers());

	it('waits the whole time, in slices of at most a second', async () => {
		const outcome = watch(abortableSleep(2500, new AbortController().signal));
		await jest.advanceTimersByTimeAsync(2499);
		expect(outcome()).toBe('pending');
		await jest.advanceTimersByTimeAsync(1);
		expect(outcome()).toBe('resolved');
		expect(slices()).toEqual([1000, 1000, 500]);
	});

	it('notices a stop by the end of the running slice, though the sleep ignores the signal', async () => {
		const stop = new AbortController();
		const outcome = watch(abortableSleep(10_000, stop.signal));
		await jest.advanceTimersByTimeAsync(300);
		stop.abort(new Error('stopped'));
		await jest.advanceTimersByTimeAsync(699);
		expect(outcome()).toBe('pending');
		await jest.advanceTimersByTimeAsync(1);
		expect(outcome()).toEqual(new Error('stopped'));
		expect(slices()).toEqual([1000]);
	});

	it('does not wait at all once stopped, and hands n8n the signal', async () => {
		const stop = new AbortController();
		stop.abort(new Error('stopped'));
		await expect(abortableSleep(5000, stop.signal)).rejects.toThrow('stopped');
		expect(slices()).toEqual([]);

		const running = new AbortController();
		const outcome = watch(abortableSleep(10, running.signal));
		await jest.advanceTimersByTimeAsync(10);
		expect(outcome()).toBe('resolved');
		expect(jest.mocked(sleep).mock.calls[0]).toEqual([10, running.signal]);
	});

	it('waits without a signal, and not at all for 0 ms', async () => {
		const outcome = watch(abortableSleep(1500));
		await jest.advanceTimersByTimeAsync(1500);
		expect(outcome()).toBe('resolved');
		await expect(abortableSleep(0)).resolves.toBeUndefined();
		expect(slices()).toEqual([1000, 500]);
	});
});
