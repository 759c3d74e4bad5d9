// Without Continue On Fail the first failing item stops its siblings: their requests are aborted
// and, with Cancel Run on Stop on, their runs are cancelled on Extend (checked there).
import { startEmulator, type Emulator } from '../../../../emulator';
import { API_KEY, classifyParams, runExtend } from '../../../../support/extendNode';
import { DOCS } from '../documents';

describe('Classify File: a failing item stops its siblings', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator({ latencyMs: 300 })));
	afterAll(async () => await emulator.stop());

	it.each(['sync', 'waitForResult'])('%s: the sibling\'s run is cancelled on Extend', async (mode) => {
		const input = [
			{ json: { text: 'EMULATOR_FAIL:PARSING_ERROR', meta: {} } },
			{ json: { text: DOCS.invoice, meta: { 'emulator:latencyMs': 20_000 } } },
		];
		const result = await runExtend(emulator.baseUrl, classifyParams({ mode, options: { metadata: '={{ JSON.stringify($json.meta) }}' } }), input);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/failed: PARSING_ERROR/);
		const list = await fetch(`${emulator.baseUrl}/classify_runs?maxPageSize=100`, {
			headers: { Authorization: `Bearer ${API_KEY}`, 'x-extend-api-version': '2026-02-09' },
		}).then((r) => r.json() as Promise<{ data: Array<{ status: string; metadata: Record<string, unknown> }> }>);
		const sibling = list.data.find((run) => run.metadata['emulator:latencyMs'] === 20_000);
		expect(sibling?.status).toBe('CANCELLED');
	}, 20_000);
});
