import { extendPaths } from '../../../../nodes/Extend/transport/paths';

describe('extendPaths', () => {
	it('puts ids into their paths', () => {
		expect(extendPaths.classifyRun('clr_1')).toBe('/classify_runs/clr_1');
		expect(extendPaths.cancelClassifyRun('clr_1')).toBe('/classify_runs/clr_1/cancel');
		expect(extendPaths.classifierVersion('cl_1', '1.0')).toBe('/classifiers/cl_1/versions/1.0');
		expect(extendPaths.webhookEndpoint('ep_1')).toBe('/webhook_endpoints/ep_1');
	});

	it('encodes an id, so one from an expression cannot reach another path or add a query', () => {
		expect(extendPaths.classifyRun('../classifiers')).toBe('/classify_runs/..%2Fclassifiers');
		expect(extendPaths.cancelClassifyRun('clr_1?x=1#y')).toBe('/classify_runs/clr_1%3Fx%3D1%23y/cancel');
		expect(extendPaths.classifierVersion('cl 1', 'a/b')).toBe('/classifiers/cl%201/versions/a%2Fb');
		expect(extendPaths.webhookEndpoint('ep/1')).toBe('/webhook_endpoints/ep%2F1');
	});
});
