// `npm run n8n:install [-- <version> ...]`: installs the given n8n versions, else every version
// in scripts/n8n/versions.json "e2e", into .cache/n8n/<version>/ (scripts/n8n/install.js).
'use strict';
const { DEFAULT_VERSIONS, log } = require('./n8n/common');
const { ensureN8n } = require('./n8n/install');

const versions = process.argv.slice(2);
(async () => {
	for (const v of versions.length ? versions : DEFAULT_VERSIONS) {
		const n = await ensureN8n(v);
		log(`n8n@${v} ready: ${n.n8nJs} (Node ${n.nodeBin})`);
	}
})().catch((err) => {
	console.error(err.message);
	process.exit(1);
});
