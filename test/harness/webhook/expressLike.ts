// The Express-like request and response n8n's webhook code expects (readRawBody, header(),
// status().send()/json()), over node:http's own objects.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type HarnessRequest = IncomingMessage & {
	rawBody?: Buffer;
	readRawBody: () => Promise<void>;
	body: unknown;
	query: Record<string, string>;
	params: Record<string, string>;
	contentType?: string;
	header: (name: string) => string | undefined;
};

export type HarnessResponse = ServerResponse & {
	status: (code: number) => HarnessResponse;
	send: (body?: unknown) => HarnessResponse;
	json: (body: unknown) => HarnessResponse;
};

export function asExpressRequest(req: IncomingMessage): HarnessRequest {
	const request = req as HarnessRequest;
	request.readRawBody = async () => {
		if (request.rawBody) return;
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		request.rawBody = Buffer.concat(chunks);
	};
	const url = new URL(req.url ?? '/', 'http://harness');
	request.query = Object.fromEntries(url.searchParams);
	request.params = {};
	request.body = {};
	request.contentType = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
	request.header = (name: string) => {
		const value = req.headers[name.toLowerCase()];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	return request;
}

export function asExpressResponse(res: ServerResponse): HarnessResponse {
	const response = res as HarnessResponse;
	response.status = (code: number) => {
		res.statusCode = code;
		return response;
	};
	response.send = (body?: unknown) => {
		if (res.writableEnded) return response;
		if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) return response.json(body);
		if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
		res.end(body);
		return response;
	};
	response.json = (body: unknown) => {
		if (res.writableEnded) return response;
		res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(body));
		return response;
	};
	return response;
}
