// Which classify runs start the workflow. Applied in webhook(), before an execution exists, so a
// filtered-out event costs no execution. Pure functions over the run object.
import type { IDataObject } from 'n8n-workflow';

export interface RunFilters {
	/** Classification ids or types (any case); empty = every classification. */
	classifications: string[];
	/** Lowest accepted output.confidence, 0..1; 0 = no limit. */
	minConfidence: number;
}

type FilterVerdict = { pass: true } | { pass: false; reason: string };

/** "invoice, receipt" or ["invoice", "receipt"] → ["invoice", "receipt"]. */
export function parseList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

/**
 * Filters look at the run's final output. They apply to processed runs only: a failed run has no
 * classification, and whoever selected the "failed" event wants to hear about every failure.
 */
export function checkFilters(run: IDataObject, eventType: string, filters: RunFilters): FilterVerdict {
	if (eventType !== 'classify_run.processed') return { pass: true };
	const output = run.output && typeof run.output === 'object' ? (run.output as IDataObject) : {};

	if (filters.classifications.length > 0) {
		const wanted = new Set(filters.classifications.map((c) => c.toLowerCase()));
		const got = [output.id, output.type].filter((v): v is string => typeof v === 'string');
		if (!got.some((v) => wanted.has(v.toLowerCase()))) {
			return { pass: false, reason: 'classification not selected' };
		}
	}

	if (filters.minConfidence > 0) {
		const confidence = typeof output.confidence === 'number' ? output.confidence : -1;
		if (confidence < filters.minConfidence) return { pass: false, reason: 'confidence below minimum' };
	}

	return { pass: true };
}

/**
 * "Only Runs Submitted Here": whether the run carries the Extend node's correlation block from this
 * n8n instance, in Mode Submit Only (runs of a batch carry it per input).
 */
export function submittedHereWithSubmitOnly(run: IDataObject, instanceId: string): boolean {
	const metadata = run.metadata && typeof run.metadata === 'object' ? (run.metadata as IDataObject) : {};
	const n8n = metadata.n8n && typeof metadata.n8n === 'object' ? (metadata.n8n as IDataObject) : {};
	return n8n.mode === 'submitOnly' && n8n.instanceId === instanceId;
}
