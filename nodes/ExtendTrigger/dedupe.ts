// Extend redelivers an event when it did not get a 2xx in time, with the same eventId. The trigger
// remembers the ids it accepted in the node's workflow static data, which n8n loads from the
// database for every production webhook request and saves after it, so the memory survives restarts
// and works when another n8n process (queue mode webhook processor) gets the redelivery.
import type { IDataObject } from 'n8n-workflow';

/** At most this many remembered ids (about 25 kB of static data). */
export const DEDUPE_MAX_EVENTS = 500;
/** Ids older than this are forgotten. */
export const DEDUPE_WINDOW_SECONDS = 24 * 60 * 60;

const KEY = 'seenEvents';

interface SeenEvent {
	id: string;
	/** When the event was accepted, unix seconds. */
	at: number;
}

function recent(staticData: IDataObject, nowMs: number): SeenEvent[] {
	const stored = staticData[KEY];
	if (!Array.isArray(stored)) return [];
	const oldest = Math.floor(nowMs / 1000) - DEDUPE_WINDOW_SECONDS;
	return (stored as unknown[]).filter(
		(entry): entry is SeenEvent =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof (entry as SeenEvent).id === 'string' &&
			typeof (entry as SeenEvent).at === 'number' &&
			(entry as SeenEvent).at >= oldest,
	);
}

/** Whether this event id was accepted within the window. Reads only. */
export function isDuplicateEvent(staticData: IDataObject, eventId: string, nowMs: number): boolean {
	return recent(staticData, nowMs).some((entry) => entry.id === eventId);
}

/** Remembers an accepted event id, dropping expired ids and the oldest beyond the cap. The list is
 * assigned anew (not mutated) so n8n's change tracking sees it and saves the static data. */
export function rememberEvent(staticData: IDataObject, eventId: string, nowMs: number): void {
	const kept = recent(staticData, nowMs).filter((entry) => entry.id !== eventId);
	kept.push({ id: eventId, at: Math.floor(nowMs / 1000) });
	staticData[KEY] = kept.slice(-DEDUPE_MAX_EVENTS) as unknown as IDataObject[];
}
