// The loopback HTTP server in front of the trigger, and what it records of each answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One HTTP request the harness answered. */
export interface HandledRequest {
	test: boolean;
	/** 0 when the connection was dropped without an answer. */
	status: number;
	body: string;
	/** Whether it started an execution. */
	started: boolean;
}

export async function listenOnLoopback(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; baseUrl: string }> {
	const server = createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Closes the server and every connection still open. */
export async function closeServer(server: Server): Promise<void> {
	const closed = new Promise<void>((resolve) => server.close(() => resolve()));
	server.closeAllConnections();
	await closed;
}

export const pathOf = (url: string | undefined): string => new URL(url ?? '/', 'http://harness').pathname;

/** The text a ServerResponse was given, captured for assertions. */
export function captureBody(res: ServerResponse): () => string {
	const chunks: Buffer[] = [];
	const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
	(res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
		const [chunk] = args;
		if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) chunks.push(Buffer.from(chunk));
		return end(...args);
	};
	return () => Buffer.concat(chunks).toString('utf8');
}

/** Calls `done` once the response has ended, or its connection closed without one. */
export function whenAnswered(res: ServerResponse, done: () => void): void {
	if (res.writableEnded) done();
	else res.once('close', done);
}
