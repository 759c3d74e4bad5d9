// Request body reading with a byte cap, JSON answers, and the small request context handlers get.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { ApiError, invalid } from './errors';

export interface ApiRequest {
	params: Record<string, string>;
	query: URLSearchParams;
	raw: IncomingMessage;
	/** The parsed JSON body; `undefined` when the body is empty. */
	json(): Promise<unknown>;
}

export interface ApiResult {
	status?: number;
	body: unknown;
	headers?: Record<string, string>;
}

export const tooLarge = (limit: number): ApiError =>
	new ApiError(413, 'INVALID_REQUEST', `The request body exceeds the maximum size of ${limit} bytes.`);

/**
 * Feeds the request's chunks to `onChunk`. When it throws (e.g. a size limit), reading stops at
 * once and the promise rejects; the socket stays open so the server can still answer (413).
 */
export function consume(req: IncomingMessage, onChunk: (chunk: Buffer) => void): Promise<void> {
	return new Promise((resolve, reject) => {
		const onData = (chunk: Buffer): void => {
			try {
				onChunk(chunk);
			} catch (error) {
				req.off('data', onData);
				req.pause();
				reject(error);
			}
		};
		req.on('data', onData);
		req.once('end', resolve);
		req.once('error', reject);
	});
}

/** Reads the whole body, failing with 413 (and no longer reading) once it passes `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
	const chunks: Buffer[] = [];
	let size = 0;
	await consume(req, (chunk) => {
		size += chunk.length;
		if (size > limit) throw tooLarge(limit);
		chunks.push(chunk);
	});
	return Buffer.concat(chunks);
}

export function parseJson(raw: Buffer): unknown {
	if (raw.length === 0 || raw.toString('utf8').trim() === '') return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw invalid('The request body is not valid JSON.');
	}
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
	res.end(text);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
