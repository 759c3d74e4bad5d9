// Extend redelivers an event when it did not get a 2xx in time, with the same eventId, and anyone who
// captured a delivery can replay it while its signature is fresh. The trigger remembers the ids it
// accepted in two places:
// - the node's workflow static data, which n8n loads from the database for every production webhook
//   request and saves after it, so the memory survives restarts and reaches another n8n process
//   (queue mode webhook processor);
// - this process's memory (`claimEvent`), which also covers two deliveries of one event that arrive
//   together, before either one's static data is saved.
import type { IDataObject } from 'n8n-workflow';

/** Ids are kept at most this long (redeliveries come within hours, freshly signed). */
export const DEDUPE_WINDOW_SECONDS = 24 * 60 * 60;
/** Size budget of the remembered ids in static data (JSON bytes). Ids older than the replay window
 * are dropped, oldest first, to stay under it; ids inside the window are never dropped. */
export const DEDUPE_MAX_BYTES = 256 * 1024;

const KEY = 'seenEvents';

interface SeenEvent {
	id: string;
	/** When the event was accepted, unix seconds. */
	at: number;
}

const seconds = (ms: number) => Math.floor(ms / 1000);
/** `{"id":"…","at":1700000000},` for a plain id; cheap enough to sum on every delivery. */
const entryBytes = (entry: SeenEvent) => entry.id.length + 16 + String(entry.at).length;

function recent(staticData: IDataObject, nowMs: number): SeenEvent[] {
	const stored = staticData[KEY];
	if (!Array.isArray(stored)) return [];
	const oldest = seconds(nowMs) - DEDUPE_WINDOW_SECONDS;
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

/**
 * Remembers an accepted event id. `replayWindowSeconds` is how long a captured delivery keeps a
 * valid signature (max timestamp age + future skew): ids younger than that are kept whatever the
 * budget. The list is assigned anew (not mutated) so n8n's change tracking sees it.
 */
export function rememberEvent(staticData: IDataObject, eventId: string, nowMs: number, replayWindowSeconds: number): void {
	const kept = recent(staticData, nowMs).filter((entry) => entry.id !== eventId);
	kept.push({ id: eventId, at: seconds(nowMs) });
	let bytes = kept.reduce((sum, entry) => sum + entryBytes(entry), 2);
	const protectedFrom = seconds(nowMs) - replayWindowSeconds;
	let drop = 0;
	while (bytes > DEDUPE_MAX_BYTES && drop < kept.length && kept[drop].at < protectedFrom) {
		bytes -= entryBytes(kept[drop]);
		drop++;
	}
	staticData[KEY] = kept.slice(drop) as unknown as IDataObject[];
}

// ---- this process ---------------------------------------------------------------------------------

/** Ids this process is receiving (payload download in flight) or accepted recently, per trigger. */
const claims = new Map<string, { state: 'receiving' | 'accepted'; until: number }>();
/** Accepted ids are kept in memory as long as in static data: they also cover the ids n8n loses when
 * two requests save the workflow's static data at the same moment (docs/trigger.md). */
const ACCEPTED_IN_MEMORY_MS = DEDUPE_WINDOW_SECONDS * 1000;
const MAX_CLAIMS = 10_000;

type Claim =
	| { ok: true; accept: () => void; release: () => void }
	| { ok: false; state: 'receiving' | 'accepted' };

/** How long a claim holds while its delivery is being received, unless the caller says otherwise. */
const RECEIVING_MS = 60_000;

/**
 * Claims an event for this delivery: refused while another delivery of it is being received here, or
 * when it was accepted here recently. `accept()` marks it received; `release()` lets a later
 * delivery try again (the download failed or the delivery was refused). `holdMs` bounds the
 * receiving (a batch's runs take longer to fetch than a payload to download).
 */
export function claimEvent(scope: string, eventId: string, nowMs: number, holdMs = RECEIVING_MS): Claim {
	for (const [key, claim] of claims) if (claim.until <= nowMs) claims.delete(key);
	const key = `${scope}\u0000${eventId}`;
	const held = claims.get(key);
	if (held) return { ok: false, state: held.state };
	while (claims.size >= MAX_CLAIMS) claims.delete(claims.keys().next().value as string);
	// The receiving is bounded below holdMs; the entry expires even if the delivery never settles.
	claims.set(key, { state: 'receiving', until: nowMs + holdMs });
	return {
		ok: true,
		accept: () => claims.set(key, { state: 'accepted', until: Date.now() + ACCEPTED_IN_MEMORY_MS }),
		release: () => {
			if (claims.get(key)?.state === 'receiving') claims.delete(key);
		},
	};
}

/** Forgets every claim (tests). */
export function forgetClaims(): void {
	claims.clear();
}
