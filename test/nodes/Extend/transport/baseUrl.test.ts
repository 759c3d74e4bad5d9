import { extendBaseUrl } from '../../../../nodes/Extend/transport/baseUrl';

describe('extendBaseUrl', () => {
	it("is the region's URL, or the custom Base URL when the region is custom", () => {
		expect(extendBaseUrl({ region: 'https://api.eu1.extend.ai', baseUrl: 'http://ignored.example' })).toBe('https://api.eu1.extend.ai');
		expect(extendBaseUrl({ region: 'custom', baseUrl: 'http://127.0.0.1:4010' })).toBe('http://127.0.0.1:4010');
	});

	it('is the US region for a credential saved without one', () => {
		expect(extendBaseUrl({})).toBe('https://api.extend.ai');
	});

	it('drops surrounding blanks and trailing slashes, so paths join with one slash', () => {
		expect(extendBaseUrl({ region: 'custom', baseUrl: ' http://127.0.0.1:4010/// ' })).toBe('http://127.0.0.1:4010');
		expect(extendBaseUrl({ region: 'custom', baseUrl: 'https://proxy.example/extend/' })).toBe('https://proxy.example/extend');
	});

	it('is empty for a custom region without a Base URL (the transport then refuses it)', () => {
		expect(extendBaseUrl({ region: 'custom' })).toBe('');
	});
});
