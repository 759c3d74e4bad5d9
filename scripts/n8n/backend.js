// Which Extend the demo talks to: the embedded emulator by default, or Extend itself when
// EXTEND_API_KEY is set (EXTEND_REGION us|us2|eu). Also the n8n credential that points at it.
'use strict';
const { startEmulatorProcess } = require('./emulator');

const API_VERSION = '2026-02-09';
const REGIONS = { us: 'https://api.extend.ai', us2: 'https://api.us2.extend.app', eu: 'https://api.eu1.extend.ai' };

// The example workflows reference this credential by id and name.
const CREDENTIAL = { id: 'extendDemoCred01', name: 'Extend account' };
const EMULATOR_API_KEY = 'sk_emulator_demo';

/** An entry for `n8n import:credentials`: object `data` is stored encrypted by n8n on import. */
function credentialFor(data) {
	return { ...CREDENTIAL, type: 'extendApi', data: { apiVersion: API_VERSION, workspaceId: '', ...data } };
}

/** Starts the emulator unless a real key is given (and allowed); returns { label, credential, baseUrl?, stop }. */
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

module.exports = { API_VERSION, credentialFor, startBackend };
