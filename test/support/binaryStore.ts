// n8n-core's binary store in filesystem mode, set up as n8n does (the default mode of n8n 2.x),
// for tests and benchmarks whose items carry a binary `id` instead of base64 data.
import { Container } from '@n8n/di';
import { BinaryDataService, type BinaryDataConfig } from 'n8n-core';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';
import type { Readable } from 'node:stream';

export async function filesystemBinaryStore(dir: string): Promise<BinaryDataService> {
	const config = { mode: 'filesystem', localStoragePath: dir, signingSecret: 'test' } as BinaryDataConfig;
	const service = new BinaryDataService(config, { error: () => {} } as never, {} as never);
	await service.init();
	Container.set(BinaryDataService, service);
	return service;
}

/** An item whose binary is in the store: what helpers.prepareBinaryData gives in filesystem mode. */
export async function storedBinaryItem(store: BinaryDataService, data: Buffer | Readable, fileName: string, mimeType: string): Promise<INodeExecutionData> {
	const location = { type: 'execution' as const, workflowId: 'wf-test', executionId: 'exec-test-1' };
	const binary = await store.store(location, data, { data: '', mimeType, fileName } as IBinaryData);
	return { json: {}, binary: { data: binary } };
}
