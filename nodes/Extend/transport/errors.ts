import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { EXTEND_API_VERSION } from './apiVersion';

/** What Extend says in an error body: flat `{code, message, retryable, requestId}` or wrapped in `error`. */
interface ExtendErrorBody {
	code?: string;
	message?: string;
	retryable?: boolean;
	requestId?: string;
}

export function parseErrorBody(body: unknown): ExtendErrorBody {
	let value: unknown = body;
	if (typeof body === 'string') {
		try {
			value = JSON.parse(body);
		} catch {
			return { message: body.slice(0, 500) };
		}
	}
	if (value && typeof value === 'object') {
		const obj = value as Record<string, unknown>;
		const inner = obj.error && typeof obj.error === 'object' ? (obj.error as Record<string, unknown>) : obj;
		const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
		return {
			code: str(inner.code),
			message: str(inner.message) ?? str(obj.error),
			retryable: typeof inner.retryable === 'boolean' ? inner.retryable : undefined,
			requestId: str(inner.requestId),
		};
	}
	return {};
}

const HINTS: Record<string, string> = {
	UNAUTHORIZED:
		'Check the API key in the Extend API credential, and that its region matches your Extend workspace.',
	NOT_FOUND:
		'Check the id. Extend also answers "not found" for resources of another workspace: check the credential\'s workspace ID.',
	RATE_LIMIT_EXCEEDED:
		'Extend kept rate-limiting after several retries. Lower the node\'s concurrency, or raise your plan\'s limits.',
	USAGE_BLOCKED: 'Your Extend organization is out of credits. Add credits in the Extend dashboard.',
	INVALID_REQUEST: 'Extend rejected the request as invalid; the message says which field to fix.',
	INTERNAL_ERROR: 'Extend had an internal error. Try again later; if it persists, contact Extend with the request ID.',
	ENDPOINT_REMOVED: `This API version no longer offers this endpoint. Set API Version in the credential to ${EXTEND_API_VERSION}.`,
};

function codeForStatus(status?: number): string | undefined {
	if (status === 401) return 'UNAUTHORIZED';
	if (status === 402) return 'USAGE_BLOCKED';
	if (status === 404) return 'NOT_FOUND';
	if (status === 429) return 'RATE_LIMIT_EXCEEDED';
	if (status === 400 || status === 422) return 'INVALID_REQUEST';
	if (status !== undefined && status >= 500) return 'INTERNAL_ERROR';
	return undefined;
}

/** Removes the API key and any bearer token from text that may reach an item, the UI or a log. */
export function redact(text: string, secrets: string[]): string {
	let out = text.replace(/Bearer\s+[^\s"',]+/gi, 'Bearer [redacted]');
	for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
	return out;
}

export interface ApiFailure {
	method: string;
	path: string;
	status?: number;
	networkCode?: string;
	networkMessage?: string;
	body?: unknown;
	requestIdHeader?: string;
	attempts: number;
	/** The request may have been processed by Extend although it failed (5xx, dropped connection). */
	mayHaveBeenProcessed: boolean;
	/** How long the server asked to wait (Retry-After) or the back-off, before another try. */
	retryAfterMs?: number;
}

/** One NodeApiError for every way an Extend call can fail; built from clean values only, never
 * from the HTTP client's error (whose config holds the Authorization header). */
export function extendApiError(node: INode, failure: ApiFailure, secrets: string[], itemIndex?: number): NodeApiError {
	const parsed = parseErrorBody(failure.body);
	const code = parsed.code ?? codeForStatus(failure.status);
	const requestId = parsed.requestId ?? failure.requestIdHeader;
	const what = `${failure.method} ${failure.path}`;
	const detail =
		failure.status === undefined
			? `could not reach Extend (${failure.networkCode ?? 'network error'}: ${failure.networkMessage ?? 'no response'})`
			: `${code ?? `HTTP ${failure.status}`}: ${parsed.message ?? 'no message'}`;
	const message = redact(`Extend ${what} failed: ${detail}`, secrets);
	const redirected = failure.status !== undefined && failure.status >= 300 && failure.status < 400;
	const hint =
		(code && HINTS[code]) ??
		(redirected ? 'Extend\'s API does not redirect: check the Base URL of the Extend API credential (https, no path).' : undefined) ??
		(failure.status === undefined
			? 'Check the Region / Base URL of the Extend API credential and your network.'
			: 'See the message from Extend above.');
	const tries = failure.attempts > 1 ? ` Tried ${failure.attempts} times.` : '';
	const description = redact(`${hint}${tries}${requestId ? ` Request ID: ${requestId}.` : ''}`, secrets);
	const response: JsonObject = {
		code: code ?? null,
		message: parsed.message ? redact(parsed.message, secrets) : null,
		requestId: requestId ?? null,
		httpCode: failure.status ?? null,
		retryable: parsed.retryable ?? null,
	};
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: failure.status === undefined ? undefined : String(failure.status),
		itemIndex,
	});
	// NodeApiError swaps messages that mention ECONNREFUSED & co. for generic text; keep ours.
	error.message = message;
	error.context.extend = response;
	error.context.mayHaveBeenProcessed = failure.mayHaveBeenProcessed;
	error.context.networkCode = failure.networkCode;
	if (failure.retryAfterMs !== undefined) error.context.retryAfterMs = failure.retryAfterMs;
	return error;
}
