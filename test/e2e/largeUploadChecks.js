// One large upload in real n8n, filesystem binary mode: an HTTP Request node downloads a 60 MB
// document (n8n writes it to its filesystem binary store), Extend → File → Upload streams it from
// there, and the emulator's recorded length and SHA-256 must equal the document's. The same
// document server and workflow serve the queue-mode suite (database binary mode).
'use strict';
/** @typedef {import('../../scripts/n8n/n8n').N8n} N8n */
/** @typedef {import('../../scripts/n8n/types').Backend} Backend */
/** @typedef {import('../../scripts/n8n/types').Item} Item */
/** @typedef {import('../../scripts/n8n/types').Json} Json */
/** @typedef {import('../../scripts/n8n/types').Run} Run */
/** @typedef {import('../../scripts/n8n/types').Workflow} Workflow */
/** @typedef {import('../../scripts/n8n/types').WorkflowNode} WorkflowNode */
/** @typedef {import('./checks').Checks} Checks */
/** @typedef {{ bytes: number, sha256: string }} UploadSeen */
const { createHash } = require('node:crypto');
const { createServer } = require('node:http');
const { request } = require('undici');
const { nodeOutput } = require('../../scripts/n8n/workflows');
const { runFailure } = require('../../scripts/n8n/setup');
const { expect } = require('./checks');

/** 60 MiB + 7 bytes: not a multiple of the node's read chunk (384 KiB) or of base64's 3 bytes. */
const LARGE_BYTES = 60 * 1024 * 1024 + 7;
const CREDENTIAL = { extendApi: { id: 'extendDemoCred01', name: 'Extend account' } };

/** The document, generated chunk by chunk (line-numbered text, so no two chunks repeat). */
function* largeDocument(size = LARGE_BYTES) {
	let line = 0;
	for (let left = size; left > 0; ) {
		const lines = [];
		for (let i = 0; i < 8192; i++) lines.push(`INVOICE e2e-large line ${line++}: total amount due 45.00 EUR\n`);
		const chunk = Buffer.from(lines.join(''));
		const take = Math.min(left, chunk.length);
		yield take === chunk.length ? chunk : chunk.subarray(0, take);
		left -= take;
	}
}

function largeDocumentSha256() {
	const hash = createHash('sha256');
	for (const chunk of largeDocument()) hash.update(chunk);
	return hash.digest('hex');
}

/** Serves the document at <url>/large-invoice.txt on loopback; returns { url, stop }. */
async function startDocumentServer() {
	const server = createServer(async (req, res) => {
		res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(LARGE_BYTES), 'content-disposition': 'attachment; filename="large-invoice.txt"' });
		for (const chunk of largeDocument()) if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
		res.end();
	});
	/** @type {Promise<void>} */
	const listening = new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	await listening;
	return { url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/large-invoice.txt`, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Trigger → "Download Large" (HTTP Request, response as file) → "Upload Large" (Extend, File →
 * Upload). `trigger` is a Manual Trigger, or a Webhook node whose body carries the URL.
 * @param {{ id: string, trigger: WorkflowNode, url: string }} options
 * @returns {Workflow}
 */
function largeUploadWorkflow({ id, trigger, url }) {
	const position = (/** @type {number} */ x) => [x, 0];
	return {
		id,
		name: 'e2e: large upload',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			{ ...trigger, position: position(0) },
			{
				id: 'b7d1e0a2-60e2-4c1b-9a3e-1a2b3c4d5e02',
				name: 'Download Large',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: position(240),
				parameters: { url, options: { response: { response: { responseFormat: 'file' } } } },
			},
			{
				id: 'b7d1e0a2-60e2-4c1b-9a3e-1a2b3c4d5e03',
				name: 'Upload Large',
				type: 'n8n-nodes-extend.extend',
				typeVersion: 1,
				position: position(480),
				parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data', uploadOptions: {} },
				credentials: CREDENTIAL,
			},
		],
		connections: {
			[trigger.name]: { main: [[{ node: 'Download Large', type: 'main', index: 0 }]] },
			'Download Large': { main: [[{ node: 'Upload Large', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * The checks on one run: the download is in the expected binary store (its id's mode prefix),
 * and the emulator received the document whole. `uploadOf(fileId)` gives the emulator's record.
 * @param {Checks} checks
 * @param {{ label: string, downloaded: Item | undefined, uploaded: Json | undefined, mode: string, uploadOf: (fileId: string) => Promise<UploadSeen>, expectedSha256: string }} run
 */
async function checkLargeRun(checks, { label, downloaded, uploaded, mode, uploadOf, expectedSha256 }) {
	await checks.check(`${label}: the 60 MB download is in n8n's ${mode} binary store`, () => {
		const id = downloaded?.binary?.data?.id;
		expect(typeof id === 'string' && id.startsWith(`${mode}`), `the downloaded file's binary id is ${JSON.stringify(id)}, expected ${mode}:…`);
		return id.split(':')[0];
	});
	await checks.check(`${label}: Upload streamed it to Extend byte for byte (length and SHA-256 at the emulator)`, async () => {
		expect(uploaded && /^file_/.test(uploaded.id), `no uploaded Extend file: ${JSON.stringify(uploaded).slice(0, 300)}`);
		const upload = await uploadOf(uploaded.id);
		expect(upload.bytes === LARGE_BYTES, `the emulator received ${upload.bytes} bytes, the document has ${LARGE_BYTES}`);
		expect(upload.sha256 === expectedSha256, `SHA-256 differs: received ${upload.sha256}, sent ${expectedSha256}`);
		return `${upload.bytes} bytes, sha256 ${expectedSha256.slice(0, 12)}…`;
	});
}

/** The regular-mode check: imports and executes the workflow with N8N_DEFAULT_BINARY_DATA_MODE=filesystem.
 * @param {Checks} checks
 * @param {{ n8n: N8n, backend: Backend }} context
 */
async function checkLargeUpload(checks, { n8n, backend }) {
	const documents = await startDocumentServer();
	try {
		const workflow = largeUploadWorkflow({
			id: 'e2eLargeUpload01',
			url: documents.url,
			trigger: { id: 'b7d1e0a2-60e2-4c1b-9a3e-1a2b3c4d5e01', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		});
		await n8n.importWorkflows([workflow]);
		// The default of n8n 2.x in regular mode; n8n 1.x keeps binaries in memory unless told.
		const env = n8n.env;
		n8n.env = { ...env, N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' };
		/** @type {Run} */
		let run;
		try {
			({ run } = await n8n.execute(workflow.id));
		} finally {
			n8n.env = env;
		}
		await checks.check('large upload (filesystem mode): the workflow succeeds', () => expect(run.status === 'success', runFailure(run)));
		await checkLargeRun(checks, {
			label: 'large upload (filesystem mode)',
			downloaded: nodeOutput(run, 'Download Large')?.[0],
			uploaded: nodeOutput(run, 'Upload Large')?.[0]?.json,
			mode: 'filesystem',
			expectedSha256: largeDocumentSha256(),
			uploadOf: async (fileId) => /** @type {UploadSeen} */ (await (await request(`${backend.baseUrl}/__emulator/uploads/${fileId}`)).body.json()),
		});
	} catch (error) {
		checks.record('large upload (filesystem mode) ran', false, error.stack || error.message);
	} finally {
		await documents.stop();
	}
}

module.exports = { checkLargeUpload, checkLargeRun, largeUploadWorkflow, startDocumentServer, largeDocumentSha256, LARGE_BYTES };
