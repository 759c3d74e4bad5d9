// What n8n does with a workflow's static data around a webhook:
// - it loads the data from the database for every request, so each Workflow gets its own copy;
// - it saves the data only when n8n-workflow's ObservableObject flagged a change (`__dataChanged`);
// - starting a run, newer n8n (2.41.1, not 2.8.4) WorkflowRunner.run builds a second Workflow over the
//   same object (establishContextForPersistence), and that resets the flag: a change the node made is
//   then saved only when it was saved before the run started (test/nodes/ExtendTrigger/n8nStaticData.test.ts
//   shows this against n8n's own code).
import { Workflow, type IDataObject, type INodeTypes } from 'n8n-workflow';

/** A copy, as the data goes to and comes from the database. */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? {})) as T;

/** The static data n8n would write back for this workflow, or undefined when it saves nothing. */
export function changedStaticData(workflow: Workflow): IDataObject | undefined {
	const staticData = workflow.staticData as IDataObject;
	return staticData.__dataChanged === true ? clone(staticData) : undefined;
}

/** What WorkflowRunner.run does to the static data (2.41.1, not 2.8.4): a Workflow over the same object. */
export function startRunLikeN8n(workflow: Workflow, nodeTypes: INodeTypes): void {
	new Workflow({
		id: workflow.id,
		name: workflow.name,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		active: true,
		nodeTypes,
		staticData: workflow.staticData,
		settings: workflow.settings,
	});
}
