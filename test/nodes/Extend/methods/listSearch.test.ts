import { startEmulator, type Emulator } from '../../../emulator';
import { Extend } from '../../../../nodes/Extend/Extend.node';
import { searchClassifiers } from '../../../../nodes/Extend/methods/listSearch';
import { loadOptionsContext } from '../../../harness/runNode';
import { credentialsFor } from '../../../support/extendNode';

describe('saved classifier search', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator()));
	afterAll(async () => await emulator.stop());

	const context = () =>
		loadOptionsContext({ node: new Extend(), parameters: { resource: 'document', operation: 'classify' }, credentials: credentialsFor(emulator.baseUrl) });

	it('lists the saved classifiers by name with their ids', async () => {
		const { results } = await searchClassifiers.call(context());
		expect(results).toEqual(expect.arrayContaining([{ name: 'Document Types', value: 'cl_document_types' }]));
	});

	it('filters by name or id, case-insensitively', async () => {
		const { results } = await searchClassifiers.call(context(), 'DOCUMENT');
		expect(results.map((r) => r.value)).toEqual(['cl_document_types']);
		expect((await searchClassifiers.call(context(), 'no such thing')).results).toEqual([]);
	});
});
