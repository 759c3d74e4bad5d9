// The log lines a node writes through its context, recorded for assertions.
export interface LogEntry {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
	meta?: unknown;
}

/** The context's logger (n8n's DI Logger) replaced by one that records into `logs`. */
export function captureLogs<T extends object>(context: T, logs: LogEntry[]): T {
	const record = (level: LogEntry['level']) => (message: string, meta?: unknown) => logs.push({ level, message, meta });
	Object.defineProperty(context, 'logger', {
		value: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
	});
	return context;
}
