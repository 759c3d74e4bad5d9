// The emulator driven by the official SDK (extend-ai) as the client: runs, files, classifiers.
import { Blob } from 'node:buffer';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Extend, type ExtendClient } from 'extend-ai';

import { startEmulator, type Emulator } from '../index';
import { CLASSIFY_RUN_FIELDS, INLINE_CONFIG, sdk } from './helpers';

const SAMPLES = join(__dirname, '..', 'samples');
const receiptText = readFileSync(join(SAMPLES, 'receipt.txt'), 'utf8');
const resumeText = readFileSync(join(SAMPLES, 'resume.txt'), 'utf8');

let em: Emulator;
let client: ExtendClient;

beforeAll(async () => {
	em = await startEmulator({ latencyMs: 50, seed: 7 });
	client = sdk(em);
});
afterAll(async () => await em.stop());

describe('classify runs through the SDK', () => {
	it('classifies synchronously with a saved classifier and returns every ClassifyRun field', async () => {
		const run = await client.classify({ file: { text: receiptText, name: 'till.txt' }, classifier: { id: 'cl_document_types', version: '1.0' } });
		expect(Object.keys(run).sort()).toEqual(CLASSIFY_RUN_FIELDS);
		expect(run).toMatchObject({
			object: 'classify_run',
			status: 'PROCESSED',
			output: { id: 'receipt', type: 'receipt' },
			classifier: { object: 'classifier', id: 'cl_document_types', name: 'Document Types' },
			classifierVersion: { object: 'classifier_version', version: '1.0', classifierId: 'cl_document_types' },
			initialOutput: null,
			reviewedOutput: null,
			reviewed: false,
			edited: false,
			failureReason: null,
			failureMessage: null,
			metadata: null,
			file: { object: 'file', name: 'till.txt', type: 'TXT', parentFileId: null, metadata: { pageCount: 1 } },
			usage: { credits: 1 },
		});
		expect(run.id).toMatch(/^clr_/);
		expect(run.parseRunId).toMatch(/^pr_/);
		expect(run.dashboardUrl).toContain(run.id);
		expect(run.output!.confidence).toBeGreaterThan(0.5);
		expect(run.output!.confidence).toBeLessThanOrEqual(1);
		expect(run.output!.insights[0]).toEqual({ type: 'reasoning', content: expect.stringContaining('"receipt"') });
		expect(run.config.classifications.map((c) => c.id)).toEqual(['invoice', 'receipt', 'contract', 'resume', 'other']);
		expect(new Date(run.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(run.createdAt).getTime());
	});

	it('creates asynchronously (PROCESSING, no output), then retrieve shows the result', async () => {
		const created = await client.classifyRuns.create({ file: { text: resumeText }, config: INLINE_CONFIG, priority: 10, metadata: { ref: 'A-1' } });
		expect(Object.keys(created).sort()).toEqual(CLASSIFY_RUN_FIELDS);
		expect(created).toMatchObject({ status: 'PROCESSING', output: null, usage: null, classifier: null, classifierVersion: null, metadata: { ref: 'A-1' } });
		expect(created.config).toEqual(INLINE_CONFIG);
		await em.waitForRun(created.id);
		const done = await client.classifyRuns.retrieve(created.id);
		expect(done).toMatchObject({ status: 'PROCESSED', output: { id: 'resume', type: 'resume' }, metadata: { ref: 'A-1' } });
		expect(em.stats().requestsByRun[created.id]).toBe(1);
	});

	it('createAndPoll polls to the terminal run', async () => {
		const run = await client.classifyRuns.createAndPoll(
			{ file: { text: 'INVOICE no. 7, amount due 12 EUR' }, config: INLINE_CONFIG, metadata: { 'emulator:latencyMs': 10 } },
			{ initialDelayMs: 20, maxWaitMs: 5000, jitterFraction: 0 },
		);
		expect(run.status).toBe('PROCESSED');
		expect(run.output?.id).toBe('invoice');
	});

	it('createAndPoll returns FAILED runs (emulator:fail) without throwing', async () => {
		const run = await client.classifyRuns.createAndPoll(
			{ file: { text: 'anything' }, config: INLINE_CONFIG, metadata: { 'emulator:fail': 'OUT_OF_CREDITS', 'emulator:latencyMs': 0 } },
			{ initialDelayMs: 20, maxWaitMs: 5000 },
		);
		expect(run).toMatchObject({ status: 'FAILED', failureReason: 'OUT_OF_CREDITS', failureMessage: expect.stringContaining('credits'), output: null, usage: null });
	});

	it('applies overrideConfig on top of the classifier version', async () => {
		const run = await client.classify({
			file: { text: 'Please find my complaint: the kettle arrived broken.' },
			classifier: { id: 'cl_document_types', version: 'latest', overrideConfig: { classificationRules: 'be strict' } },
		});
		expect(run.classifierVersion?.version).toBe('1.1');
		expect(run.config.classificationRules).toBe('be strict');
		expect(run.config.classifications.some((c) => c.id === 'bank_statement')).toBe(true);
		expect(run.output?.type).toBe('other');
	});

	it('cancels an active run, refuses to cancel a terminal one, and sends no body', async () => {
		const run = await client.classifyRuns.create({ file: { text: 'slow one' }, config: INLINE_CONFIG, metadata: { 'emulator:latencyMs': 5000 } });
		const cancelled = await client.classifyRuns.cancel(run.id);
		expect(cancelled).toMatchObject({ id: run.id, status: 'CANCELLED', output: null });
		await expect(client.classifyRuns.cancel(run.id)).rejects.toMatchObject({
			statusCode: 400,
			body: { code: 'INVALID_REQUEST', message: expect.stringContaining('terminal'), retryable: false },
		});
		expect(em.stats().runEndedAt[run.id]).toBeDefined();
	});

	it('deletes a run: {id}, then 404', async () => {
		const run = await client.classifyRuns.create({ file: { text: 'to delete' }, config: INLINE_CONFIG });
		await expect(client.classifyRuns.delete(run.id)).resolves.toEqual({ id: run.id });
		await expect(client.classifyRuns.retrieve(run.id)).rejects.toBeInstanceOf(Extend.NotFoundError);
	});
});

describe('listing classify runs', () => {
	let local: Emulator;
	let c: ExtendClient;
	const ids: string[] = [];

	beforeAll(async () => {
		local = await startEmulator({ latencyMs: 20, seed: 11 });
		c = sdk(local);
		const inputs = [
			{ file: { text: 'Invoice 1, amount due', name: 'inv-1.txt' }, classifier: { id: 'cl_document_types' } },
			{ file: { text: 'Receipt, paid', name: 'rcpt-2.txt' }, config: INLINE_CONFIG },
			{ file: { text: 'Invoice 3', name: 'INV-3.txt' }, classifier: { id: 'cl_mail_triage' } },
			{ file: { text: 'x', name: 'other-4.txt' }, config: INLINE_CONFIG, metadata: { 'emulator:fail': 'PARSING_ERROR' } },
			{ file: { text: 'Invoice 5', name: 'inv-5.txt' }, classifier: { id: 'cl_document_types' } },
		];
		for (const input of inputs) {
			const run = await c.classifyRuns.create(input);
			ids.push(run.id);
			await local.waitForRun(run.id);
		}
	});
	afterAll(async () => await local.stop());

	it('returns summaries without output/config, newest first by default', async () => {
		const page = await c.classifyRuns.list();
		expect(page.object).toBe('list');
		expect(page.data.map((r) => r.id)).toEqual([...ids].reverse());
		expect(page.nextPageToken).toBeUndefined();
		for (const summary of page.data) {
			for (const key of ['output', 'config', 'initialOutput', 'reviewedOutput']) expect(summary).not.toHaveProperty(key);
			expect(summary.usage === null || !('breakdown' in summary.usage)).toBe(true);
		}
	});

	it('filters by status, classifierId and fileNameContains (case-insensitive), sorts asc', async () => {
		expect((await c.classifyRuns.list({ status: 'FAILED' })).data.map((r) => r.id)).toEqual([ids[3]]);
		expect((await c.classifyRuns.list({ classifierId: 'cl_document_types', sortDir: 'asc' })).data.map((r) => r.id)).toEqual([ids[0], ids[4]]);
		expect((await c.classifyRuns.list({ fileNameContains: 'inv-', sortBy: 'updatedAt', sortDir: 'asc' })).data.map((r) => r.id)).toEqual([ids[0], ids[2], ids[4]]);
	});

	it('paginates with maxPageSize and an opaque nextPageToken, omitted on the last page', async () => {
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await c.classifyRuns.list({ maxPageSize: 2, sortDir: 'asc', nextPageToken: token });
			expect(page.data.length).toBeLessThanOrEqual(2);
			seen.push(...page.data.map((r) => r.id));
			token = page.nextPageToken;
			pages++;
		} while (token);
		expect(pages).toBe(3);
		expect(seen).toEqual(ids);
	});
});

describe('files through the SDK', () => {
	it('uploads a stream, classifies it by id, and serves it back through presignedUrl', async () => {
		const file = await client.files.upload(createReadStream(join(SAMPLES, 'invoice.pdf')), {});
		expect(file).toMatchObject({ object: 'file', name: 'invoice.pdf', type: 'PDF', presignedUrl: null, parentFileId: null, contents: null, metadata: { pageCount: 1 } });
		expect(file.id).toMatch(/^file_/);
		const run = await client.classify({ file: { id: file.id }, classifier: { id: 'cl_document_types' } });
		expect(run.output?.type).toBe('invoice');
		expect(run.file).toMatchObject({ id: file.id, type: 'PDF' });

		const fetched = await client.files.retrieve(file.id);
		expect(fetched.presignedUrl).toMatch(new RegExp(`^${em.baseUrl}/__signed/`));
		const bytes = Buffer.from(await (await fetch(fetched.presignedUrl!)).arrayBuffer());
		expect(bytes.equals(readFileSync(join(SAMPLES, 'invoice.pdf')))).toBe(true);

		expect((await client.files.list({ nameContains: 'INVOICE' })).data.map((f) => f.id)).toContain(file.id);
		await expect(client.files.delete(file.id)).resolves.toEqual({ id: file.id });
		await expect(client.files.retrieve(file.id)).rejects.toBeInstanceOf(Extend.NotFoundError);
	});

	it('uploads a Blob (filename "blob") typed by its content type, with a password and convertToPdf', async () => {
		const blob = new Blob([readFileSync(join(SAMPLES, 'invoice-encrypted.pdf'))], { type: 'application/pdf' });
		const file = await client.files.upload(blob, { password: 'secret', convertToPdf: true });
		expect(file).toMatchObject({ name: 'blob', type: 'PDF' });
		const run = await client.classify({ file: { id: file.id }, config: INLINE_CONFIG });
		expect(run).toMatchObject({ status: 'PROCESSED', output: { type: 'invoice' } });
	});
});

describe('classifiers through the SDK', () => {
	it('lists classifier summaries with pagination', async () => {
		const first = await client.classifiers.list({ maxPageSize: 1, sortDir: 'asc' });
		expect(first.data).toEqual([expect.objectContaining({ object: 'classifier', id: 'cl_document_types', name: 'Document Types' })]);
		expect(first.data[0]).not.toHaveProperty('draftVersion');
		const second = await client.classifiers.list({ maxPageSize: 1, sortDir: 'asc', nextPageToken: first.nextPageToken });
		expect(second.data.map((c) => c.id)).toEqual(['cl_mail_triage']);
		expect(second.nextPageToken).toBeUndefined();
	});

	it('retrieves a classifier with its draft version config', async () => {
		const classifier = await client.classifiers.retrieve('cl_document_types');
		expect(classifier).toMatchObject({ object: 'classifier', id: 'cl_document_types', draftVersion: { object: 'classifier_version', version: 'draft' } });
		expect(classifier.draftVersion.config.classifications.length).toBeGreaterThanOrEqual(5);
		await expect(client.classifiers.retrieve('cl_nope')).rejects.toBeInstanceOf(Extend.NotFoundError);
	});

	it('lists versions (draft first, newest first) and retrieves latest/draft/number', async () => {
		const versions = await client.classifierVersions.list('cl_document_types');
		expect(versions.data.map((v) => v.version)).toEqual(['draft', '1.1', '1.0']);
		expect(versions.data[0]).not.toHaveProperty('config');
		expect((await client.classifierVersions.retrieve('cl_document_types', 'latest')).version).toBe('1.1');
		const v10 = await client.classifierVersions.retrieve('cl_document_types', '1.0');
		expect(v10.config.classifications.map((c) => c.id)).toEqual(['invoice', 'receipt', 'contract', 'resume', 'other']);
		expect((await client.classifierVersions.retrieve('cl_document_types', v10.id)).version).toBe('1.0');
		// No published version: latest falls back to the draft.
		expect((await client.classifierVersions.retrieve('cl_mail_triage', 'latest')).version).toBe('draft');
		await expect(client.classifierVersions.retrieve('cl_document_types', '9.9')).rejects.toBeInstanceOf(Extend.NotFoundError);
	});
});
