import { sleep } from 'n8n-workflow';

/**
 * Sleeps in slices of at most a second: n8n versions whose `sleep` ignores the abort signal still
 * notice a stopped execution within a second.
 */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	let remaining = ms;
	while (remaining > 0) {
		signal?.throwIfAborted();
		const slice = Math.min(remaining, 1000);
		await sleep(slice, signal);
		remaining -= slice;
	}
	signal?.throwIfAborted();
}
