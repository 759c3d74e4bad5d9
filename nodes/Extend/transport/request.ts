// The one place a request to Extend is made: base URL and headers from the credential, retries with
// Retry-After, and every failure turned into one clean NodeApiError.
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { abortableSleep } from '../shared/abortableSleep';

import { extendBaseUrl } from './baseUrl';
import { extendApiError, type ApiFailure } from './errors';
import {
	MAX_ATTEMPTS,
	MAX_ATTEMPTS_RATE_LIMITED,
	mayHaveBeenProcessed,
	retryDelayMs,
	shouldRetry,
	type Outcome,
	type RetryKind,
} from './retryPolicy';

export type ExtendContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

const CREDENTIAL_NAME = 'extendApi';
const DEFAULT_TIMEOUT_MS = 60_000;

export interface ExtendRequestOptions {
	qs?: IDataObject;
	body?: IDataObject | FormData;
	itemIndex?: number;
	/** Default: 'create' for POST, 'read' otherwise. */
	retry?: RetryKind;
	timeoutMs?: number;
	/** Aborts the request, its retries and waits (besides n8n's own abort when the execution stops). */
	signal?: AbortSignal;
	/** A bound on all attempts and waits together, in ms (each attempt's timeout is cut to fit). */
	deadlineMs?: number;
	/** Send even when the execution has been stopped (to cancel the run it started). */
	detached?: boolean;
	maxAttempts?: number;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** The error code of a failed connection, wherever the HTTP stack put it. */
function networkCodeOf(error: unknown): string {
	let current = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined;
	for (let depth = 0; current && depth < 4; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(current.code)) return current.code;
		const match = typeof current.message === 'string' ? /\b(E[A-Z]{4,}[A-Z_]*)\b/.exec(current.message) : null;
		if (match) return match[1];
		current = current.cause as typeof current;
	}
	return 'ENETWORK';
}

/**
 * n8n replaces a request's abortSignal with the execution's cancel signal (n8n-core
 * request-helpers/authentication.js), so the signal has to reach it through a view of the context
 * whose cancel signal is the one this request obeys: the execution's and the item's together, or
 * none for a request that must still go out after a stop (cancelling the remote run).
 */
function withCancelSignal(ctx: ExtendContext, signal: AbortSignal | undefined): ExtendContext {
	return Object.create(ctx, { getExecutionCancelSignal: { value: () => signal } }) as ExtendContext;
}

function requestSignal(ctx: ExtendContext, options: ExtendRequestOptions): AbortSignal | undefined {
	if (options.detached) return undefined;
	const execution = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	const signals = [execution, options.signal].filter((s): s is AbortSignal => s !== undefined);
	return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
}

/** A base URL that is not http(s) can never work: fail at once instead of retrying a network error. */
function checkedBaseUrl(ctx: ExtendContext, credentials: ICredentialDataDecryptedObject): string {
	const baseUrl = extendBaseUrl(credentials);
	let protocol = '';
	try {
		protocol = new URL(baseUrl).protocol;
	} catch {
		// reported below
	}
	if (protocol === 'https:' || protocol === 'http:') return baseUrl;
	throw new NodeOperationError(ctx.getNode(), `The Extend API credential's Base URL "${baseUrl}" is not an http(s) URL`, {
		description: 'Open the Extend API credential and pick a Region, or enter a Base URL such as https://api.extend.ai.',
	});
}

/**
 * n8n decrypts the credential on every getCredentials call; a node run asks once. Keyed by the
 * node's context object, so nothing outlives the execution.
 */
const credentialsByContext = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();
function credentialsOf(ctx: ExtendContext): Promise<ICredentialDataDecryptedObject> {
	let credentials = credentialsByContext.get(ctx);
	if (!credentials) {
		credentials = ctx.getCredentials(CREDENTIAL_NAME);
		credentialsByContext.set(ctx, credentials);
	}
	return credentials;
}

function plainMessage(error: unknown): string {
	const cause = (error as { cause?: { message?: string } }).cause;
	return String(cause?.message ?? (error as Error).message ?? error);
}

export async function extendApiRequest(
	this: ExtendContext,
	method: IHttpRequestMethods,
	path: string,
	options: ExtendRequestOptions = {},
): Promise<IDataObject> {
	const credentials = await credentialsOf(this);
	// The header carries the trimmed key; a stored key may have a trailing newline or tab.
	const rawKey = String(credentials.apiKey ?? '');
	const secrets = [rawKey, rawKey.trim()];
	const kind = options.retry ?? (method === 'POST' ? 'create' : 'read');
	const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
	const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const deadline = options.deadlineMs === undefined ? Infinity : Date.now() + options.deadlineMs;
	const signal = requestSignal(this, options);
	const request: IHttpRequestOptions = {
		method,
		baseURL: checkedBaseUrl(this, credentials),
		url: path,
		qs: options.qs,
		body: options.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout,
		abortSignal: signal,
		// Extend does not redirect. Following one would send the API key to another host, and
		// the redirect helper keeps a copy of the whole request body (an upload twice in memory).
		disableFollowRedirect: true,
	};

	const ctx = withCancelSignal(this, signal);
	for (let attempt = 1; ; attempt++) {
		signal?.throwIfAborted();
		let outcome: Outcome;
		let failure: Omit<ApiFailure, 'attempts' | 'mayHaveBeenProcessed'>;
		let headers: Record<string, unknown> | undefined;
		try {
			const attemptTimeout = Math.max(1, Math.min(timeout, deadline - Date.now()));
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, { ...request, timeout: attemptTimeout }, {
				// The values read once above, so n8n does not decrypt them again for every request.
				credentialsDecrypted: { id: CREDENTIAL_NAME, name: CREDENTIAL_NAME, type: CREDENTIAL_NAME, data: credentials },
			})) as RawResponse;
			if (response.statusCode < 300) return response.body as IDataObject;
			headers = response.headers;
			outcome = { status: response.statusCode };
			failure = {
				method,
				path,
				status: response.statusCode,
				body: response.body,
				requestIdHeader: headers?.['x-extend-request-id'] as string | undefined,
			};
		} catch (error) {
			signal?.throwIfAborted();
			const networkCode = networkCodeOf(error);
			outcome = { networkCode };
			failure = { method, path, networkCode, networkMessage: plainMessage(error) };
		}
		const budget = outcome.status === 429 ? Math.max(maxAttempts, MAX_ATTEMPTS_RATE_LIMITED) : maxAttempts;
		const delay = retryDelayMs(attempt - 1, headers);
		if (attempt < budget && shouldRetry(kind, outcome) && Date.now() + delay < deadline) {
			await abortableSleep(delay, signal);
			continue;
		}
		throw extendApiError(
			this.getNode(),
			{ ...failure, attempts: attempt, mayHaveBeenProcessed: mayHaveBeenProcessed(outcome), retryAfterMs: delay },
			secrets,
			options.itemIndex,
		);
	}
}
