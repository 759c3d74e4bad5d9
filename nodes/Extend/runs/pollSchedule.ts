// When to look at a run again. Fast at first (a short run is seen within a second), then each wait
// grows with the time already spent, so the detection lag stays near a fixed share of the run's
// length and a long run costs few requests.

export interface PollSchedule {
	/** First wait, and the floor of every wait. */
	minDelayMs: number;
	/** Share of the elapsed time to wait next (0.2: a run seen at most ~20 % after it ends). */
	growth: number;
	maxDelayMs: number;
}

export const DEFAULT_POLL_SCHEDULE: PollSchedule = { minDelayMs: 1000, growth: 0.2, maxDelayMs: 30_000 };

export function nextPollDelayMs(elapsedMs: number, schedule: PollSchedule = DEFAULT_POLL_SCHEDULE): number {
	const delay = Math.max(schedule.minDelayMs, elapsedMs * schedule.growth);
	return Math.round(Math.min(delay, schedule.maxDelayMs));
}
