import { ExtendTrigger } from '../../../nodes/ExtendTrigger/ExtendTrigger.node';
import { searchClassifiers } from '../../../nodes/Extend/methods/listSearch';

describe('Extend Trigger description', () => {
	const node = new ExtendTrigger();
	const { description } = node;
	const property = (name: string) => description.properties.find((p) => p.name === name);

	it('is a webhook trigger that answers on receipt', () => {
		expect(description).toMatchObject({ name: 'extendTrigger', displayName: 'Extend Trigger', group: ['trigger'], inputs: [], outputs: ['main'] });
		expect(description.usableAsTool).toBeUndefined();
		expect(description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }]);
		expect(Object.keys(node.webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
	});

	it('needs the credential only for automatic registration', () => {
		expect(description.credentials).toEqual([{ name: 'extendApi', required: true, displayOptions: { show: { registration: ['automatic'] } } }]);
		expect(property('signingSecret')).toMatchObject({ typeOptions: { password: true }, displayOptions: { show: { registration: ['manual'] } } });
	});

	it('offers both classify events (and, registered automatically, the batch events) and the saved-classifier locator of the Extend node', () => {
		const events = (registration: string) => description.properties.find((p) => p.name === 'events' && p.displayOptions?.show?.registration?.[0] === registration);
		expect((events('manual')?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(['classify_run.failed', 'classify_run.processed']);
		expect((events('automatic')?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(['batch_processor_run.failed', 'batch_processor_run.processed', 'classify_run.failed', 'classify_run.processed']);
		expect(property('onlyClassifier')).toMatchObject({ type: 'resourceLocator', required: false, displayOptions: { show: { registration: ['automatic'] } } });
		expect(node.methods.listSearch.searchClassifiers).toBe(searchClassifiers);
	});

	it('shows one short notice per Registration mode, quoting no button label', () => {
		expect(property('automaticNotice')).toMatchObject({ type: 'notice', displayOptions: { show: { registration: ['automatic'] } } });
		expect(property('manualNotice')).toMatchObject({ type: 'notice', displayOptions: { show: { registration: ['manual'] } } });
		expect(property('manualNotice')?.displayName).toMatch(/Production URL/);
		for (const name of ['automaticNotice', 'manualNotice']) {
			expect(property(name)?.displayName).not.toMatch(/Listen for test event|button/i);
			expect(property(name)?.displayName.length).toBeLessThan(200);
		}
		expect(description.eventTriggerDescription).toBe('Waiting for Extend to finish a classify run or batch');
	});

	it('is version 1.1 by default, where "Only Runs Submitted Here" is on', () => {
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
		expect(property('onlySubmitOnly')).toMatchObject({ type: 'boolean', default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } });
	});
});
