// `node bench/uploadStreamsOnN8n.js [version ...]` (after `npm run build`): the node's upload body
// (dist/ uploadForm: a spec FormData whose File entry streams) sent by each installed n8n's own
// HTTP helper, on the Node that n8n runs on: n8n-core's httpRequest (1.123, 2.8) or
// @n8n/backend-network's (2.41), with the options transport/request.ts passes. The file (100 MiB +
// 5 B) is produced chunk by chunk while the body is written; a loopback server notes how many
// chunks existed when its first body byte arrived (all of them if the helper buffered the body),
// and counts what it received against Content-Length. (Memory is measured by `npm run bench --
// memory`, not here: client and server share this process.) Prints one line per version; exits 1
// if any version buffered the body or sent a length other than announced.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.cache');
const NODE24 = path.join(CACHE, 'node-24.21.0', 'node_modules', 'node', 'bin', 'node');
// The Node each line runs on in the e2e (scripts/n8n/install.js needsNode24).
/** @type {Record<string, string>} */
const VERSIONS = { '2.41.1': NODE24, '2.8.4': process.execPath, '1.123.81': NODE24 };

/** @param {string} version */
async function child(version) {
	const { createServer } = require('node:http');
	const modules = path.join(CACHE, 'n8n', version, 'node_modules');
	const helperFile = version.startsWith('2.41')
		? path.join(modules, '@n8n', 'backend-network', 'dist', 'http', 'axios', 'request.js')
		: path.join(modules, 'n8n-core', 'dist', 'execution-engine', 'node-execution-context', 'utils', 'request-helper-functions.js');
	const { httpRequest } = require(helperFile);
	const { uploadForm } = require(path.join(ROOT, 'dist', 'nodes', 'Extend', 'transport', 'uploadFile.js'));

	const CHUNK = 3 * 2 ** 17;
	const SIZE = 100 * 2 ** 20 + 5;
	let produced = 0;
	const file = {
		fileName: 'big.pdf',
		mimeType: 'application/pdf',
		size: SIZE,
		async *open() {
			for (let at = 0, i = 0; at < SIZE; at += CHUNK, i++) {
				produced++;
				yield Buffer.alloc(Math.min(CHUNK, SIZE - at), i % 251);
			}
		},
	};
	let atFirstByte = -1;
	/** @type {{ bytes: number, contentLength: number, type: string | undefined } | undefined} */
	let received;
	const server = createServer((req, res) => {
		let bytes = 0;
		req.on('data', (chunk) => {
			if (atFirstByte < 0) atFirstByte = produced;
			bytes += chunk.length;
		});
		req.on('end', () => {
			received = { bytes, contentLength: Number(req.headers['content-length']), type: req.headers['content-type'] };
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"file","id":"file_1"}');
		});
	});
	/** @type {Promise<void>} */
	const listening = new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	await listening;
	const response = await httpRequest({
		method: 'POST',
		baseURL: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
		url: '/files/upload',
		body: uploadForm(file, 'pw'),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 60000,
		disableFollowRedirect: true,
	});
	server.close();
	// Set by the server's 'end' handler before the helper resolves with the response.
	const got = /** @type {NonNullable<typeof received>} */ (received);
	const chunks = Math.ceil(SIZE / CHUNK);
	const streamed = atFirstByte > 0 && atFirstByte < chunks / 4;
	// The body is the multipart envelope around the file: its length is the file plus the framing.
	const whole = got.bytes === got.contentLength && got.bytes > SIZE && response.statusCode === 200;
	return {
		version,
		node: process.version,
		helper: path.relative(modules, helperFile),
		streamed,
		chunksProducedAtFirstBodyByte: `${atFirstByte}/${chunks}`,
		bodyBytes: got.bytes,
		contentLength: got.contentLength,
		contentType: got.type,
		ok: streamed && whole,
	};
}

if (process.argv[2] === '--child') {
	child(process.argv[3]).then(
		(result) => {
			process.stdout.write(`${JSON.stringify(result)}\n`);
			process.exit(0);
		},
		(error) => {
			process.stderr.write(`${error.stack}\n`);
			process.exit(1);
		},
	);
} else {
	const versions = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(VERSIONS);
	let ok = true;
	for (const version of versions) {
		const run = spawnSync(VERSIONS[version] ?? process.execPath, [__filename, '--child', version], { encoding: 'utf8' });
		const line = run.stdout.trim().split('\n').pop();
		if (run.status !== 0 || !line) {
			ok = false;
			process.stdout.write(`${version}: failed (${run.status}) ${run.stderr.slice(-800)}\n`);
			continue;
		}
		const result = JSON.parse(line);
		ok &&= result.ok;
		process.stdout.write(`${JSON.stringify(result)}\n`);
	}
	process.exit(ok ? 0 : 1);
}
