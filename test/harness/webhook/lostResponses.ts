// Fault injection: an answer lost on the way back. The node ran and n8n saved what it saves, but the
// caller (Extend) sees the connection drop and redelivers.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Holds back a response's end (so its answer can still be lost); release() sends it. */
function holdAnswer(res: ServerResponse): { release: () => void } {
	const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
	let held: unknown[] | undefined;
	(res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
		held = args;
		return res;
	};
	return {
		release: () => {
			(res as unknown as { end: typeof end }).end = end;
			if (held) end(...held);
		},
	};
}

export class LostResponses {
	private pending = 0;

	/** The next `count` requests that start an execution lose their answer. */
	loseNext(count: number): void {
		this.pending = count;
	}

	/** Called when a request arrives; the returned function, once it was handled, drops the
	 * connection when a loss is pending and the request started an execution, else sends the answer. */
	intercept(req: IncomingMessage, res: ServerResponse): (started: boolean) => void {
		const held = this.pending > 0 ? holdAnswer(res) : undefined;
		return (started) => {
			if (held && started) {
				this.pending--;
				req.socket.destroy();
			} else held?.release();
		};
	}
}
