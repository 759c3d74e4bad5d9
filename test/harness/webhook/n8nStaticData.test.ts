// The harness's copy of n8n's static-data handling, checked against n8n-workflow's own Workflow:
// what it saves, and that its stand-in for WorkflowRunner.run clears the changed flag as n8n 2.41 does
// (test/nodes/ExtendTrigger/n8nStaticData.test.ts shows n8n doing it).
import { Workflow, type IDataObject, type INodeTypes } from 'n8n-workflow';

import { changedStaticData, clone, startRunLikeN8n } from './n8nStaticData';

const nodeTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as unknown as INodeTypes;
const fromDatabase = (): IDataObject => ({ 'node:Extend Trigger': { signingSecret: 'wss_x' } });
const workflowOver = (staticData: IDataObject) => new Workflow({ id: 'wf', nodes: [], connections: {}, active: true, nodeTypes, staticData, settings: {} });
const remember = (workflow: Workflow) => (workflow.getStaticData('node', { name: 'Extend Trigger' } as never).seenEvents = [{ id: 'evt_1', at: 1 }]);

describe("the harness's n8n static data", () => {
	it('saves nothing when the node changed nothing', () => {
		expect(changedStaticData(workflowOver(fromDatabase()))).toBeUndefined();
	});

	it('saves a copy of what the node changed', () => {
		const workflow = workflowOver(fromDatabase());
		remember(workflow);
		const saved = changedStaticData(workflow);
		expect((saved?.['node:Extend Trigger'] as IDataObject).seenEvents).toEqual([{ id: 'evt_1', at: 1 }]);
		expect(saved).not.toBe(workflow.staticData);
	});

	it('saves nothing after a run started, like n8n 2.41, though the change is still in memory', () => {
		const workflow = workflowOver(fromDatabase());
		remember(workflow);
		startRunLikeN8n(workflow, nodeTypes);
		expect(changedStaticData(workflow)).toBeUndefined();
		expect((workflow.staticData['node:Extend Trigger'] as IDataObject).seenEvents).toEqual([{ id: 'evt_1', at: 1 }]);
	});

	it('copies data apart, as the database round trip does', () => {
		const stored = fromDatabase();
		const copy = clone(stored);
		(copy['node:Extend Trigger'] as IDataObject).signingSecret = 'changed';
		expect(stored).toEqual(fromDatabase());
		expect(clone(undefined)).toEqual({});
	});
});
