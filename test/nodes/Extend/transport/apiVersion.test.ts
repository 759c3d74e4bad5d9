import { apiVersionOf, EXTEND_API_VERSION } from '../../../../nodes/Extend/transport/apiVersion';

describe('apiVersionOf', () => {
	it("is the credential's API Version, trimmed", () => {
		expect(apiVersionOf({ apiVersion: ' 2025-04-21\n' })).toBe('2025-04-21');
	});

	it('is the built-in version when the credential has none or an empty one', () => {
		expect(apiVersionOf({})).toBe(EXTEND_API_VERSION);
		expect(apiVersionOf({ apiVersion: '' })).toBe(EXTEND_API_VERSION);
		expect(EXTEND_API_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
});
