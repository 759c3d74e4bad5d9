// The router: every operation the node's Operation parameters offer has a run, and nothing else does.
import type { INodePropertyOptions } from 'n8n-workflow';

import { Extend } from '../../../../nodes/Extend/Extend.node';
import { resources, router } from '../../../../nodes/Extend/actions/router';
import { stubContext } from '../../../support/stubContext';

const description = new Extend().description;

function offered(): string[] {
	const resource = description.properties.find((p) => p.name === 'resource');
	return ((resource?.options ?? []) as INodePropertyOptions[]).flatMap((r) =>
		description.properties
			.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value))
			.flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => `${String(r.value)}.${String(o.value)}`)),
	);
}

describe('router', () => {
	it('has exactly one run for each resource and operation the editor offers', () => {
		const routed = Object.entries(resources).flatMap(([resource, r]) => Object.keys(r.operations).map((op) => `${resource}.${op}`));
		expect(routed.sort()).toEqual(offered().sort());
		expect(routed).toHaveLength(6);
	});

	it.each([
		['document', 'translate'],
		['invoice', 'classify'],
		['document', 'constructor'],
		['__proto__', 'classify'],
	])('refuses resource %s with operation %s, naming both, before any request', async (resource, operation) => {
		const stub = stubContext(() => ({ statusCode: 500 }), { parameters: { resource, operation } });
		await expect(router.call(stub.ctx)).rejects.toThrow(`The operation "${operation}" of "${resource}" is not supported`);
		expect(stub.calls).toHaveLength(0);
	});
});
