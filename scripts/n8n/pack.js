// Packs this package (npm pack) and installs the tarball into an n8n user folder the way n8n's
// community-package installer does: unpacked into <N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>
// with dev/peer/optional dependencies stripped, then `npm install` inside it with n8n's own flags.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ROOT, cleanNpmEnv } = require('./common');

/**
 * npm pack of the built package (run `npm run build` first) into `dir`; returns the tarball path.
 * @param {string} dir
 */
function packPackage(dir) {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Extend', 'Extend.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const out = execFileSync('npm', ['pack', '--pack-destination', dir, '--loglevel=error'], { cwd: ROOT, encoding: 'utf8', env: cleanNpmEnv() });
	return path.join(dir, out.trim().split('\n').pop() ?? '');
}

// Same flags as n8n's CommunityPackagesService (n8n 2.x).
const N8N_NPM_INSTALL_ARGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];

/**
 * @param {string} tarball
 * @param {string} userFolder
 */
function installPackage(tarball, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const pkg = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
	const target = path.join(nodesDir, 'node_modules', pkg.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	const { devDependencies, peerDependencies, optionalDependencies, ...installed } = pkg;
	fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(installed, null, 2));
	execFileSync('npm', ['install', ...N8N_NPM_INSTALL_ARGS, '--loglevel=error'], { cwd: target, stdio: 'ignore', env: cleanNpmEnv() });
	assertNoWalkUpCopy(target, 'n8n-workflow');
	const manifest = { name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } };
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify(manifest, null, 2));
	return { name: pkg.name, version: pkg.version, dir: target };
}

// A real install finds no n8n-workflow above ~/.n8n/nodes and gets n8n's own copy (NODE_PATH).
/**
 * @param {string} dir
 * @param {string} name
 */
function assertNoWalkUpCopy(dir, name) {
	let found;
	try {
		found = require.resolve(name, { paths: [dir] });
	} catch {
		return;
	}
	throw new Error(`${dir} would load ${name} from ${found}, not from n8n: move the n8n user folder (N8N_RUNS_DIR)`);
}

module.exports = { packPackage, installPackage };
