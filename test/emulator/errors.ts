// Extend's flat error body: { code, message, retryable, requestId } (Extend's ApiError, extend-ai/api/types/ApiError.d.ts).
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly retryable = false,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}

	body(requestId: string): { code: string; message: string; retryable: boolean; requestId: string } {
		return { code: this.code, message: this.message, retryable: this.retryable, requestId };
	}
}

export const invalid = (message: string): ApiError => new ApiError(400, 'INVALID_REQUEST', message);

export const notFound = (what: string, id: string): ApiError => new ApiError(404, 'NOT_FOUND', `${what} "${id}" was not found.`);

/** Extend's documented 429 body (docs: general/rate-limits); whether Extend sends Retry-After is not documented: the emulator does. */
export const rateLimited = (retryAfterSeconds: number, message = 'Too many requests. Back off and retry.'): ApiError =>
	new ApiError(429, 'RATE_LIMIT_EXCEEDED', message, true, { 'retry-after': String(retryAfterSeconds) });

export const internalError = (status = 500): ApiError =>
	new ApiError(status, 'INTERNAL_ERROR', status === 503 ? 'The service is temporarily unavailable.' : 'An internal error occurred.', true);

/** A run failure raised while processing (becomes failureReason / failureMessage, not an HTTP error). */
export class RunFailure extends Error {
	constructor(
		readonly reason: string,
		message: string,
	) {
		super(message);
	}
}
