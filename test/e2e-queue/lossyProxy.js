// The "load balancer" in front of the webhook processor (WEBHOOK_URL points here). It forwards every
// request, but for the first delivery of each Extend event it drops n8n's answer and tells the sender
// 502, as a timed-out proxy would. Extend (the emulator) then redelivers the same eventId, which
// must reach the workflow only once: the trigger's seen-event memory must hold across requests.
'use strict';
const http = require('node:http');
const { request } = require('undici');

/**
 * Resolves { url, forwarded: [{ eventId, attempt, status, body }], stop() }.
 * @param {{ port: number, target: string }} options
 * @returns {Promise<import('./types').LossyProxy>}
 */
async function startLossyProxy({ port, target }) {
	/** @type {import('./types').Forwarded[]} */
	const forwarded = [];
	const seen = new Set();
	const server = http.createServer(async (req, res) => {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const body = Buffer.concat(chunks);
		/** @type {string | undefined} */
		let eventId;
		try {
			eventId = JSON.parse(body.toString('utf8')).eventId;
		} catch {
			// not JSON: forwarded as it is, no event id
		}
		const headers = { ...req.headers };
		delete headers.host;
		delete headers['content-length'];
		try {
			const answer = await request(`${target}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
			const text = await answer.body.text();
			const first = eventId !== undefined && !seen.has(eventId);
			if (eventId !== undefined) seen.add(eventId);
			forwarded.push({ eventId, attempt: forwarded.filter((f) => f.eventId === eventId).length + 1, status: answer.statusCode, body: text });
			if (first) {
				res.writeHead(502, { 'content-type': 'text/plain' }).end('answer lost on the way back');
				return;
			}
			res.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] || 'text/plain' }).end(text);
		} catch (error) {
			res.writeHead(504, { 'content-type': 'text/plain' }).end(error.message);
		}
	});
	/** @type {Promise<void>} */
	const listening = new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
	await listening;
	return {
		url: `http://127.0.0.1:${port}`,
		forwarded,
		stop: () => new Promise((/** @type {() => void} */ resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
	};
}

module.exports = { startLossyProxy };
