// Classify runs: creation (sync, async, and the runs of a batch), the lifecycle PENDING → PROCESSING
// → PROCESSED | FAILED (or CANCELLED), list/retrieve/cancel/delete, and the waiters tests and sync
// calls use. A run waits PENDING in the throughput queue until the plan lets it start.
import { classify } from './classify';
import type { ClassifierStore } from './classifiers';
import { ApiError, RunFailure, invalid, notFound } from './errors';
import { fetchDocument, fileSummary, type FileRecord, type FileStore } from './files';
import { isoNow, type IdGenerator } from './ids';
import { paginate, sortKey } from './pagination';
import type { Route } from './router';
import type { Timers } from './timers';
import type { ThroughputQueue } from './throughput';
import { bump, type ClassifyConfig, type ClassifyRun, type ClassifyRunSummary, type EmulatorStats } from './types';
import { parseRunBody, queryEnum, type FileInput, type RunInput } from './validation';
import type { Webhooks } from './webhooks';

export const ACTIVE = new Set(['PENDING', 'PROCESSING']);
const STATUSES = ['PENDING', 'PROCESSING', 'PROCESSED', 'FAILED', 'CANCELLED'] as const;

const FAILURE_MESSAGES: Record<string, string> = {
	ABORTED: 'The run was aborted.',
	INTERNAL_ERROR: 'An internal error occurred while processing the run.',
	FAILED_TO_PROCESS_FILE: 'The file could not be processed.',
	INVALID_PROCESSOR: 'The processor is invalid.',
	INVALID_CONFIGURATION: 'The classifier configuration is invalid.',
	PARSING_ERROR: 'The document could not be parsed.',
	PRE_PROCESSING_FAILURE: 'The document failed pre-processing.',
	POST_PROCESSING_FAILURE: 'The result failed post-processing.',
	OUT_OF_CREDITS: 'Your organization is out of credits.',
};

/** A failure with Extend's message for a known reason, or one saying why for any other string. */
const failure = (reason: string, why: string): RunFailure => new RunFailure(reason, FAILURE_MESSAGES[reason] ?? `The run failed with ${reason} (${why}).`);

interface Waiter {
	resolve(run: ClassifyRun): void;
	reject(error: Error): void;
}

export type Prepared = Pick<ClassifyRun, 'config' | 'classifier' | 'classifierVersion'> & { file?: FileRecord };

interface RunRecord {
	seq: number;
	run: ClassifyRun;
	/** The document: a stored file, or a URL downloaded while processing. */
	file?: FileRecord;
	url?: Extract<FileInput, { kind: 'url' }>;
	batchId?: string;
	timer?: NodeJS.Timeout;
	waiters: Waiter[];
}

export interface RunSettings {
	latencyMs: number;
	syncTimeoutMs: number;
	maxUploadBytes: number;
}

export class Runs {
	private readonly runs = new Map<string, RunRecord>();
	private seq = 0;
	/** Told when a run of a batch ends or is deleted (the batch may be complete). */
	onBatchRunChanged: (batchId: string) => void = () => undefined;

	constructor(
		private readonly ids: IdGenerator,
		private readonly timers: Timers,
		private readonly files: FileStore,
		private readonly classifiers: ClassifierStore,
		private readonly webhooks: Webhooks,
		private readonly queue: ThroughputQueue,
		private readonly stats: () => EmulatorStats,
		private readonly settings: RunSettings,
	) {}

	get(id: string): RunRecord {
		const record = this.runs.get(id);
		if (!record) throw notFound('Classify run', id);
		return record;
	}

	/** Checks everything that can fail with 4xx (classifier, version, file id) before creating anything. */
	prepare(input: RunInput): Prepared {
		let config = input.config as ClassifyConfig;
		let classifier: ClassifyRun['classifier'] = null;
		let classifierVersion: ClassifyRun['classifierVersion'] = null;
		if (input.classifier) {
			const { record, version } = this.classifiers.resolve(input.classifier.id, input.classifier.version);
			config = { ...version.config, ...input.classifier.overrideConfig };
			classifier = this.classifiers.summary(record);
			classifierVersion = this.classifiers.versionSummary(version);
		}
		const file = input.file.kind === 'id' ? this.files.get(input.file.id) : undefined;
		return { config, classifier, classifierVersion, file };
	}

	create(input: RunInput): RunRecord {
		return this.start(input, this.prepare(input));
	}

	/** The status of a run, or undefined once deleted. */
	statusOf(id: string): string | undefined {
		return this.runs.get(id)?.run.status;
	}

	start(input: RunInput, prepared: Prepared, batchId?: string): RunRecord {
		const id = this.ids.id('clr_');
		const now = isoNow();
		const source = input.file;
		const file =
			source.kind === 'text'
				? this.files.add({ name: source.name ?? `${id}.txt`, contentType: 'text/plain', data: Buffer.from(source.text, 'utf8'), forceType: 'TXT' })
				: prepared.file;
		const metadata = input.metadata;
		const pendingMs = Number(metadata?.['emulator:pendingMs'] ?? 0);
		const run: ClassifyRun = {
			object: 'classify_run',
			id,
			status: 'PENDING', // PROCESSING at once unless emulator:pendingMs or the throughput queue holds it
			output: null,
			classifier: prepared.classifier,
			classifierVersion: prepared.classifierVersion,
			initialOutput: null,
			reviewedOutput: null,
			failureReason: null,
			failureMessage: null,
			metadata,
			reviewed: false,
			edited: false,
			config: prepared.config,
			file: file ? fileSummary(file) : null,
			parseRunId: null,
			dashboardUrl: `https://dashboard.extend.ai/runs/${id}`,
			usage: null,
			createdAt: now,
			updatedAt: now,
		};
		const record: RunRecord = { seq: ++this.seq, run, file, url: source.kind === 'url' ? source : undefined, batchId, waiters: [] };
		this.runs.set(id, record);
		const stats = this.stats();
		stats.runsCreated++;
		bump(stats.runsPerInput, stableJson({ file: input.rawFile, metadata: input.metadata ?? undefined }));

		const latencyMs = Number(metadata?.['emulator:latencyMs'] ?? this.settings.latencyMs);
		let creating = true;
		const startProcessing = (): void => {
			if (creating) run.status = 'PROCESSING'; // started as it was created: not an update
			else this.touch(record, { status: 'PROCESSING' });
			record.timer = this.timers.after(latencyMs, () => void this.finish(record));
		};
		// INFERRED default priority 0 (the Extend CLI's default); batch runs go after single runs at equal priority.
		const enqueue = (): void => this.queue.add({ seq: record.seq, priority: input.priority ?? 0, batch: batchId !== undefined, start: startProcessing });
		if (pendingMs > 0) record.timer = this.timers.after(pendingMs, enqueue);
		else enqueue();
		creating = false;
		return record;
	}

	/** Reads, classifies (or fails) the document, then ends the run unless it was cancelled meanwhile. */
	private async finish(record: RunRecord): Promise<void> {
		const { run } = record;
		const changes: Partial<ClassifyRun> = {};
		try {
			const file = record.file ?? (await this.download(record));
			changes.file = fileSummary(file);
			const forced = run.metadata?.['emulator:fail'];
			if (typeof forced === 'string') throw failure(forced, 'forced by emulator:fail');
			const { text, pageCount } = this.files.text(file, record.url?.password);
			changes.parseRunId = this.ids.id('pr_');
			const marker = /EMULATOR_FAIL:([A-Z_]+)/.exec(text);
			if (marker) throw failure(marker[1], 'the document asked for it');
			changes.output = classify(text, run.config.classifications);
			changes.status = 'PROCESSED';
			// INFERRED pricing: one credit per page.
			changes.usage = { credits: pageCount, totalCredits: pageCount, breakdown: [{ object: 'classify_run', id: run.id, credits: pageCount }] };
		} catch (error) {
			const { reason, message } = error instanceof RunFailure ? error : new RunFailure('INTERNAL_ERROR', (error as Error).message);
			Object.assign(changes, { status: 'FAILED', failureReason: reason, failureMessage: message, output: null });
		}
		if (this.runs.get(run.id) !== record || run.status !== 'PROCESSING') return; // cancelled or deleted meanwhile
		this.touch(record, changes);
		this.ended(record);
	}

	private async download(record: RunRecord): Promise<FileRecord> {
		const { url, name, password } = record.url!;
		const { data, contentType } = await fetchDocument(url, this.settings.maxUploadBytes);
		const fromPath = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
		record.file = this.files.add({ name: name ?? (fromPath || 'file'), contentType, data, password });
		return record.file;
	}

	private touch(record: RunRecord, changes: Partial<ClassifyRun>): void {
		Object.assign(record.run, changes, { updatedAt: isoNow() });
	}

	private ended(record: RunRecord): void {
		this.stats().runEndedAt[record.run.id] = Date.now();
		const snapshot = structuredClone(record.run);
		for (const waiter of record.waiters.splice(0)) waiter.resolve(structuredClone(snapshot));
		// Extend does not say whether runs of a batch send their own events: the emulator sends them like any run's.
		this.webhooks.notifyRunEnded(snapshot);
		if (record.batchId) this.onBatchRunChanged(record.batchId);
	}

	cancel(id: string): ClassifyRun {
		const record = this.get(id);
		if (!ACTIVE.has(record.run.status)) {
			throw invalid(`Classify run ${id} cannot be cancelled: it is already in the terminal status ${record.run.status}.`);
		}
		this.timers.cancel(record.timer);
		this.queue.remove(record.seq);
		this.touch(record, { status: 'CANCELLED' });
		this.ended(record); // no webhook: Extend has no classify_run.cancelled event
		return record.run;
	}

	delete(id: string): { id: string } {
		const record = this.get(id);
		this.timers.cancel(record.timer);
		this.queue.remove(record.seq);
		this.runs.delete(id);
		for (const waiter of record.waiters.splice(0)) waiter.reject(new Error(`Classify run ${id} was deleted.`));
		if (record.batchId) this.onBatchRunChanged(record.batchId);
		return { id };
	}

	/** Resolves with the run once terminal; rejects after timeoutMs. */
	wait(id: string, timeoutMs: number): Promise<ClassifyRun> {
		const record = this.get(id);
		if (!ACTIVE.has(record.run.status)) return Promise.resolve(structuredClone(record.run));
		return new Promise((resolve, reject) => {
			const waiter: Waiter = {
				resolve: (run) => {
					this.timers.cancel(timer);
					resolve(run);
				},
				reject: (error) => {
					this.timers.cancel(timer);
					reject(error);
				},
			};
			const timer = this.timers.after(timeoutMs, () => {
				record.waiters.splice(record.waiters.indexOf(waiter), 1);
				reject(new Error(`Classify run ${id} did not finish within ${timeoutMs} ms.`));
			});
			record.waiters.push(waiter);
		});
	}

	/** Rejects every pending waiter (the emulator is stopping). */
	abortWaiters(): void {
		for (const record of this.runs.values()) for (const waiter of record.waiters.splice(0)) waiter.reject(new Error('The emulator stopped.'));
	}

	private list(query: URLSearchParams): ReturnType<typeof paginate<RunRecord, ClassifyRunSummary>> {
		const status = queryEnum(query, 'status', STATUSES);
		const by = queryEnum(query, 'sortBy', ['createdAt', 'updatedAt'] as const) ?? 'createdAt';
		const source = queryEnum(query, 'source', ['ADMIN', 'BATCH_PROCESSOR_RUN', 'PLAYGROUND', 'WORKFLOW_CONFIGURATION', 'WORKFLOW_RUN', 'STUDIO', 'API'] as const);
		const classifierId = query.get('classifierId');
		const batchId = query.get('batchId');
		const nameContains = query.get('fileNameContains')?.toLowerCase();
		const matching = [...this.runs.values()].filter(
			({ run, batchId: batch }) =>
				(!status || run.status === status) &&
				(!classifierId || run.classifier?.id === classifierId) &&
				(!batchId || batch === batchId) &&
				(!source || source === (batch ? 'BATCH_PROCESSOR_RUN' : 'API')) &&
				(!nameContains || (run.file?.name.toLowerCase().includes(nameContains) ?? false)),
		);
		return paginate(matching, (r) => sortKey(r.run[by], r.seq), query, (r) => summarize(r.run));
	}

	routes(): Route[] {
		return [
			{
				method: 'POST',
				path: '/classify',
				category: 'RUN',
				handle: async (req) => {
					const record = this.create(parseRunBody(await req.json(), 'sync'));
					try {
						return { body: await this.wait(record.run.id, this.settings.syncTimeoutMs) };
					} catch {
						// Past the limit Extend documents that "the request will fail"; the run itself keeps going.
						throw new ApiError(
							504,
							'REQUEST_TIMEOUT',
							`Classification did not finish within the ${this.settings.syncTimeoutMs} ms limit of POST /classify. Run ${record.run.id} continues: retrieve it with GET /classify_runs/${record.run.id}, or use POST /classify_runs with polling or webhooks.`,
						);
					}
				},
			},
			{ method: 'POST', path: '/classify_runs', category: 'RUN', handle: async (req) => ({ body: this.create(parseRunBody(await req.json(), 'async')).run }) },
			{ method: 'GET', path: '/classify_runs', category: 'GET', handle: ({ query }) => ({ body: this.list(query) }) },
			{ method: 'GET', path: '/classify_runs/{id}', category: 'GET', handle: ({ params }) => ({ body: this.get(params.id).run }) },
			{
				method: 'POST',
				path: '/classify_runs/{id}/cancel',
				category: 'WRITE',
				handle: async (req) => {
					await req.json(); // the SDK sends no body, the CLI sends {}: both are fine
					return { body: this.cancel(req.params.id) };
				},
			},
			{ method: 'DELETE', path: '/classify_runs/{id}', category: 'WRITE', handle: ({ params }) => ({ body: this.delete(params.id) }) },
		];
	}
}

/** The list shape: no output, config, initialOutput or reviewedOutput; usage without breakdown. */
export function summarize(run: ClassifyRun): ClassifyRunSummary {
	return {
		object: run.object,
		id: run.id,
		classifier: run.classifier,
		classifierVersion: run.classifierVersion,
		status: run.status,
		failureReason: run.failureReason,
		failureMessage: run.failureMessage,
		metadata: run.metadata,
		reviewed: run.reviewed,
		edited: run.edited,
		file: run.file,
		parseRunId: run.parseRunId,
		dashboardUrl: run.dashboardUrl,
		usage: run.usage && { credits: run.usage.credits, totalCredits: run.usage.totalCredits },
		createdAt: run.createdAt,
		updatedAt: run.updatedAt,
	};
}

/** JSON with sorted keys, so equal inputs give equal keys in stats.runsPerInput. */
export function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
		return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}
