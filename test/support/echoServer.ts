// A loopback HTTP server that records each request and answers with what it saw.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export async function startEchoServer(): Promise<{ baseUrl: string; seen: SeenRequest[]; stop: () => Promise<void> }> {
	const seen: SeenRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
			seen.push(entry);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ method: entry.method, url: entry.url, headers: entry.headers }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		seen,
		stop: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
