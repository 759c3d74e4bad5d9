// (e) One large upload on a worker, database binary mode (queue mode's default in n8n 2.x): a
// webhook starts the workflow, the worker downloads a 60 MB document into n8n's database binary
// store and Extend → File → Upload streams it from there; the emulator must record its exact
// length and SHA-256. The workflow and the document come from test/e2e/largeUploadChecks.js.
'use strict';
/** @typedef {import('./types').Checks} Checks */
/** @typedef {import('./types').Context} Context */
const { checkLargeRun, largeUploadWorkflow, largeDocumentSha256, startDocumentServer } = require('../e2e/largeUploadChecks');
const { expect } = require('../e2e/checks');
const { postJson } = require('./clients');
const { waitForExecutions } = require('./executions');
const { webhookUrl } = require('./batchChecks');

const PATH = 'queue-large-upload';

/** The workflow to import and publish before the cluster starts (its URL comes with each request). */
function largeUploadQueueWorkflow() {
	return largeUploadWorkflow({
		id: 'queueLargeUpld01',
		url: '={{ $json.body.url }}',
		trigger: {
			id: 'c8e2f1b3-71f3-4d2c-8b4f-2b3c4d5e6f01',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: 'c8e2f1b3-71f3-4d2c-8b4f-2b3c4d5e6f99',
			parameters: { httpMethod: 'POST', path: PATH, responseMode: 'onReceived', options: {} },
		},
	});
}

/**
 * @param {Checks} checks
 * @param {Context} context
 */
async function checkLargeUploadQueue(checks, { n8n, pg, cluster, emulator, workflow, findings }) {
	const documents = await startDocumentServer();
	try {
		await checks.check('large upload (database mode): the webhook starts the workflow', async () => {
			const answer = await postJson(webhookUrl(cluster, workflow), { url: documents.url });
			expect(answer.status === 200, `HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
		});
		const [execution] = await waitForExecutions(n8n, pg, workflow.id, 1, 180000);
		await checks.check('large upload (database mode): the execution succeeds on a worker', () => {
			expect(execution?.status === 'success', `execution ${execution?.id}: ${execution?.status} ${execution?.error ?? ''}`);
			return `execution ${execution.id}`;
		});
		const downloaded = execution?.runData?.['Download Large']?.[0]?.data?.main?.[0]?.[0];
		findings.largeUploadBinaryId = downloaded?.binary?.data?.id;
		await checkLargeRun(checks, {
			label: 'large upload (database mode)',
			downloaded,
			uploaded: execution?.runData?.['Upload Large']?.[0]?.data?.main?.[0]?.[0]?.json,
			mode: 'database',
			expectedSha256: largeDocumentSha256(),
			uploadOf: async (fileId) => emulator.stats().uploads.find((u) => u.fileId === fileId) ?? { bytes: 0, sha256: 'none recorded' },
		});
	} finally {
		await documents.stop();
	}
}

module.exports = { checkLargeUploadQueue, largeUploadQueueWorkflow };
