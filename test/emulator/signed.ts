// Short-lived unauthenticated download URLs (/__signed/<token>): a file's presignedUrl and
// webhook payloads delivered by URL. An expired or unknown token answers 403 / 404.
import type { IdGenerator } from './ids';

interface SignedEntry {
	data: Buffer;
	contentType: string;
	expiresAt: number;
}

export class SignedUrls {
	private readonly entries = new Map<string, SignedEntry>();

	constructor(
		private readonly ids: IdGenerator,
		private readonly baseUrl: () => string,
	) {}

	issue(data: Buffer | string, contentType: string, ttlMs: number): string {
		const token = this.ids.id('sig_', 32);
		this.entries.set(token, { data: Buffer.from(data), contentType, expiresAt: Date.now() + ttlMs });
		return `${this.baseUrl()}/__signed/${token}`;
	}

	/** The entry, 'expired', or undefined when the token was never issued. */
	read(token: string): SignedEntry | 'expired' | undefined {
		const entry = this.entries.get(token);
		if (!entry) return undefined;
		if (Date.now() > entry.expiresAt) {
			this.entries.delete(token);
			return 'expired';
		}
		return entry;
	}
}
