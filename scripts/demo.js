// `npm run demo`: classifies the sample documents with the example workflow "classify files and
// route them by type" in a real, headless n8n, and prints what Extend decided for each.
// Env: N8N_VERSION (default 2.8.4), N8N_PORT (default 5710), EXTEND_API_KEY + EXTEND_REGION.
'use strict';
const { envInt, log } = require('./n8n/common');
const { runMain } = require('./n8n/processes');
const { selectedVersion, setUp, runFailure } = require('./n8n/setup');
const { formatTable } = require('./n8n/table');
const { allOutputs, loadExample, localizeExample, outputRoutes } = require('./n8n/workflows');

const WORKFLOW = 'classify-and-route-files';

/** @param {unknown} value */
function confidence(value) {
	return typeof value === 'number' ? value.toFixed(2) : '';
}

async function main() {
	const version = selectedVersion();
	log(`Extend demo on n8n ${version}`);
	const { n8n, backend } = await setUp({ version, name: 'demo', port: envInt('N8N_PORT', 5710) });

	const workflow = localizeExample(loadExample(WORKFLOW), { documentsDir: n8n.documentsDir });
	await n8n.importWorkflows([workflow]);
	log(`Running "${workflow.name}" headless (n8n execute) ...`);
	const { run, seconds } = await n8n.execute(workflow.id);
	const failure = runFailure(run);
	if (failure) throw new Error(failure);

	const routes = outputRoutes(run, workflow, 'Classify Document');
	const rows = allOutputs(run, 'Classify Document')
		.map(({ json }) => ({
			file: json.fileName,
			type: json.classificationType ?? json.status,
			confidence: confidence(json.confidence),
			route: routes[json.fileName] ?? '',
			reasoning: json.reasoning ?? json.failureMessage ?? '',
		}))
		.sort((a, b) => a.file.localeCompare(b.file));
	const columns = [
		{ title: 'Document', key: 'file' },
		{ title: 'Type', key: 'type' },
		{ title: 'Confidence', key: 'confidence' },
		{ title: 'Routed to', key: 'route' },
		{ title: 'Reasoning', key: 'reasoning' },
	];
	console.log(`\n${rows.length} documents classified by ${backend.label} in n8n ${version} (n8n execute: ${seconds} s)\n`);
	console.log(formatTable(columns, rows));
	console.log(`\nWorkflow: examples/${WORKFLOW}.json   n8n folder: ${n8n.folder}`);
}

runMain(main);
