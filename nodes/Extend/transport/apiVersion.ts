import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The Extend API version these nodes are built for (the x-extend-api-version header). */
export const EXTEND_API_VERSION = '2026-02-09';

/** The version a credential sends: its API Version, or the built-in one when it has none. */
export function apiVersionOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.apiVersion || EXTEND_API_VERSION).trim();
}
