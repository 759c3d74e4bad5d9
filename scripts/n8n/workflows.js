// Loading workflow JSON files and pointing their inputs at this machine (sample URLs, folders)
// before they are imported, and reading a node's output items back out of a run.
'use strict';
/** @typedef {import('./types').Workflow} Workflow */
/** @typedef {import('./types').Run} Run */
/** @typedef {import('./types').Item} Item */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./common');

const EXAMPLES_DIR = path.join(ROOT, 'examples');
const SAMPLES_DIR = path.join(ROOT, 'test', 'emulator', 'samples');

/**
 * @param {string} file
 * @returns {Workflow}
 */
function loadWorkflow(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** @param {string} name file name in examples/ without .json */
function loadExample(name) {
	return loadWorkflow(path.join(EXAMPLES_DIR, `${name}.json`));
}

/**
 * @param {Workflow} workflow
 * @param {string} name
 */
function nodeByName(workflow, name) {
	const node = workflow.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`workflow "${workflow.name}" has no node "${name}"`);
	return node;
}

/**
 * Sets the string field `field` of a Set ("Edit Fields") node.
 * @param {Workflow} workflow
 * @param {string} nodeName
 * @param {string} field
 * @param {string} value
 */
function setField(workflow, nodeName, field, value) {
	/** @type {{ name: string, value: unknown }[]} */
	const assignments = nodeByName(workflow, nodeName).parameters.assignments.assignments;
	const assignment = assignments.find((a) => a.name === field);
	if (!assignment) throw new Error(`node "${nodeName}" sets no field "${field}"`);
	assignment.value = value;
}

/**
 * Points an example at this machine: the emulator's sample files and the documents folder.
 * @param {Workflow} workflow
 * @param {{ samplesUrl?: string, documentsDir?: string }} where
 */
function localizeExample(workflow, { samplesUrl, documentsDir }) {
	const has = (/** @type {string} */ name) => workflow.nodes.some((n) => n.name === name);
	if (samplesUrl && has('Document URL')) setField(workflow, 'Document URL', 'url', `${samplesUrl}/invoice.pdf`);
	if (documentsDir && has('Read Documents')) nodeByName(workflow, 'Read Documents').parameters.fileSelector = `${documentsDir}/*`;
	return workflow;
}

/**
 * Every example workflow in examples/, by file name without .json.
 * @returns {Record<string, Workflow>}
 */
function loadExamples() {
	const names = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
	return Object.fromEntries(names.map((name) => [name, loadExample(name)]));
}

/**
 * The output items of a node in a run (`n8n execute --rawOutput`), output `index`, first run.
 * @param {Run} run
 * @param {string} nodeName
 * @returns {Item[] | undefined}
 */
function nodeOutput(run, nodeName, index = 0) {
	const runs = run.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	return runs[0]?.data?.main?.[index] ?? [];
}

/** Which output of a routing node (a Switch, or the Extend node with Route by Type) each item
 * left by, named after the node that output is connected to: { [item json[key]]: name }.
 * @param {Run} run
 * @param {Workflow} workflow
 * @param {string} nodeName
 */
function outputRoutes(run, workflow, nodeName, key = 'fileName') {
	const outputs = workflow.connections[nodeName]?.main ?? [];
	/** @type {Record<string, string>} */
	const routes = {};
	outputs.forEach((targets, index) => {
		const name = targets?.[0]?.node ?? `output ${index}`;
		for (const { json } of nodeOutput(run, nodeName, index) ?? []) routes[json[key]] = name;
	});
	return routes;
}

/**
 * Every item the node put out, on any output.
 * @param {Run} run
 * @param {string} nodeName
 * @returns {Item[]}
 */
function allOutputs(run, nodeName) {
	return (run.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main ?? []).flatMap((/** @type {Item[] | null} */ items) => items ?? []);
}

module.exports = { SAMPLES_DIR, loadWorkflow, loadExample, loadExamples, localizeExample, setField, nodeOutput, outputRoutes, allOutputs };
