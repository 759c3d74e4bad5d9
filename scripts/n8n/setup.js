// The set-up the demo, dev mode and the e2e suite share: a real n8n with this package installed,
// an Extend backend (the emulator unless EXTEND_API_KEY is set), and the credential for it.
'use strict';
const path = require('node:path');
const { SAMPLES_DIR } = require('./workflows');
const { N8n } = require('./n8n');
const { startBackend } = require('./backend');
const { log, seconds } = require('./common');

// The sample documents the demo classifies (the password-protected PDF is left to the e2e suite).
const DEMO_DOCUMENTS = ['invoice.pdf', 'contract.pdf', 'receipt.txt', 'resume.txt', 'recipe.txt'].map((f) => path.join(SAMPLES_DIR, f));

/** The n8n version to use: N8N_VERSION, else `fallback`. */
function selectedVersion(fallback = '2.8.4') {
	return process.env.N8N_VERSION || fallback;
}

/**
 * Installs (once) and prepares n8n, then starts the backend and imports its credential.
 * @param {{ version: string, name: string, port: number, host?: string, documents?: string[], latencyMs?: number, emulatorOnly?: boolean }} options
 */
async function setUp({ version, name, port, host, documents = DEMO_DOCUMENTS, latencyMs, emulatorOnly }) {
	const started = Date.now();
	const n8n = await N8n.create(version, { name, port, host, documents });
	const backend = await startBackend({ latencyMs, emulatorOnly, logFile: n8n.logFile('extend-emulator') });
	log(`Extend backend: ${backend.label}`);
	try {
		await n8n.importCredentials([backend.credential]);
	} catch (error) {
		await backend.stop();
		throw error;
	}
	log(`n8n ${version} ready in ${n8n.folder} (${seconds(started)} s)`);
	return { n8n, backend };
}

/**
 * The run's error message, when the workflow did not succeed.
 * @param {import('./types').Run} run
 */
function runFailure(run) {
	if (run.status === 'success') return undefined;
	const error = run.data?.resultData?.error;
	return `workflow ended with status ${run.status}: ${error?.message ?? 'no error message'}${error?.description ? ` (${error.description})` : ''}`;
}

module.exports = { selectedVersion, setUp, runFailure };
