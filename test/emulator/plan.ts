// Extend's plan limits (docs.extend.ai/2026-02-09/general/rate-limits): request
// limits per category (GET, WRITE, RUN) and a processor throughput limit in files per minute.
// Off unless a plan profile is given, so tests without one never see a 429 they did not ask for.
import { invalid } from './errors';
import { isObject } from './validation';

/** Extend's rate-limit categories: reads, mutations that start no processing, and requests that submit files. */
export type RateCategory = 'GET' | 'WRITE' | 'RUN';
const RATE_CATEGORIES: readonly RateCategory[] = ['GET', 'WRITE', 'RUN'];

export type PlanTier = 'payg' | 'scale' | 'enterprise';

/** Extend's published figures; Scale and Enterprise are minimums ("25+", "120+"). */
export const PLAN_TIERS: Record<PlanTier, { requestsPerSecond: number; filesPerMinute: number }> = {
	payg: { requestsPerSecond: 10, filesPerMinute: 80 },
	scale: { requestsPerSecond: 25, filesPerMinute: 120 },
	enterprise: { requestsPerSecond: 75, filesPerMinute: 300 },
};

/** What a caller passes: a tier's figures, each overridable; null or 0 means no limit. */
export interface PlanProfile {
	/** Default 'payg'. */
	tier?: PlanTier;
	/** Requests per second per category; a number sets all three. */
	requestsPerSecond?: number | null | Partial<Record<RateCategory, number | null>>;
	/** Files that may start processing per minute, e.g. 500 to make a benchmark take a minute. */
	filesPerMinute?: number | null;
}

/** The limits in force; null = unlimited. */
export interface ResolvedPlan {
	/** null when only the legacy rateLimit option is set. */
	tier: PlanTier | null;
	requestsPerSecond: Record<RateCategory, number | null>;
	filesPerMinute: number | null;
}

const limit = (value: unknown, path: string): number | null => {
	if (value === null || value === 0) return null;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalid(`${path} must be a positive number, 0 or null (no limit).`);
	return value;
};

/** Validates a plan profile (startEmulator, the CLI, POST /__emulator/plan) and fills in its tier's figures. */
export function resolvePlan(value: unknown): ResolvedPlan | null {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string' && !isObject(value)) throw invalid('plan must be a tier name or an object.');
	const profile: Record<string, unknown> = typeof value === 'string' ? { tier: value } : value;
	const unknown = Object.keys(profile).find((k) => !['tier', 'requestsPerSecond', 'filesPerMinute'].includes(k));
	if (unknown) throw invalid(`Unrecognized key "${unknown}" in plan; allowed keys: tier, requestsPerSecond, filesPerMinute.`);
	const tier = (profile.tier ?? 'payg') as PlanTier;
	if (!(tier in PLAN_TIERS)) throw invalid(`plan.tier must be one of: ${Object.keys(PLAN_TIERS).join(', ')}.`);
	const figures = PLAN_TIERS[tier];
	const rps = profile.requestsPerSecond === undefined ? figures.requestsPerSecond : profile.requestsPerSecond;
	const requestsPerSecond = {} as Record<RateCategory, number | null>;
	for (const category of RATE_CATEGORIES) {
		const given = isObject(rps) ? (rps[category] === undefined ? figures.requestsPerSecond : rps[category]) : rps;
		requestsPerSecond[category] = limit(given, `plan.requestsPerSecond${isObject(rps) ? `.${category}` : ''}`);
	}
	const filesPerMinute = limit(profile.filesPerMinute === undefined ? figures.filesPerMinute : profile.filesPerMinute, 'plan.filesPerMinute');
	return { tier, requestsPerSecond, filesPerMinute };
}

/** One token bucket per category: burst = the category's rate, refilled at that rate per second. */
export class RateLimiter {
	private buckets = new Map<RateCategory, { tokens: number; at: number }>();

	constructor(private rates: Record<RateCategory, number | null> | null) {}

	set(rates: Record<RateCategory, number | null> | null): void {
		this.rates = rates;
		this.buckets.clear();
	}

	/** Takes a token; returns 0 when allowed, otherwise the Retry-After in whole seconds (>= 1). */
	take(category: RateCategory, now = Date.now()): number {
		const rate = this.rates?.[category];
		if (!rate || !(rate > 0)) return 0;
		const bucket = this.buckets.get(category) ?? { tokens: rate, at: now };
		bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
		bucket.at = now;
		this.buckets.set(category, bucket);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
	}
}

/** The limits in force: the plan, with the older `rateLimit: { perSecond }` (one rate for every category) in place of its request rates. */
export function limitsInForce(plan: ResolvedPlan | null, rateLimit: { perSecond: number } | null): ResolvedPlan | null {
	if (!rateLimit) return plan;
	const perSecond = rateLimit.perSecond > 0 ? rateLimit.perSecond : null;
	return { ...(plan ?? { tier: null, filesPerMinute: null }), requestsPerSecond: { GET: perSecond, WRITE: perSecond, RUN: perSecond } };
}
