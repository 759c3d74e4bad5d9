import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The API base URL a credential points at (a region's URL, or the custom one), without a trailing slash. */
export function extendBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? 'https://api.extend.ai');
	const url = region === 'custom' ? String(credentials.baseUrl ?? '') : region;
	return url.trim().replace(/\/+$/, '');
}
