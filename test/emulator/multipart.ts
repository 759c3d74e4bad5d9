// A small streaming multipart/form-data parser (no dependencies): feed it chunks as they arrive;
// it keeps at most one delimiter's worth of unparsed bytes, enforces a per-part size limit and
// hashes each part as it arrives (a 100 MB upload costs no second pass over its bytes).
import { createHash, type Hash } from 'node:crypto';

import { ApiError, invalid } from './errors';

export interface FormPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
	/** SHA-256 (hex) of `data`. */
	sha256: string;
}

const MAX_HEADER_BYTES = 16 * 1024;

export function boundaryOf(contentType: string | undefined): string {
	const match = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
	if (!match) throw invalid('The request must be multipart/form-data with a boundary.');
	return match[1] ?? match[2];
}

export class MultipartParser {
	readonly parts: FormPart[] = [];
	private buffer: Buffer = Buffer.alloc(0);
	private state: 'preamble' | 'boundary' | 'headers' | 'body' | 'done' = 'preamble';
	private current?: { part: PartHeaders; chunks: Buffer[]; size: number; hash: Hash };
	private readonly opening: Buffer;
	private readonly delimiter: Buffer;

	/** `tooLarge` is thrown when one part grows past `maxPartBytes`. */
	constructor(
		boundary: string,
		private readonly maxPartBytes: number,
		private readonly tooLarge: () => ApiError,
	) {
		this.opening = Buffer.from(`--${boundary}`);
		this.delimiter = Buffer.from(`\r\n--${boundary}`);
	}

	write(chunk: Buffer): void {
		// Only the few bytes of a possible partial delimiter are ever left over to join with the chunk.
		this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
		while (this.step());
	}

	end(): FormPart[] {
		if (this.state !== 'done') throw invalid('The multipart body is incomplete (no closing boundary).');
		return this.parts;
	}

	/** Advances one state if the buffer allows; returns false when it needs more bytes. */
	private step(): boolean {
		switch (this.state) {
			case 'preamble': {
				const at = this.buffer.indexOf(this.opening);
				if (at < 0) return false;
				this.buffer = this.buffer.subarray(at + this.opening.length);
				this.state = 'boundary';
				return true;
			}
			case 'boundary': {
				if (this.buffer.length < 2) return false;
				const next = this.buffer.subarray(0, 2).toString('latin1');
				if (next === '--') this.state = 'done';
				else if (next === '\r\n') this.state = 'headers';
				else throw invalid('The multipart body is malformed.');
				this.buffer = this.buffer.subarray(2);
				return this.state !== 'done';
			}
			case 'headers': {
				const end = this.buffer.indexOf('\r\n\r\n');
				if (end < 0) {
					if (this.buffer.length > MAX_HEADER_BYTES) throw invalid('A multipart part has oversized headers.');
					return false;
				}
				this.current = { part: parsePartHeaders(this.buffer.subarray(0, end).toString('utf8')), chunks: [], size: 0, hash: createHash('sha256') };
				this.buffer = this.buffer.subarray(end + 4);
				this.state = 'body';
				return true;
			}
			case 'body': {
				const at = this.buffer.indexOf(this.delimiter);
				// Without a delimiter, everything but a possible partial delimiter at the end is data.
				const take = at >= 0 ? at : Math.max(0, this.buffer.length - this.delimiter.length);
				this.append(this.buffer.subarray(0, take));
				this.buffer = this.buffer.subarray(at >= 0 ? at + this.delimiter.length : take);
				if (at < 0) return false;
				const { part, chunks, size, hash } = this.current!;
				this.parts.push({ ...part, data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size), sha256: hash.digest('hex') });
				this.current = undefined;
				this.state = 'boundary';
				return true;
			}
			default:
				return false;
		}
	}

	private append(data: Buffer): void {
		if (!data.length || !this.current) return;
		this.current.size += data.length;
		if (this.current.size > this.maxPartBytes) throw this.tooLarge();
		this.current.hash.update(data);
		this.current.chunks.push(data);
	}
}

type PartHeaders = Omit<FormPart, 'data' | 'sha256'>;

function parsePartHeaders(block: string): PartHeaders {
	const headers = new Map<string, string>();
	for (const line of block.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	const disposition = headers.get('content-disposition') ?? '';
	const param = (key: string): string | undefined => new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition)?.[1]?.replace(/\\(.)/g, '$1');
	const name = param('name');
	if (!/^form-data/i.test(disposition) || name === undefined) throw invalid('Each multipart part needs Content-Disposition: form-data with a name.');
	return { name, filename: param('filename'), contentType: headers.get('content-type') };
}
