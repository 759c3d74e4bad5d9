// `npm run dev`: the demo's set-up left running for a person: n8n's editor on localhost with this
// package loaded, a ready "Extend account" credential, every example workflow imported (the trigger
// example published when the emulator is the backend), and an owner login. Ctrl-C stops it all.
// Env: N8N_VERSION (default 2.8.4), N8N_PORT (default 5678), EXTEND_API_KEY + EXTEND_REGION.
'use strict';
const { envInt, log } = require('./n8n/common');
const { runMain } = require('./n8n/processes');
const { selectedVersion, setUp } = require('./n8n/setup');
const { loadExample, loadExamples, localizeExample } = require('./n8n/workflows');
const { setUpOwner } = require('./n8n/owner');

const TRIGGER_EXAMPLE = 'act-on-classification-results';

async function main() {
	const version = selectedVersion();
	const { n8n, backend } = await setUp({ version, name: 'dev', port: envInt('N8N_PORT', 5678), host: 'localhost', latencyMs: 2000 });

	const samplesUrl = backend.baseUrl && `${backend.baseUrl}/__samples`;
	const workflows = Object.values(loadExamples()).map((w) => localizeExample(w, { samplesUrl, documentsDir: n8n.documentsDir }));
	await n8n.importWorkflows(workflows);
	// Extend itself cannot reach localhost, so only the emulator gets the trigger registered.
	if (backend.emulator) await n8n.publish(loadExample(TRIGGER_EXAMPLE).id);

	const server = await n8n.start();
	const owner = await setUpOwner(n8n.url);
	console.log(`
n8n ${version} is running: ${n8n.url}   (log: ${server.logFile})
  Sign in as ${owner.email} / ${owner.password}
  Extend backend: ${backend.label}; credential "Extend account" is ready.
  Workflows: ${workflows.map((w) => w.name).join('; ')}
Press Ctrl-C to stop n8n${backend.emulator ? ' and the emulator' : ''}.`);
	await server.exited;
	log('n8n stopped');
	return 1;
}

runMain(main);
