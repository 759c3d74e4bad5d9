// Seeded randomness and injected faults. Everything random is drawn
// from seeded generators so one seed replays the same faults for the same request sequence.
import type { FaultOptions } from './types';

export type Rng = () => number;

/** xorshift32 over a scrambled seed: tiny, fast and good enough for test decisions. */
export function createRng(seed: number): Rng {
	let x = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 0x2545f491;
	const next = (): number => {
		x ^= x << 13;
		x >>>= 0;
		x ^= x >>> 17;
		x ^= x << 5;
		x >>>= 0;
		return x / 4294967296;
	};
	for (let i = 0; i < 8; i++) next(); // let the scrambled seed spread before the first draw
	return next;
}

export type FaultKind = '429' | '500' | '503' | 'dropBefore' | 'dropAfter';

export interface FaultDecision {
	kind?: FaultKind;
	slowMs: number;
}

/** Picks at most one fault per request with a single draw, so the shares never overlap. */
export class FaultInjector {
	constructor(
		private options: FaultOptions | undefined,
		private readonly rng: Rng,
	) {}

	set(options: FaultOptions | undefined): void {
		this.options = options;
	}

	decide(routeKey: string): FaultDecision {
		const o = this.options;
		if (!o || !appliesTo(o.routes, routeKey)) return { slowMs: 0 };
		const shares: Array<[FaultKind, number | undefined]> = [
			['dropBefore', o.dropBefore],
			['dropAfter', o.dropAfter],
			['429', o.status429],
			['500', o.status500],
			['503', o.status503],
		];
		const draw = this.rng();
		let edge = 0;
		for (const [kind, share] of shares) {
			edge += clampShare(share);
			if (draw < edge) return { kind, slowMs: o.slowMs ?? 0 };
		}
		return { slowMs: o.slowMs ?? 0 };
	}
}

function appliesTo(routes: string[] | undefined, routeKey: string): boolean {
	return !routes || routes.length === 0 || routes.includes('*') || routes.includes(routeKey);
}

function clampShare(share: number | undefined): number {
	return typeof share === 'number' && share > 0 ? Math.min(share, 1) : 0;
}
