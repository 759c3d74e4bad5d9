// Runs the runnable example workflows (examples/) headless and checks what they decided, so the
// files users import keep working in a real n8n.
'use strict';
/** @typedef {import('../../scripts/n8n/types').Run} Run */
/** @typedef {import('../../scripts/n8n/types').Workflow} Workflow */
const { nodeOutput, outputRoutes } = require('../../scripts/n8n/workflows');
const { runFailure } = require('../../scripts/n8n/setup');
const { expect, show } = require('./checks');

/**
 * @param {Run} run
 * @param {Workflow} workflow
 * @param {string} router
 * @param {Record<string, string>} expected file name -> the node its output leads to
 */
function expectRoutes(run, workflow, router, expected) {
	const got = outputRoutes(run, workflow, router);
	for (const [file, route] of Object.entries(expected)) {
		expect(got[file] === route, `${file} routed to ${got[file]}, expected ${route}; all: ${JSON.stringify(got)}`);
	}
	return Object.entries(got).map(([f, r]) => `${f}→${r}`).join(', ');
}

/** @type {Record<string, (run: Run, workflow: Workflow) => string>} */
const EXAMPLES = {
	'classify-file-from-url': (run) => {
		const items = nodeOutput(run, 'Classify Document');
		expect(items?.length === 1 && items[0].json.classificationType === 'invoice', `expected one invoice: ${show(items)}`);
		return `${items[0].json.classificationType} ${items[0].json.confidence}`;
	},
	// The Extend node's own Route by Type: one output per classification plus Fallback.
	'classify-and-route-files': (run, workflow) =>
		expectRoutes(run, workflow, 'Classify Document', {
			'invoice.pdf': 'Invoices',
			'contract.pdf': 'Contracts',
			'receipt.txt': 'Receipts',
			'resume.txt': 'Resumes',
			'recipe.txt': 'Other',
		}),
	// Submission Batch: one batch request for the folder, saved classifier, then the same routes.
	'classify-folder-in-batches': (run, workflow) =>
		expectRoutes(run, workflow, 'Classify Documents', {
			'invoice.pdf': 'Invoices',
			'contract.pdf': 'Contracts',
			'receipt.txt': 'Receipts',
			'resume.txt': 'Resumes',
			'recipe.txt': 'Needs Review',
		}),
	'classify-mail-attachments': (run, workflow) =>
		expectRoutes(run, workflow, 'Switch on Type', { 'INV-2026-0142.txt': 'Invoices', 'till-receipt.txt': 'Receipts', 'cv-jane-doe.txt': 'Resumes' }),
};

/**
 * @param {import('./checks').Checks} checks
 * @param {import('../../scripts/n8n/n8n').N8n} n8n
 * @param {Record<string, Workflow>} examples
 */
async function checkExamples(checks, n8n, examples) {
	for (const [name, judge] of Object.entries(EXAMPLES)) {
		await checks.check(`example ${name}.json runs and decides right`, async () => {
			const { run, seconds } = await n8n.execute(examples[name].id);
			expect(run.status === 'success', runFailure(run));
			return `${judge(run, examples[name])} (${seconds} s)`;
		});
	}
}

module.exports = { checkExamples };
