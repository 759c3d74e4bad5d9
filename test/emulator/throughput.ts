// Extend's processor throughput limit: at most `filesPerMinute` files start processing per minute.
// Starts are spaced evenly (one every 60000/filesPerMinute ms, no burst: INFERRED, Extend does not
// say how the minute is measured), so a benchmark's wall time has a predictable floor. Waiting runs
// stay PENDING and start in Extend's documented order: lower `priority` first; at equal priority
// single runs before batch runs ("batch submissions … are given a lower default priority"), then
// in creation order. Timing goes through Timers like every other status change.
import type { Timers } from './timers';
import type { EmulatorStats } from './types';

export interface QueuedRun {
	seq: number;
	priority: number;
	batch: boolean;
	start(): void;
}

const before = (a: QueuedRun, b: QueuedRun): boolean =>
	a.priority !== b.priority ? a.priority < b.priority : a.batch !== b.batch ? !a.batch : a.seq < b.seq;

export class ThroughputQueue {
	private readonly waiting: Array<QueuedRun & { since: number }> = [];
	private nextStartAt = 0;
	private timer?: NodeJS.Timeout;

	constructor(
		private readonly timers: Timers,
		private filesPerMinute: number | null,
		private readonly stats: () => EmulatorStats,
	) {}

	setRate(filesPerMinute: number | null): void {
		this.filesPerMinute = filesPerMinute;
		this.nextStartAt = 0;
		this.pump();
	}

	/** Starts the run now if the limit allows (synchronously), else queues it. */
	add(run: QueuedRun): void {
		this.waiting.push({ ...run, since: Date.now() });
		const throughput = this.stats().throughput;
		throughput.maxQueued = Math.max(throughput.maxQueued, this.waiting.length);
		this.pump();
	}

	/** A queued run was cancelled or deleted. */
	remove(seq: number): void {
		const i = this.waiting.findIndex((r) => r.seq === seq);
		if (i >= 0) this.waiting.splice(i, 1);
	}

	private pump(): void {
		this.timers.cancel(this.timer);
		this.timer = undefined;
		const now = Date.now();
		const interval = this.filesPerMinute ? 60_000 / this.filesPerMinute : 0;
		while (this.waiting.length && (!interval || now >= this.nextStartAt)) {
			// A timer that fires a little late keeps the grid; after an idle spell the grid restarts now.
			if (interval) this.nextStartAt = (now - this.nextStartAt < interval ? this.nextStartAt : now) + interval;
			this.startNext(now);
		}
		if (this.waiting.length) this.timer = this.timers.after(this.nextStartAt - now, () => this.pump());
	}

	private startNext(now: number): void {
		let best = 0;
		for (let i = 1; i < this.waiting.length; i++) if (before(this.waiting[i], this.waiting[best])) best = i;
		const [run] = this.waiting.splice(best, 1);
		const throughput = this.stats().throughput;
		throughput.filesStarted++;
		throughput.totalQueueWaitMs += now - run.since;
		run.start();
	}
}
