// n8n's credential plumbing for tests: hands a node its decrypted credential values and applies the
// credential type's own `authenticate` (function or generic headers) the way n8n's helper does.
import {
	ICredentials,
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentialsEncrypted,
	type ICredentialType,
	type IHttpRequestOptions,
	type INodeCredentialsDetails,
} from 'n8n-workflow';

class StaticCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private values: ICredentialDataDecryptedObject,
	) {
		super(details, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return this.values;
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: '' };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.values = data;
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const next = { ...this.values, ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete next[key];
		this.values = next;
	}
}

/** `{{$credentials.x}}` templates of generic auth, resolved without the expression engine. */
function resolveTemplate(template: string, values: ICredentialDataDecryptedObject): string {
	return template
		.replace(/^=/, '')
		.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, key: string) => String(values[key] ?? ''));
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly values: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const auth = this.types[typeName]?.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const headers = { ...((requestOptions.headers as Record<string, string>) ?? {}) };
		const generic = (auth?.properties ?? {}) as { headers?: Record<string, string> };
		for (const [key, value] of Object.entries(generic.headers ?? {})) {
			headers[key] = resolveTemplate(String(value), credentials);
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new StaticCredentials(details, type, this.values[type] ?? {});
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const values = this.values[type];
		if (!values) throw new Error(`Test has no credentials of type "${type}"`);
		return values;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return this.types[type]?.properties ?? [];
	}
}
