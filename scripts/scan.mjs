// n8n's community-package scanner as a local gate: the rules of @n8n/scan-community-package (the
// version n8n runs before it verifies a package), run the way it runs them after a download:
// on the source (package.json, nodes/, credentials/) and on the tarball `npm pack` makes
// (compiled .js and the published package.json). Its provenance check needs a published version
// and is left to the release workflow. Run after `npm run build`.   node scripts/scan.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function packTarball() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-extend-scan-'));
	const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }));
	execFileSync('tar', ['xzf', path.join(dir, filename), '-C', dir]);
	return { dir, packageDir: path.join(dir, 'package'), filename };
}

/**
 * @param {string} label
 * @param {{ passed: boolean, message?: string, details?: string }} result
 */
function report(label, result) {
	console.log(`${result.passed ? 'PASS' : 'FAIL'} scanner on the ${label}${result.message ? `: ${result.message}` : ''}`);
	if (result.details) console.log(result.details);
	return result.passed;
}

if (!fs.existsSync(path.join(ROOT, 'dist', 'package.json')) && !fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) {
	console.error('dist/ is missing: run `npm run build` first');
	process.exit(1);
}
const source = await analyzePackage(ROOT, SOURCE_FILE_PATTERNS);
const tarball = packTarball();
const dist = await analyzePackage(tarball.packageDir, ['**/*.js', 'package.json']);
const passed = [report('source (package.json, nodes/, credentials/)', source), report(`tarball (${tarball.filename})`, dist)].every(Boolean);
fs.rmSync(tarball.dir, { recursive: true, force: true });
process.exit(passed ? 0 : 1);
