// The one place a request to Extend is made: base URL and headers from the credential, retries with
// Retry-After, and every failure turned into one clean NodeApiError.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
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

export const CREDENTIAL_NAME = 'extendApi';
const DEFAULT_TIMEOUT_MS = 60_000;

export interface ExtendRequestOptions {
	qs?: IDataObject;
	body?: IDataObject | FormData;
	itemIndex?: number;
	/** Default: 'create' for POST, 'read' otherwise. */
	retry?: RetryKind;
	timeoutMs?: number;
	/** Stops retries and waits (n8n also aborts the request itself when the execution stops). */
	signal?: AbortSignal;
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
 * n8n ties every request of a running node to the execution's cancel signal. A request that must
 * still go out after a stop (cancelling the remote run) goes through a view of the context
 * without that signal.
 */
function detachedFromStop(ctx: ExtendContext): ExtendContext {
	return Object.create(ctx, { getExecutionCancelSignal: { value: () => undefined } }) as ExtendContext;
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
	const secrets = [String(credentials.apiKey ?? '')];
	const kind = options.retry ?? (method === 'POST' ? 'create' : 'read');
	const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
	const request: IHttpRequestOptions = {
		method,
		baseURL: extendBaseUrl(credentials),
		url: path,
		qs: options.qs,
		body: options.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		abortSignal: options.signal,
		// Extend does not redirect. Following one would send the API key to another host, and
		// the redirect helper keeps a copy of the whole request body (an upload twice in memory).
		disableFollowRedirect: true,
	};

	const ctx = options.detached ? detachedFromStop(this) : this;
	for (let attempt = 1; ; attempt++) {
		options.signal?.throwIfAborted();
		let outcome: Outcome;
		let failure: Omit<ApiFailure, 'attempts' | 'mayHaveBeenProcessed'>;
		let headers: Record<string, unknown> | undefined;
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, { ...request }, {
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
			options.signal?.throwIfAborted();
			const networkCode = networkCodeOf(error);
			outcome = { networkCode };
			failure = { method, path, networkCode, networkMessage: plainMessage(error) };
		}
		const budget = outcome.status === 429 ? Math.max(maxAttempts, MAX_ATTEMPTS_RATE_LIMITED) : maxAttempts;
		if (attempt < budget && shouldRetry(kind, outcome)) {
			await abortableSleep(retryDelayMs(attempt - 1, headers), options.signal);
			continue;
		}
		throw extendApiError(
			this.getNode(),
			{ ...failure, attempts: attempt, mayHaveBeenProcessed: mayHaveBeenProcessed(outcome) },
			secrets,
			options.itemIndex,
		);
	}
}
