// Why the trigger answers Extend itself (receive.ts): a repro against n8n's own code. n8n's live
// webhook service builds a Workflow over the static data loaded from the database, runs webhook(),
// and saves the static data in the callback that sends the HTTP answer, only when its changed flag
// is set. Newer n8n (2.41.1; not 2.8.4) starts the run first, and WorkflowRunner.run builds a second
// Workflow over the same object (establishContextForPersistence), which clears the flag.
import { Workflow, type IDataObject, type INodeTypes } from 'n8n-workflow';

const nodeTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as unknown as INodeTypes;
const workflowOver = (staticData: IDataObject) =>
	new Workflow({ id: 'wf', nodes: [], connections: {}, active: true, nodeTypes, staticData, settings: {} });

describe("n8n-workflow's static data change flag", () => {
	it('is set when a node changes its static data', () => {
		const fromDatabase: IDataObject = { 'node:Extend Trigger': { signingSecret: 'wss_x' } };
		const workflow = workflowOver(fromDatabase);
		workflow.getStaticData('node', { name: 'Extend Trigger' } as never).seenEvents = [{ id: 'evt_1', at: 1 }];
		expect(workflow.staticData.__dataChanged).toBe(true);
	});

	it('is cleared by a second Workflow over the same object, so n8n would save nothing', () => {
		const fromDatabase: IDataObject = { 'node:Extend Trigger': { signingSecret: 'wss_x' } };
		const webhookWorkflow = workflowOver(fromDatabase);
		webhookWorkflow.getStaticData('node', { name: 'Extend Trigger' } as never).seenEvents = [{ id: 'evt_1', at: 1 }];
		workflowOver(webhookWorkflow.staticData); // what WorkflowRunner.run does before n8n answers
		expect(webhookWorkflow.staticData.__dataChanged).toBe(false);
		expect((webhookWorkflow.staticData['node:Extend Trigger'] as IDataObject).seenEvents).toEqual([{ id: 'evt_1', at: 1 }]);
	});
});
