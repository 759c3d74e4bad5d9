// The e2e suite for one n8n version: install (cached), set up, then the Extend node, the examples
// and the Extend Trigger against the emulator, each judged by n8n's own record of the run.
'use strict';
const path = require('node:path');
const { log, seconds } = require('../../scripts/n8n/common');
const { setUp } = require('../../scripts/n8n/setup');
const { peakRssMiB } = require('../../scripts/n8n/processes');
const { loadExamples, loadWorkflow, localizeExample, setField } = require('../../scripts/n8n/workflows');
const { Checks } = require('./checks');
const { checkExtendNodeRun } = require('./extendNodeChecks');
const { checkExamples } = require('./exampleChecks');
const { checkTrigger } = require('./triggerChecks');
const { checkLargeUpload } = require('./largeUploadChecks');

const WORKFLOWS = path.join(__dirname, 'workflows');

/**
 * @param {import('../../scripts/n8n/n8n').N8n} n8n
 * @param {import('../../scripts/n8n/types').Backend} backend
 */
function workflowsFor(n8n, backend) {
	const samplesUrl = `${backend.baseUrl}/__samples`;
	const extendNode = loadWorkflow(path.join(WORKFLOWS, 'extend-node.json'));
	setField(extendNode, 'Settings', 'samples', samplesUrl);
	const trigger = loadWorkflow(path.join(WORKFLOWS, 'extend-trigger.json'));
	const examples = loadExamples();
	for (const example of Object.values(examples)) localizeExample(example, { samplesUrl, documentsDir: n8n.documentsDir });
	return { extendNode, trigger, examples };
}

/**
 * @param {string} version
 * @param {{ port: number }} options
 */
async function runSuite(version, { port }) {
	const checks = new Checks(`n8n ${version}`);
	const started = Date.now();
	/** @type {Record<string, string | number>} */
	const timings = {};
	/** @type {import('../../scripts/n8n/types').Backend | undefined} */
	let backend;
	try {
		// Always the emulator, whatever EXTEND_API_KEY says: the checks need its samples and webhooks.
		const setup = await setUp({ version, name: 'e2e', port, latencyMs: 500, emulatorOnly: true });
		const { n8n } = setup;
		backend = setup.backend;
		timings.install = n8n.install.installSeconds ? `${n8n.install.installSeconds} s` : 'cached';
		timings.setupSeconds = seconds(started);

		const { extendNode, trigger, examples } = workflowsFor(n8n, backend);
		const exampleTrigger = examples['act-on-classification-results'];
		await n8n.importWorkflows([extendNode, trigger, ...Object.values(examples)]);

		const { run, seconds: executeSeconds } = await n8n.execute(extendNode.id);
		timings.executeSeconds = executeSeconds;
		await checkExtendNodeRun(checks, run, { backend, version });
		await checkExamples(checks, n8n, examples);
		await checkLargeUpload(checks, { n8n, backend });

		await n8n.publish(trigger.id);
		await n8n.publish(exampleTrigger.id);
		const submit = examples['submit-for-classification'];
		const onServer = (/** @type {number} */ pid) => (timings.serverPeakRssMiB = peakRssMiB(pid));
		await checkTrigger(checks, { n8n, backend, trigger, exampleTrigger, submit, onServer });
		await require('./batchTriggerChecks').checkBatchTrigger(checks, { n8n });
	} catch (error) {
		checks.record('suite ran to the end', false, error.stack || error.message);
	} finally {
		if (backend) await backend.stop();
	}
	timings.totalSeconds = seconds(started);
	log(`[n8n ${version}] ${checks.results.length - checks.failed.length}/${checks.results.length} checks passed; ${JSON.stringify(timings)}`);
	return { version, checks, timings };
}

module.exports = { runSuite };
