// Extend-style ids (`clr_…`, `file_…`) drawn from a seeded generator, and RFC 3339 timestamps.
import { createRng, type Rng } from './faults';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class IdGenerator {
	private readonly rng: Rng;

	constructor(seed: number) {
		this.rng = createRng(seed);
	}

	/** e.g. id('clr_') → 'clr_Xj8mK2pL9nR4vT7qY5wZab' (22 random characters, like Extend's examples). */
	id(prefix: string, length = 22): string {
		let out = prefix;
		for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(this.rng() * ALPHABET.length)];
		return out;
	}
}

export function isoNow(): string {
	return new Date().toISOString();
}
