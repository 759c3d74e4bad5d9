// The Extend Trigger's batch events in a running n8n: a workflow submits N documents as one batch
// with the Extend node (Submission Batch, Submit Only, `n8n execute` beside the server); the batch's
// signed batch_processor_run.processed webhook starts exactly one execution of the published trigger
// workflow, with N items in input order, counted in n8n's database. Runs after the other trigger
// checks, with its own workflows and its own server start.
'use strict';
/** @typedef {import('../../scripts/n8n/n8n').N8n} N8n */
/** @typedef {import('../../scripts/n8n/types').Execution} Execution */
/** @typedef {import('../../scripts/n8n/types').Item} Item */
/** @typedef {import('./checks').Checks} Checks */
const { expect } = require('./checks');

const DOCUMENTS = 30;
const CREDENTIAL = { extendApi: { id: 'extendDemoCred01', name: 'Extend account' } };
const TEXTS = [
	'INVOICE No. 2026-118. Bill to: Acme Ltd. Amount due: 1,250.00 EUR. Payment due within 30 days.',
	'SALES RECEIPT. Sourdough loaf 3.20. TOTAL 12.60. PAID Visa contactless. Keep this receipt as proof of purchase.',
	'JANE DOE - Resume. Work experience: Senior engineer, 8 years. Education: MSc Computer Science.',
];

/** @param {string} node */
const main = (node) => ({ main: [[{ node, type: 'main', index: 0 }]] });

function submitWorkflow() {
	return {
		id: 'e2eBatchSubmit01',
		name: 'E2E: submit one batch',
		active: false,
		nodes: [
			{ id: 'b1a7c3e0-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b1a7c3e0-0000-4000-8000-000000000002',
				name: 'Documents',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					assignments: {
						assignments: [
							{
								id: 'b1a7c3e0-0000-4000-8000-0000000000a1',
								name: 'docs',
								type: 'array',
								value: `={{ Array.from({ length: ${DOCUMENTS} }, (_, i) => ${JSON.stringify(TEXTS)}[i % ${TEXTS.length}] + " (document " + i + ")") }}`,
							},
						],
					},
					options: {},
				},
			},
			{
				id: 'b1a7c3e0-0000-4000-8000-000000000003',
				name: 'One Item per Document',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'docs', options: {} },
			},
			{
				id: 'b1a7c3e0-0000-4000-8000-000000000004',
				name: 'Submit Batch',
				type: 'n8n-nodes-extend.extend',
				typeVersion: 1,
				position: [600, 0],
				parameters: {
					resource: 'document',
					operation: 'classify',
					mode: 'submitOnly',
					documentSource: 'text',
					text: '={{ $json.docs }}',
					classifierSource: 'saved',
					classifierId: { __rl: true, mode: 'id', value: 'cl_document_types' },
					classifierVersion: 'latest',
					submission: 'batch',
					options: {},
				},
				credentials: CREDENTIAL,
			},
		],
		connections: { Start: main('Documents'), Documents: main('One Item per Document'), 'One Item per Document': main('Submit Batch') },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

function triggerWorkflow() {
	return {
		id: 'e2eBatchTrigger1',
		name: 'E2E: one execution per batch',
		active: false,
		nodes: [
			{
				id: 'b1a7c3e0-0000-4000-8000-000000000011',
				name: 'Extend Trigger',
				type: 'n8n-nodes-extend.extendTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				// Only Runs Submitted Here stays on (its default): the batch comes from this n8n in Submit Only.
				parameters: { registration: 'automatic', events: ['batch_processor_run.processed', 'batch_processor_run.failed'], options: {} },
				webhookId: 'b1a7c3e0-0000-4000-8000-0000000000f1',
				credentials: CREDENTIAL,
			},
			{ id: 'b1a7c3e0-0000-4000-8000-000000000012', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { 'Extend Trigger': main('Received') },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * @param {Execution} execution
 * @param {string} node
 * @returns {Item[]}
 */
const itemsOf = (execution, node) => execution.runData?.[node]?.[0]?.data?.main?.[0] ?? [];

/**
 * @param {N8n} n8n
 * @param {string} workflowId
 * @param {number} count
 * @param {number} timeoutMs
 */
async function executionsOnceSettled(n8n, workflowId, count, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = (await n8n.executions(workflowId)).filter((e) => e.finished || e.status !== 'running');
		if (executions.length >= count || Date.now() > deadline) return executions;
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/**
 * @param {Checks} checks
 * @param {{ n8n: N8n }} context
 */
async function checkBatchTrigger(checks, { n8n }) {
	const submit = submitWorkflow();
	const trigger = triggerWorkflow();
	await n8n.importWorkflows([submit, trigger]);
	await n8n.publish(trigger.id);
	const server = await n8n.start();
	try {
		/** @type {string | undefined} */
		let batchId;
		await checks.check(`batch: the Extend node submits ${DOCUMENTS} documents as one batch (Submit Only)`, async () => {
			const { run } = await n8n.execute(submit.id, { brokerPort: n8n.port + 2 });
			const items = run.data?.resultData?.runData?.['Submit Batch']?.[0]?.data?.main?.[0] ?? [];
			const batch = items[0]?.json;
			expect(run.status === 'success' && items.length === 1 && batch?.object === 'batch_run', `${run.status}, ${items.length} items: ${JSON.stringify(batch)?.slice(0, 300)}`);
			expect(batch.runCount === DOCUMENTS, `runCount ${batch.runCount}, expected ${DOCUMENTS}`);
			batchId = batch.id;
			return `${batchId} (${batch.runCount} runs)`;
		});

		await checks.check(`batch: exactly one trigger execution with the ${DOCUMENTS} runs in input order (n8n's database)`, async () => {
			expect(batchId, 'no batch was submitted');
			await executionsOnceSettled(n8n, trigger.id, 1, 90000);
			await new Promise((r) => setTimeout(r, 5000)); // a second execution (redelivery) would show by now
			const executions = await n8n.executions(trigger.id);
			expect(executions.length === 1, `${executions.length} executions of the trigger workflow, expected 1`);
			const [execution] = executions;
			expect(execution.status === 'success', `execution ${execution.id} status ${execution.status}`);
			const items = itemsOf(execution, 'Extend Trigger').map((item) => item.json);
			expect(items.length === DOCUMENTS, `${items.length} items, expected ${DOCUMENTS}`);
			expect(itemsOf(execution, 'Received').length === DOCUMENTS, `"Received" got ${itemsOf(execution, 'Received').length} items`);
			const order = items.map((json) => json.metadata?.n8n?.itemIndex);
			expect(order.every((index, i) => index === i), `item indexes ${JSON.stringify(order)}`);
			const wrong = items.filter((json, i) => json.batchId !== batchId || json.eventType !== 'batch_processor_run.processed' || json.status !== 'PROCESSED' || json.output?.type !== ['invoice', 'receipt', 'resume'][i % 3]);
			expect(!wrong.length, `${wrong.length} items not as expected, e.g. ${JSON.stringify(wrong[0])?.slice(0, 400)}`);
			return `execution ${execution.id}: ${items.length} items, ${items[0].eventId}`;
		});
	} finally {
		await server.stop();
	}
}

module.exports = { checkBatchTrigger };
