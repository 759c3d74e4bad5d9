// One request through the node's webhook(), as n8n's WebhookService.runWebhook and
// handleImmediateWebhookResponse handle it for responseMode "onReceived". n8n saves the static data
// in its response callback: at once when the node answered itself (`noWebhookResponse`), else after
// the run started, which (newer n8n) has reset the changed flag by then. A started execution is
// recorded with the items the trigger produced (not run further).
import type { INodeExecutionData, IWebhookResponseData, Workflow } from 'n8n-workflow';

import type { HarnessRequest, HarnessResponse } from './expressLike';
import { startRunLikeN8n } from './n8nStaticData';
import type { TriggerContexts } from './triggerContexts';

export interface StartedExecution {
	mode: 'webhook' | 'manual';
	items: INodeExecutionData[];
}

/** Whether the request started an execution. `save` is where n8n saves the static data. */
export async function runWebhookLikeN8n(
	contexts: TriggerContexts,
	workflow: Workflow,
	test: boolean,
	http: { req: HarnessRequest; res: HarnessResponse },
	n8n: { save: () => void; start: (execution: StartedExecution) => void },
): Promise<boolean> {
	const { res } = http;
	const context = contexts.webhookContext(workflow, test, http.req, res);
	const result: IWebhookResponseData = await contexts.nodeType.webhook!.call(context);
	const answered = result.noWebhookResponse === true;
	if (answered) n8n.save(); // n8n's response callback saves the static data

	if (result.workflowData === undefined) {
		if (!answered) {
			res.status(200).send(result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Webhook call received' });
			n8n.save();
		}
		return false;
	}
	n8n.start({ mode: test ? 'manual' : 'webhook', items: result.workflowData[0] ?? [] });
	startRunLikeN8n(workflow, contexts.nodeTypes);
	if (!answered) {
		res.status(200).send({ message: 'Workflow was started' });
		n8n.save();
	}
	return true;
}
