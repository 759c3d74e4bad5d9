// Every Extend API path the nodes call, in one place (ids are encoded here).
const id = (value: string) => encodeURIComponent(value);

export const extendPaths = {
	classify: '/classify',
	classifyRuns: '/classify_runs',
	classifyRun: (runId: string) => `/classify_runs/${id(runId)}`,
	cancelClassifyRun: (runId: string) => `/classify_runs/${id(runId)}/cancel`,
	classifyRunsBatch: '/classify_runs/batch',
	batchRun: (batchId: string) => `/batch_runs/${id(batchId)}`,
	classifiers: '/classifiers',
	classifierVersion: (classifierId: string, version: string) => `/classifiers/${id(classifierId)}/versions/${id(version)}`,
	fileUpload: '/files/upload',
	webhookEndpoints: '/webhook_endpoints',
	webhookEndpoint: (endpointId: string) => `/webhook_endpoints/${id(endpointId)}`,
	webhookSubscriptions: '/webhook_subscriptions',
} as const;
