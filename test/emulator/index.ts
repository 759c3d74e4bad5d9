// The Extend emulator: a loopback HTTP server that behaves like Extend's classify API
// (API version 2026-02-09). See docs/emulator.md.
import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SUPPORTED_API_VERSION } from './auth';
import { ClassifierStore, classifierRoutes } from './classifiers';
import { Batches } from './batches';
import { FaultInjector, createRng } from './faults';
import { FileStore, fileRoutes } from './files';
import { IdGenerator } from './ids';
import { RateLimiter, limitsInForce, resolvePlan, type ResolvedPlan } from './plan';
import { Runs } from './runs';
import { findSamplesDir } from './samples';
import { createPipeline } from './server';
import { SignedUrls } from './signed';
import { ThroughputQueue } from './throughput';
import { Timers } from './timers';
import { emptyStats, type Emulator, type EmulatorOptions, type EmulatorStats } from './types';
import { Webhooks } from './webhooks';

export type { ClassifyRun, DeliveryRecord, Emulator, EmulatorOptions, EmulatorStats, FaultOptions, PlanProfile, PlanTier, ResolvedPlan, UploadRecord } from './types';
export { PLAN_TIERS } from './plan';

export const DEFAULTS = {
	host: '127.0.0.1',
	latencyMs: 1000,
	syncTimeoutMs: 300_000,
	maxUploadBytes: 100 * 1024 * 1024,
	webhookRetries: 3,
	webhookRetryDelayMs: 200,
	webhookTimeoutMs: 10_000,
};

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const seed = options.seed ?? randomInt(2 ** 31);
	const host = options.host ?? DEFAULTS.host;
	const maxUploadBytes = options.maxUploadBytes ?? DEFAULTS.maxUploadBytes;
	let stats = emptyStats();
	let baseUrl = '';

	const ids = new IdGenerator(seed);
	const timers = new Timers();
	const signed = new SignedUrls(ids, () => baseUrl);
	const files = new FileStore(ids);
	const classifiers = new ClassifierStore();
	const webhooks = new Webhooks(
		ids,
		timers,
		signed,
		classifiers,
		{
			retries: options.webhookRetries ?? DEFAULTS.webhookRetries,
			retryDelayMs: options.webhookRetryDelayMs ?? DEFAULTS.webhookRetryDelayMs,
			timeoutMs: options.webhookTimeoutMs ?? DEFAULTS.webhookTimeoutMs,
		},
		(delivery) => stats.deliveries.push(delivery),
	);
	let plan = resolvePlan(options.plan);
	let rateLimit = options.rateLimit ?? null;
	const limits = (): ResolvedPlan | null => limitsInForce(plan, rateLimit);
	const limiter = new RateLimiter(limits()?.requestsPerSecond ?? null);
	const queue = new ThroughputQueue(timers, plan?.filesPerMinute ?? null, () => stats);
	const applyLimits = (): void => {
		limiter.set(limits()?.requestsPerSecond ?? null);
		queue.setRate(plan?.filesPerMinute ?? null);
	};
	const setPlan = (profile: unknown): void => {
		plan = resolvePlan(profile);
		applyLimits();
	};

	const runs = new Runs(ids, timers, files, classifiers, webhooks, queue, () => stats, {
		latencyMs: options.latencyMs ?? DEFAULTS.latencyMs,
		syncTimeoutMs: options.syncTimeoutMs ?? DEFAULTS.syncTimeoutMs,
		maxUploadBytes,
	});
	const faults = new FaultInjector(options.faults, createRng(seed + 1)); // its own stream: ids never shift faults
	const batches = new Batches(ids, runs, webhooks, () => stats);

	const handle = createPipeline({
		routes: [...runs.routes(), ...batches.routes(), ...fileRoutes(files, signed, maxUploadBytes, (upload) => stats.uploads.push(upload)), ...classifierRoutes(classifiers), ...webhooks.routes()],
		ids,
		apiKey: options.apiKey,
		maxBodyBytes: maxUploadBytes,
		samplesDir: options.samplesDir ?? findSamplesDir(),
		signed,
		faults,
		limiter,
		stats: () => stats,
		plan: { get: limits, set: setPlan },
	});
	const server = createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	return {
		baseUrl,
		async stop() {
			webhooks.stop();
			timers.cancelAll();
			runs.abortWaiters();
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
		},
		setFaults: (f) => faults.set(f),
		setRateLimit(r) {
			rateLimit = r;
			applyLimits();
		},
		setPlan,
		plan: limits,
		stats: (): EmulatorStats => structuredClone(stats),
		resetStats() {
			stats = emptyStats();
		},
		waitForRun: async (id, timeoutMs = 30_000) => await runs.wait(id, timeoutMs),
		waitForBatch: async (id, timeoutMs = 60_000) => await batches.wait(id, timeoutMs),
		createWebhookEndpoint: (body) =>
			webhooks.createEndpoint({
				name: 'Dashboard endpoint',
				enabledEvents: ['classify_run.processed', 'classify_run.failed'],
				...body,
				apiVersion: SUPPORTED_API_VERSION,
			}),
	};
}
