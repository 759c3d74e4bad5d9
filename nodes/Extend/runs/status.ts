/** Statuses of a run that is still going. Extend's SDK also treats CANCELLING as not yet ended. */
const RUNNING = new Set(['PENDING', 'PROCESSING', 'CANCELLING']);

/** Whether a run has ended. Unknown future statuses count as ended so no wait loops forever on them. */
export function isTerminal(status: unknown): boolean {
	return !RUNNING.has(String(status));
}
