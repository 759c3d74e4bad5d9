// `npm run test:e2e [-- <n8n version> ...]`: the Extend package in real n8n, on every version given
// (arguments, else N8N_VERSION, else scripts/n8n/versions.json "e2e": 2.41.1 and 1.123.81 on Node 24
// from npm, 2.8.4 on Node 20; see needsNode24 in scripts/n8n/install.js). Versions run one
// after another on the same ports. Env: N8N_PORT (default 5700; task brokers on +1 and +2).
'use strict';
const { DEFAULT_VERSIONS, envInt } = require('../../scripts/n8n/common');
const { runMain } = require('../../scripts/n8n/processes');
const { runSuite } = require('./suite');

async function main() {
	const args = process.argv.slice(2);
	const versions = args.length ? args : process.env.N8N_VERSION ? [process.env.N8N_VERSION] : DEFAULT_VERSIONS;
	const port = envInt('N8N_PORT', 5700);
	const outcomes = [];
	for (const version of versions) outcomes.push(await runSuite(version, { port }));

	console.log('\nE2E summary');
	for (const { version, checks, timings } of outcomes) {
		const passed = checks.results.length - checks.failed.length;
		console.log(`  n8n ${version}: ${passed}/${checks.results.length} passed; ${JSON.stringify(timings)}`);
		for (const failure of checks.failed) console.log(`    FAIL ${failure.name}: ${(failure.detail ?? '').split('\n')[0]}`);
	}
	return outcomes.every((o) => o.checks.failed.length === 0 && o.checks.results.length > 0) ? 0 : 1;
}

runMain(main);
