import { DEFAULT_POLL_SCHEDULE, nextPollDelayMs } from '../../../../nodes/Extend/runs/pollSchedule';

/** Poll times of the default schedule until `runMs`, as the poller would take them. */
function pollsUntil(runMs: number): number[] {
	const times: number[] = [];
	let t = 0;
	while (t < runMs) {
		t += nextPollDelayMs(t);
		times.push(t);
	}
	return times;
}

describe('poll schedule', () => {
	it('starts with one-second looks and grows with the time spent, up to 30 s', () => {
		expect(nextPollDelayMs(0)).toBe(1000);
		expect(nextPollDelayMs(4000)).toBe(1000);
		expect(nextPollDelayMs(10_000)).toBe(2000);
		expect(nextPollDelayMs(100_000)).toBe(20_000);
		expect(nextPollDelayMs(1_000_000)).toBe(30_000);
		expect(nextPollDelayMs(60_000, { ...DEFAULT_POLL_SCHEDULE, growth: 0.1 })).toBe(6000);
	});

	it('keeps the detection lag within about a fifth of the run and the request count low', () => {
		for (const runMs of [5000, 30_000, 60_000, 300_000]) {
			const polls = pollsUntil(runMs);
			const lag = polls[polls.length - 1] - runMs;
			expect(lag).toBeLessThanOrEqual(Math.max(1000, runMs * 0.2));
		}
		expect(pollsUntil(60_000).length).toBeLessThanOrEqual(20);
		expect(pollsUntil(300_000).length).toBeLessThanOrEqual(30);
	});
});
