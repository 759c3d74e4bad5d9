// The Extend events the trigger starts on.
export const RUN_EVENTS = ['classify_run.processed', 'classify_run.failed'];
/** A batch's last run ended: the payload is the BatchRun; the runs are fetched (batch.ts). */
export const BATCH_EVENTS = ['batch_processor_run.processed', 'batch_processor_run.failed'];

export function isBatchEvent(eventType: string): boolean {
	return BATCH_EVENTS.includes(eventType);
}
