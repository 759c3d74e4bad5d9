// The trigger's answers to Extend. It always answers itself and tells n8n so (`noWebhookResponse`):
// receive.ts says why.
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

export function reply(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).send({ message });
	return { noWebhookResponse: true };
}

/** Answers 200 without starting the workflow. */
export function acknowledge(ctx: IWebhookFunctions, message: string): IWebhookResponseData {
	return reply(ctx, 200, message);
}
