// Checks on one run of workflows/extend-node.json: every mode and document source of Classify
// File, both On Error settings, a document source chosen per item by expression, and a 2 MiB file
// a Code node returned, judged by the items each node output in n8n's run data and, for the file,
// by the bytes the emulator received.
'use strict';
/** @typedef {import('../../scripts/n8n/types').Run} Run */
/** @typedef {import('../../scripts/n8n/types').Json} Json */
const { createHash } = require('node:crypto');
const { request } = require('undici');
const { nodeOutput } = require('../../scripts/n8n/workflows');
const { runFailure } = require('../../scripts/n8n/setup');
const { versionAtLeast } = require('../../scripts/n8n/common');
const { expect, show } = require('./checks');

/**
 * @param {Run} run
 * @param {string} nodeName
 */
function single(run, nodeName) {
	const items = nodeOutput(run, nodeName);
	expect(items, `${nodeName} did not run`);
	expect(items.length === 1, `${nodeName}: expected 1 item, got ${items.length}: ${show(items)}`);
	expect(items[0].pairedItem !== undefined, `${nodeName}: the item has no pairedItem`);
	return items[0].json;
}

/**
 * @param {Json} json
 * @param {string} type
 * @param {string} where
 */
function processed(json, type, where) {
	expect(json.status === 'PROCESSED', `${where}: status ${json.status}, expected PROCESSED: ${JSON.stringify(json).slice(0, 400)}`);
	const got = json.output ? json.output.type : json.classificationType;
	expect(got === type, `${where}: classified as ${got}, expected ${type}`);
}

/** The text the "Big Binary" Code node builds (same recipe). */
function bigBinaryText() {
	const line = 'INVOICE 2026-0042. Amount due 1,234.56 EUR by 2026-12-31. ';
	const size = 2 * 1024 * 1024 + 5;
	return line.repeat(Math.ceil(size / line.length)).slice(0, size);
}

/**
 * @param {import('./checks').Checks} checks
 * @param {Run} run
 * @param {{ backend: import('../../scripts/n8n/types').Backend, version: string }} context
 */
async function checkExtendNodeRun(checks, run, { backend, version }) {
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

	await checks.check('On Error "Continue (using error output)": the good item on Success, the bad one on Error', () => {
		const success = nodeOutput(run, 'Error Output: Success');
		const failed = nodeOutput(run, 'Error Output: Error');
		expect(success?.length === 1, `Success branch: expected 1 item, got ${show(success)}`);
		expect(failed?.length === 1, `Error branch: expected 1 item, got ${show(failed)}`);
		processed(success[0].json, 'invoice', 'success branch');
		const error = failed[0].json;
		expect(typeof error.error === 'string' && /fail/i.test(error.error), `error item has no message: ${show(failed)}`);
		// n8n before 2.36 moves only {error} or {error, message} to the error output (executeItems.ts).
		if (versionAtLeast(version, '2.36')) expect(/^clr_/.test(error.details?.runId), `error item without the run's details: ${show(failed)}`);
		else expect(error.details === undefined && /clr_/.test(error.error), `error item not in the pre-2.36 shape: ${show(failed)}`);
		return `success: ${success[0].json.classificationType}; error: ${error.error.slice(0, 80)}`;
	});

	await checks.check('On Error "Continue (using error output)" for Get (unknown run) and Upload (no binary field)', () => {
		const routed = ['Get', 'Upload'].map((op) => {
			const success = nodeOutput(run, `${op}: Success`) ?? [];
			const failed = nodeOutput(run, `${op}: Error`);
			expect(success.length === 0, `${op}: the failed item reached Success: ${show(success)}`);
			expect(failed?.length === 1 && typeof failed[0].json.error === 'string', `${op}: no error item on Error: ${show(failed)}`);
			return `${op}: ${failed[0].json.error.slice(0, 60)}`;
		});
		return routed.join('; ');
	});

	await checks.check('Document Source by expression, per item (URL, then Text)', () => {
		const items = nodeOutput(run, 'Per-Item Source');
		expect(items?.length === 2, `expected 2 items: ${show(items)}`);
		processed(items[0].json, 'invoice', 'URL item');
		processed(items[1].json, 'receipt', 'Text item');
		return items.map((i) => i.json.classificationType).join(', ');
	});

	await checks.check('a 2 MiB + 5 B file from a Code node reaches Extend byte for byte', async () => {
		const json = single(run, 'Big Binary Upload');
		expect(/^file_/.test(json.file?.id), `no uploaded file id: ${JSON.stringify(json.file)}`);
		const res = await request(`${backend.baseUrl}/__emulator/uploads/${json.file.id}`);
		const upload = /** @type {{ bytes: number, sha256: string }} */ (await res.body.json());
		const text = Buffer.from(bigBinaryText());
		const sha256 = createHash('sha256').update(text).digest('hex');
		expect(upload.bytes === text.length, `the emulator received ${upload.bytes} bytes, the Code node made ${text.length}`);
		expect(upload.sha256 === sha256, `SHA-256 differs: received ${upload.sha256}, sent ${sha256}`);
		return `${upload.bytes} bytes, sha256 ${sha256.slice(0, 12)}…`;
	});
}

module.exports = { checkExtendNodeRun };
