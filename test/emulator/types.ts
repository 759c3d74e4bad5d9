// The emulator's public option/stat types and the Extend wire types it emits. The wire types come
// from the official SDK (type-only import) so every response is checked against Extend's field names.
import type { Extend } from 'extend-ai';

import type { PlanProfile, PlanTier, RateCategory, ResolvedPlan } from './plan';

export type { PlanProfile, PlanTier, RateCategory, ResolvedPlan } from './plan';

export type ClassifyRun = Extend.ClassifyRun;
export type ClassifyRunSummary = Extend.ClassifyRunSummary;
export type ClassifyConfig = Extend.ClassifyConfig;
export type ClassifyOutput = Extend.ClassifyOutput;
export type Classification = Extend.Classification;
export type Classifier = Extend.Classifier;
export type ClassifierSummary = Extend.ClassifierSummary;
export type ClassifierVersion = Extend.ClassifierVersion;
export type ClassifierVersionSummary = Extend.ClassifierVersionSummary;
export type FileObject = Extend.File_;
export type FileSummary = Extend.FileSummary;
export type WebhookEndpoint = Extend.WebhookEndpoint;
export type WebhookEndpointCreate = Extend.WebhookEndpointCreate;
export type WebhookSubscription = Extend.WebhookSubscription;
export type WebhookAdvancedOptions = Extend.WebhookAdvancedOptions;
export type BatchRun = Extend.BatchRun;

export interface FaultOptions {
	/** Shares in [0,1] of matching requests answered with that fault. */
	status429?: number;
	status500?: number;
	status503?: number;
	/** Socket destroyed before the request is processed (nothing is created). */
	dropBefore?: number;
	/** Request processed (e.g. run created), then the socket is destroyed without a response. */
	dropAfter?: number;
	/** Delay added before answering every matching request. */
	slowMs?: number;
	/** Route keys the faults apply to, e.g. 'POST /classify_runs'; '*' or absent = all routes. */
	routes?: string[];
}

export interface EmulatorOptions {
	port?: number;
	host?: string;
	apiKey?: string;
	latencyMs?: number;
	seed?: number;
	syncTimeoutMs?: number;
	maxUploadBytes?: number;
	/** Extend's plan limits (off by default): a tier name or a profile, e.g. { filesPerMinute: 500 }. */
	plan?: PlanTier | PlanProfile | null;
	/** The same request rate for every category; replaces the plan's request rates when set. */
	rateLimit?: { perSecond: number } | null;
	faults?: FaultOptions;
	webhookRetries?: number;
	webhookRetryDelayMs?: number;
	webhookTimeoutMs?: number;
	/** Where GET /__samples/<name> reads from (default: test/emulator/samples). */
	samplesDir?: string;
}

export interface DeliveryRecord {
	endpointId: string;
	url: string;
	eventId: string;
	eventType: string;
	attempt: number;
	status: number | null;
	error?: string;
	signedUrl: boolean;
	at: number;
}

/** One accepted `POST /files/upload`: what the emulator received, to compare with the source file. */
export interface UploadRecord {
	fileId: string;
	/** The multipart part's filename as received. */
	name: string;
	contentType: string | null;
	bytes: number;
	/** Hex SHA-256 of the received file bytes. */
	sha256: string;
	at: number;
}

export interface EmulatorStats {
	requests: Record<string, number>;
	/** API requests by Extend's rate-limit category (GET, WRITE, RUN), 429s included. */
	requestsByCategory: Partial<Record<RateCategory, number>>;
	/** 429 answers of the request limits (plan or rateLimit), by category; injected 429s are in faultsInjected. */
	rateLimitedByCategory: Partial<Record<RateCategory, number>>;
	/** Every API answer by HTTP status, e.g. { '200': 12, '429': 1 }. */
	responsesByStatus: Record<string, number>;
	/** The files-per-minute limit: files started, the longest queue, and the time runs waited in it. */
	throughput: { filesStarted: number; maxQueued: number; totalQueueWaitMs: number };
	requestsByRun: Record<string, number>;
	runsCreated: number;
	runsPerInput: Record<string, number>;
	faultsInjected: Record<string, number>;
	deliveries: DeliveryRecord[];
	runEndedAt: Record<string, number>;
	/** Date.now() when each batch got its final status. */
	batchEndedAt: Record<string, number>;
	/** Every accepted upload, in order. */
	uploads: UploadRecord[];
}

export interface Emulator {
	baseUrl: string;
	stop(): Promise<void>;
	setFaults(f: FaultOptions | undefined): void;
	setRateLimit(r: { perSecond: number } | null): void;
	/** Replaces the plan profile (null = no plan limits); request buckets start full again. */
	setPlan(plan: PlanTier | PlanProfile | null): void;
	/** The limits in force (the plan with rateLimit applied), or null when there are none. */
	plan(): ResolvedPlan | null;
	stats(): EmulatorStats;
	resetStats(): void;
	/** Resolves when the run reaches a terminal status (PROCESSED, FAILED or CANCELLED). */
	waitForRun(id: string, timeoutMs?: number): Promise<ClassifyRun>;
	/** Resolves with the batch once every run of it is terminal (status PROCESSED, FAILED or CANCELLED). */
	waitForBatch(id: string, timeoutMs?: number): Promise<BatchRun>;
	/** Creates a webhook endpoint as if in the dashboard; the result carries its signingSecret. */
	createWebhookEndpoint(body: {
		url: string;
		name?: string;
		enabledEvents?: string[];
		advancedOptions?: WebhookAdvancedOptions;
	}): WebhookEndpointCreate;
}

export function emptyStats(): EmulatorStats {
	return {
		requests: {},
		requestsByCategory: {},
		rateLimitedByCategory: {},
		responsesByStatus: {},
		requestsByRun: {},
		runsCreated: 0,
		runsPerInput: {},
		faultsInjected: {},
		throughput: { filesStarted: 0, maxQueued: 0, totalQueueWaitMs: 0 },
		deliveries: [],
		runEndedAt: {},
		batchEndedAt: {},
		uploads: [],
	};
}

/** Increments a counter in a Record<string, number>. */
export function bump(counter: Record<string, number>, key: string, by = 1): void {
	counter[key] = (counter[key] ?? 0) + by;
}
