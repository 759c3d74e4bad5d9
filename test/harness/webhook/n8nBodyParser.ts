// n8n's body parser in front of a webhook: it reads the raw body and parses JSON and plain text;
// JSON that does not parse is refused with 422 before the node runs.
import type { HarnessRequest, HarnessResponse } from './expressLike';

/** Whether the request goes on to the node (false: it was answered with 422). */
export async function parseBodyLikeN8n(req: HarnessRequest, res: HarnessResponse): Promise<boolean> {
	await req.readRawBody();
	if (!req.rawBody?.length) return true;
	try {
		if (req.contentType === 'application/json') req.body = JSON.parse(req.rawBody.toString('utf8'));
		else if (req.contentType === 'text/plain') req.body = req.rawBody.toString('utf8');
	} catch {
		res.status(422).json({ code: 422, message: 'Failed to parse request body' });
		return false;
	}
	return true;
}
