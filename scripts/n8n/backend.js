// Which Extend the demo talks to: the embedded emulator by default, or Extend itself when
// EXTEND_API_KEY is set (EXTEND_REGION us|us2|eu). Also the n8n credential that points at it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./common');
const { startEmulatorProcess } = require('./emulator');

/** @type {Record<string, string>} */
const REGIONS = { us: 'https://api.extend.ai', us2: 'https://api.us2.extend.app', eu: 'https://api.eu1.extend.ai' };

// The example workflows reference this credential by id and name.
const CREDENTIAL = { id: 'extendDemoCred01', name: 'Extend account' };
const EMULATOR_API_KEY = 'sk_emulator_demo';

/**
 * The Extend API version the nodes send: EXTEND_API_VERSION of nodes/Extend/transport/apiVersion.ts
 * as `npm run build` compiled it into dist/. Read when needed, not at load: scripts/screenshots.js
 * loads this module before it builds.
 */
function extendApiVersion() {
	const file = path.join(ROOT, 'dist', 'nodes', 'Extend', 'transport', 'apiVersion.js');
	if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first`);
	/** @type {typeof import('../../nodes/Extend/transport/apiVersion')} */
	const built = require(file);
	return built.EXTEND_API_VERSION;
}

/**
 * An entry for `n8n import:credentials`: object `data` is stored encrypted by n8n on import.
 * @param {import('./types').Json} data
 * @returns {import('./types').Credential}
 */
function credentialFor(data) {
	return { ...CREDENTIAL, type: 'extendApi', data: { apiVersion: extendApiVersion(), workspaceId: '', ...data } };
}

/**
 * Starts the emulator unless a real key is given (and allowed); returns { label, credential, baseUrl?, stop }.
 * @param {{ latencyMs?: number, logFile?: string, emulatorOnly?: boolean }} [options]
 * @returns {Promise<import('./types').Backend>}
 */
async function startBackend({ latencyMs, logFile, emulatorOnly = false } = {}) {
	const apiKey = emulatorOnly ? '' : (process.env.EXTEND_API_KEY || '').trim();
	if (apiKey) {
		const regionName = (process.env.EXTEND_REGION || 'us').toLowerCase();
		const region = REGIONS[regionName];
		if (!region) throw new Error(`EXTEND_REGION must be one of ${Object.keys(REGIONS).join(', ')} (got "${regionName}")`);
		return { label: `Extend (${region})`, credential: credentialFor({ apiKey, region, baseUrl: '' }), stop: async () => {} };
	}
	const emulator = await startEmulatorProcess({ apiKey: EMULATOR_API_KEY, latencyMs, logFile });
	return {
		label: `the Extend emulator (${emulator.baseUrl})`,
		emulator,
		baseUrl: emulator.baseUrl,
		credential: credentialFor({ apiKey: EMULATOR_API_KEY, region: 'custom', baseUrl: emulator.baseUrl }),
		stop: emulator.stop,
	};
}

module.exports = { CREDENTIAL, extendApiVersion, credentialFor, startBackend };
