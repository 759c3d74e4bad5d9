// Batch runs (POST /classify_runs/batch, GET /batch_runs/{id}): one classify run per input, the
// batch's aggregate status, and the batch_processor_run.processed / .failed webhooks when its last
// run ends. The runs themselves are ordinary runs (list them with GET /classify_runs?batchId=…).
import { notFound } from './errors';
import { isoNow, type IdGenerator } from './ids';
import type { Route } from './router';
import { ACTIVE, type Runs } from './runs';
import { type BatchRun, type EmulatorStats } from './types';
import { parseBatchBody } from './validation';
import type { Webhooks } from './webhooks';

interface BatchRecord {
	batch: BatchRun;
	classifierId: string;
	runIds: string[];
	/** Set once every run is terminal; the webhook has been sent then. */
	ended: boolean;
}

/**
 * The final status once no run is active. Extend says PROCESSED means "all runs have completed" and
 * FAILED "the batch encountered a fatal error", not how run failures count (INFERRED): a batch with
 * at least one PROCESSED run is PROCESSED, one whose runs all failed (or failed and were cancelled)
 * is FAILED, one whose runs were all cancelled is CANCELLED.
 */
function finalStatus(statuses: string[]): BatchRun['status'] {
	if (statuses.some((s) => s === 'PROCESSED')) return 'PROCESSED';
	return statuses.some((s) => s === 'FAILED') ? 'FAILED' : 'CANCELLED';
}

export class Batches {
	private readonly batches = new Map<string, BatchRecord>();

	constructor(
		private readonly ids: IdGenerator,
		private readonly runs: Runs,
		private readonly webhooks: Webhooks,
		private readonly stats: () => EmulatorStats,
	) {
		runs.onBatchRunChanged = (batchId) => this.check(batchId);
	}

	private get(id: string): BatchRecord {
		const record = this.batches.get(id);
		if (!record) throw notFound('Batch run', id);
		return record;
	}

	/** Validates every input (classifier, version, file ids) before creating any run. */
	create(body: unknown): BatchRun {
		const { classifier, inputs } = parseBatchBody(body);
		const prepared = inputs.map((input) => this.runs.prepare(input));
		// Extend answers PENDING: the runs are queued ("placed into a delayed queue").
		const batch: BatchRun = { object: 'batch_run', id: this.ids.id('bpr_'), status: 'PENDING', runCount: inputs.length, createdAt: isoNow() };
		const record: BatchRecord = { batch, classifierId: classifier.id, runIds: [], ended: false };
		this.batches.set(batch.id, record);
		const answer = structuredClone(batch);
		for (const [i, input] of inputs.entries()) record.runIds.push(this.runs.start(input, prepared[i], batch.id).run.id);
		return answer;
	}

	/** PENDING until a run starts processing, PROCESSING while a run is active, then the final status. */
	status(id: string): BatchRun {
		const record = this.get(id);
		if (!record.ended) {
			const statuses = this.statuses(record);
			record.batch.status = statuses.every((s) => s === 'PENDING') ? 'PENDING' : 'PROCESSING';
		}
		return record.batch;
	}

	/** Resolves once the batch has its final status. */
	async wait(id: string, timeoutMs: number): Promise<BatchRun> {
		const record = this.get(id);
		await Promise.all(record.runIds.filter((runId) => this.runs.statusOf(runId)).map((runId) => this.runs.wait(runId, timeoutMs)));
		return structuredClone(this.status(id));
	}

	private statuses(record: BatchRecord): string[] {
		return record.runIds.map((runId) => this.runs.statusOf(runId)).filter((s): s is string => s !== undefined);
	}

	/** A run of the batch ended or was deleted: once none is active, the batch ends and its webhook goes out. */
	private check(id: string): void {
		const record = this.batches.get(id);
		// Runs are started one by one while the batch is created: wait until all exist.
		if (!record || record.ended || record.runIds.length < record.batch.runCount) return;
		const statuses = this.statuses(record);
		if (statuses.some((s) => ACTIVE.has(s))) return;
		record.ended = true;
		record.batch.status = finalStatus(statuses);
		this.stats().batchEndedAt[id] = Date.now();
		this.webhooks.notifyBatchEnded(structuredClone(record.batch), record.classifierId);
	}

	routes(): Route[] {
		return [
			{ method: 'POST', path: '/classify_runs/batch', category: 'RUN', handle: async (req) => ({ body: this.create(await req.json()) }) },
			{ method: 'GET', path: '/batch_runs/{id}', category: 'GET', handle: ({ params }) => ({ body: this.status(params.id) }) },
		];
	}
}
