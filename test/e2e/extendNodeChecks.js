// Checks on one run of workflows/extend-node.json: every mode and document source of Classify
// File, and Continue On Fail, judged by the items each node output in n8n's run data.
'use strict';
const { nodeOutput } = require('../../scripts/n8n/workflows');
const { runFailure } = require('../../scripts/n8n/setup');
const { expect, show } = require('./checks');

function single(run, nodeName) {
	const items = nodeOutput(run, nodeName);
	expect(items, `${nodeName} did not run`);
	expect(items.length === 1, `${nodeName}: expected 1 item, got ${items.length}: ${show(items)}`);
	expect(items[0].pairedItem !== undefined, `${nodeName}: the item has no pairedItem`);
	return items[0].json;
}

function processed(json, type, where) {
	expect(json.status === 'PROCESSED', `${where}: status ${json.status}, expected PROCESSED: ${JSON.stringify(json).slice(0, 400)}`);
	const got = json.output ? json.output.type : json.classificationType;
	expect(got === type, `${where}: classified as ${got}, expected ${type}`);
}

async function checkExtendNodeRun(checks, run) {
	await checks.check('workflow with every Classify File variant succeeds', () => expect(run.status === 'success', runFailure(run)));

	await checks.check('Classify File, sync, URL input, saved classifier → full classify_run', () => {
		const json = single(run, 'Sync URL');
		expect(json.object === 'classify_run' && /^clr_/.test(json.id), `not a classify_run: ${JSON.stringify(json).slice(0, 300)}`);
		processed(json, 'invoice', 'Sync URL');
		return `${json.id} ${json.output.type} ${json.output.confidence}`;
	});

	await checks.check('Classify File, wait for result, text input, inline classifications → simplified', () => {
		const json = single(run, 'Wait Text');
		processed(json, 'receipt', 'Wait Text');
		expect(typeof json.confidence === 'number' && typeof json.reasoning === 'string', `no confidence/reasoning: ${JSON.stringify(json)}`);
		return `${json.runId} ${json.classificationType} ${json.confidence}`;
	});

	await checks.check('Classify File, submit only → run returned unfinished', () => {
		const json = single(run, 'Submit Only');
		expect(/^clr_/.test(json.id) && ['PENDING', 'PROCESSING'].includes(json.status), `expected a pending run: ${JSON.stringify(json).slice(0, 300)}`);
		return `${json.id} ${json.status}`;
	});

	await checks.check('Classify File, binary input (HTTP Request download) → uploaded, classified, file kept', () => {
		const items = nodeOutput(run, 'Binary Upload');
		expect(items && items.length === 2, `expected 2 items: ${show(items)}`);
		const [resume, invoice] = items.map((i) => i.json);
		processed(resume, 'resume', 'resume.txt');
		processed(invoice, 'invoice', 'invoice.pdf');
		for (const { json, binary } of items) {
			expect(/^file_/.test(json.file?.id), `no uploaded Extend file id: ${JSON.stringify(json.file)}`);
			expect(binary && binary.data, 'Include Input Data lost the binary file');
		}
		return items.map((i) => `${i.json.file.name}→${i.json.output.type}`).join(', ');
	});

	await checks.check('Continue On Fail: the bad item becomes an error item, the good one goes on', () => {
		const items = nodeOutput(run, 'Continue On Fail');
		expect(items && items.length === 2, `expected 2 items: ${show(items)}`);
		processed(items[0].json, 'invoice', 'good item');
		expect(typeof items[1].json.error === 'string' && /fail/i.test(items[1].json.error), `bad item is not an error item: ${show([items[1]])}`);
		expect(items[1].pairedItem?.item === 1, `error item not paired with input 1: ${JSON.stringify(items[1].pairedItem)}`);
		return items[1].json.error.slice(0, 120);
	});
}

module.exports = { checkExtendNodeRun };
