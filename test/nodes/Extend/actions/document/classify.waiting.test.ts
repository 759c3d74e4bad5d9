// Waiting: time limits and their three behaviours, a stopped execution, failed runs.
import { startEmulator, type Emulator } from '../../../../emulator';
import { listAllRuns } from '../../../../support/emulatorApi';
import { classifyParams, runExtend } from '../../../../support/extendNode';
import { DOCS } from '../documents';

const slow = (ms: number) => JSON.stringify({ 'emulator:latencyMs': ms });

describe('Classify File: waiting, timeouts, stop, failures', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator({ latencyMs: 100 })));
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.resetStats());

	/** The one run this test created (runs of earlier tests are older). */
	let before = new Set<string>();
	beforeEach(async () => (before = new Set((await listAllRuns(emulator.baseUrl)).map((r) => r.id))));
	async function onlyRun() {
		const runs = (await listAllRuns(emulator.baseUrl)).filter((r) => !before.has(r.id));
		expect(runs).toHaveLength(1);
		return runs[0];
	}

	it('on timeout errors by default, naming the run id, and leaves the run going', async () => {
		const result = await runExtend(emulator.baseUrl, classifyParams({ options: { maxWaitSeconds: 1, metadata: slow(5000) } }), [{ json: { text: DOCS.invoice } }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Extend run clr_\S+ did not finish within 1 seconds \(last status: PROCESSING\)\.$/);
		expect((result.error as { description?: string }).description).toMatch(/Classify Run operation Get and ID clr_/);
		expect((await onlyRun()).status).toBe('PROCESSING');
	});

	it('on timeout can return the unfinished run as it is', async () => {
		const result = await runExtend(emulator.baseUrl, classifyParams({ options: { maxWaitSeconds: 1, onTimeout: 'returnRun', metadata: slow(5000) } }), [{ json: { text: DOCS.invoice } }]);
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ status: 'PROCESSING', output: null });
	});

	it('on timeout can cancel the run on Extend, then error', async () => {
		const result = await runExtend(emulator.baseUrl, classifyParams({ options: { maxWaitSeconds: 1, onTimeout: 'cancelAndError', metadata: slow(5000) } }), [{ json: { text: DOCS.invoice } }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/did not finish within 1 seconds .*It was cancelled on Extend\./);
		expect((await onlyRun()).status).toBe('CANCELLED');
		expect(emulator.stats().requests['POST /classify_runs/{id}/cancel']).toBe(1);
	});

	it('returns promptly when the execution is stopped, and cancels the remote run', async () => {
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(), 1500);
		const result = await runExtend(emulator.baseUrl, classifyParams({ options: { metadata: slow(60_000) } }), [{ json: { text: DOCS.invoice } }], { signal: controller.signal });
		const tookMs = Date.now() - started;
		expect(result.status).toBe('canceled');
		expect(tookMs).toBeLessThan(10_000);
		expect((await onlyRun()).status).toBe('CANCELLED');
	});

	it('leaves the remote run alone on stop when told to', async () => {
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 1200);
		const result = await runExtend(emulator.baseUrl, classifyParams({ options: { cancelOnStop: false, metadata: slow(60_000) } }), [{ json: { text: DOCS.invoice } }], { signal: controller.signal });
		expect(result.status).toBe('canceled');
		expect((await onlyRun()).status).toBe('PROCESSING');
		expect(emulator.stats().requests['POST /classify_runs/{id}/cancel']).toBeUndefined();
	});

	it.each([
		['a known reason', 'OUT_OF_CREDITS', /Add credits/],
		['a reason the node does not know', 'DOCUMENT_TOO_SPICY', /See the run in Extend/],
	])('turns a FAILED run with %s into an item error carrying reason and message', async (_label, reason, hint) => {
		const metadata = JSON.stringify({ 'emulator:fail': reason });
		const failed = await runExtend(emulator.baseUrl, classifyParams({ options: { metadata } }), [{ json: { text: DOCS.invoice } }]);
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(new RegExp(`^Extend run clr_\\S+ failed: ${reason}`));
		expect((failed.error as { description?: string }).description).toMatch(hint);

		const continued = await runExtend(
			emulator.baseUrl,
			classifyParams({ options: { metadata: '={{ $json.meta }}' } }),
			[{ json: { text: DOCS.invoice, meta: metadata } }, { json: { text: DOCS.receipt, meta: '{}' } }],
			{ continueOnFail: true },
		);
		expect(continued.status).toBe('success');
		expect(continued.items[0].json).toMatchObject({ status: 'FAILED', failureReason: reason, failureMessage: expect.any(String), runId: expect.stringMatching(/^clr_/) });
		expect(continued.items[1].json).toMatchObject({ status: 'PROCESSED', output: { type: 'receipt' } });
	});
});
