// The command's option parsing (the command itself is checked by hand: see docs/emulator.md).
import { parseArgs } from '../cli';

describe('emulator CLI options', () => {
	it('maps every flag to EmulatorOptions, in both --flag value and --flag=value forms', () => {
		expect(
			parseArgs([
				'--port', '18080', '--host=0.0.0.0', '--latency-ms', '250', '--api-key', 'sk_1', '--seed', '7', '--sync-timeout-ms', '1000',
				'--max-upload-bytes', '2048', '--rate-limit', '10', '--fault-429', '0.2', '--fault-500=0.1', '--fault-503', '0.05',
				'--drop-before', '0.01', '--drop-after', '0.02', '--slow-ms', '300', '--fault-routes', 'POST /classify_runs, GET /classify_runs/{id}',
				'--webhook-retries', '1', '--webhook-retry-delay-ms', '50', '--webhook-timeout-ms', '500',
			]),
		).toEqual({
			port: 18080,
			host: '0.0.0.0',
			latencyMs: 250,
			apiKey: 'sk_1',
			seed: 7,
			syncTimeoutMs: 1000,
			maxUploadBytes: 2048,
			rateLimit: { perSecond: 10 },
			faults: { status429: 0.2, status500: 0.1, status503: 0.05, dropBefore: 0.01, dropAfter: 0.02, slowMs: 300, routes: ['POST /classify_runs', 'GET /classify_runs/{id}'] },
			webhookRetries: 1,
			webhookRetryDelayMs: 50,
			webhookTimeoutMs: 500,
		});
		expect(parseArgs([])).toEqual({});
	});

	it('turns the plan flags into a plan profile', () => {
		expect(parseArgs(['--plan', 'scale', '--files-per-minute', '500', '--get-per-second=5', '--run-per-second', '0'])).toEqual({
			plan: { tier: 'scale', filesPerMinute: 500, requestsPerSecond: { GET: 5, RUN: 0 } },
		});
		expect(parseArgs(['--files-per-minute', '500'])).toEqual({ plan: { filesPerMinute: 500 } });
		expect(parseArgs(['--write-per-second', '2'])).toEqual({ plan: { requestsPerSecond: { WRITE: 2 } } });
	});

	it('rejects unknown flags, missing values and non-numbers', () => {
		expect(() => parseArgs(['--colour', 'red'])).toThrow('unknown option --colour');
		expect(() => parseArgs(['--port'])).toThrow('needs a value');
		expect(() => parseArgs(['--port', 'eighty'])).toThrow('needs a number');
	});
});
