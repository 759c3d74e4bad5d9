// `npm run emulator -- --port 18080 [options]`: starts the emulator, prints one line with its
// base URL, and runs until SIGTERM/SIGINT (then exits 0).
import { startEmulator } from './index';
import type { Emulator, EmulatorOptions, FaultOptions, PlanProfile, PlanTier, RateCategory } from './types';

const USAGE = `Usage: npm run emulator -- [options]
  --port n               port (default 0 = any free port)       --host h             (default 127.0.0.1)
  --latency-ms n         run processing time (default 1000)     --api-key k          accept only this key
  --seed n               seed for ids and faults                --sync-timeout-ms n  POST /classify limit (default 300000)
  --max-upload-bytes n   upload limit (default 104857600)       --rate-limit n       requests/second per category
  --fault-429 x  --fault-500 x  --fault-503 x  --drop-before x  --drop-after x   shares in [0,1]
  --slow-ms n            delay added to every answer            --fault-routes k,k   route keys faults apply to
  --webhook-retries n  --webhook-retry-delay-ms n  --webhook-timeout-ms n
Extend's plan limits (off unless one of these is given; the others then keep the tier's figures, 0 = no limit):
  --plan payg|scale|enterprise   tier (default payg: 10 requests/s per category, 80 files/minute)
  --files-per-minute n   processing throughput                  --get-per-second n  --write-per-second n  --run-per-second n`;

const NUMBER_FLAGS: Record<string, keyof EmulatorOptions> = {
	'--port': 'port',
	'--latency-ms': 'latencyMs',
	'--seed': 'seed',
	'--sync-timeout-ms': 'syncTimeoutMs',
	'--max-upload-bytes': 'maxUploadBytes',
	'--webhook-retries': 'webhookRetries',
	'--webhook-retry-delay-ms': 'webhookRetryDelayMs',
	'--webhook-timeout-ms': 'webhookTimeoutMs',
};

const FAULT_FLAGS: Record<string, keyof Omit<FaultOptions, 'routes'>> = {
	'--fault-429': 'status429',
	'--fault-500': 'status500',
	'--fault-503': 'status503',
	'--drop-before': 'dropBefore',
	'--drop-after': 'dropAfter',
	'--slow-ms': 'slowMs',
};

const CATEGORY_FLAGS: Record<string, RateCategory> = { '--get-per-second': 'GET', '--write-per-second': 'WRITE', '--run-per-second': 'RUN' };

/** Parses `--flag value` and `--flag=value`; throws on unknown flags or non-numeric numbers. */
export function parseArgs(argv: string[]): EmulatorOptions {
	const options: Record<string, unknown> = {};
	const faults: FaultOptions = {};
	const plan: PlanProfile = {};
	const perCategory: Partial<Record<RateCategory, number>> = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = inline ?? argv[++i];
		if (value === undefined) throw new Error(`${flag} needs a value`);
		const number = (): number => {
			const n = Number(value);
			if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`${flag} needs a number, got "${value}"`);
			return n;
		};
		if (flag in NUMBER_FLAGS) options[NUMBER_FLAGS[flag]] = number();
		else if (flag in FAULT_FLAGS) faults[FAULT_FLAGS[flag]] = number();
		else if (flag === '--host') options.host = value;
		else if (flag === '--api-key') options.apiKey = value;
		else if (flag === '--rate-limit') options.rateLimit = { perSecond: number() };
		else if (flag === '--plan') plan.tier = value as PlanTier; // checked by startEmulator
		else if (flag === '--files-per-minute') plan.filesPerMinute = number();
		else if (flag in CATEGORY_FLAGS) perCategory[CATEGORY_FLAGS[flag]] = number();
		else if (flag === '--fault-routes') faults.routes = value.split(',').map((r) => r.trim()).filter(Boolean);
		else throw new Error(`unknown option ${flag}`);
	}
	if (Object.keys(faults).length) options.faults = faults;
	if (Object.keys(perCategory).length) plan.requestsPerSecond = perCategory;
	if (Object.keys(plan).length) options.plan = plan;
	return options as EmulatorOptions;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	if (argv.includes('--help') || argv.includes('-h')) {
		console.log(USAGE);
		return;
	}
	let options: EmulatorOptions;
	try {
		options = parseArgs(argv);
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		process.exit(2);
	}
	// Handlers first: a signal that arrives while starting still ends the process cleanly.
	let emulator: Emulator | undefined;
	const shutdown = (): void => {
		void (emulator?.stop() ?? Promise.resolve()).then(() => process.exit(0));
	};
	process.once('SIGTERM', shutdown);
	process.once('SIGINT', shutdown);
	emulator = await startEmulator(options);
	console.log(`Extend emulator listening on ${emulator.baseUrl}`);
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
}
