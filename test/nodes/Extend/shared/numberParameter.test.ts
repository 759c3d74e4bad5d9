import type { INode } from 'n8n-workflow';

import { toNumberParameter } from '../../../../nodes/Extend/shared/numberParameter';

const node = { name: 'Extend' } as INode;
const rule = { label: 'Max Wait (Seconds)', min: 1, fallback: 600 };

describe('toNumberParameter', () => {
	it.each([
		[5, 5],
		['12', 12],
		[' 7.5 ', 7.5],
		[undefined, 600],
	])('reads %j as %j', (value, expected) => expect(toNumberParameter(node, value, rule, 0)).toBe(expected));

	it.each([
		['soon', '"soon"'],
		['', '""'],
		[null, 'null'],
		[Number.NaN, 'null'],
		[0, '0'],
		[-3, '-3'],
		[true, 'true'],
		[{ seconds: 5 }, '{"seconds":5}'],
		['Infinity', '"Infinity"'],
	])('refuses %j, naming the parameter and the value', (value, shown) => {
		let error: Error & { description?: string; context?: { itemIndex?: number } } = new Error('none');
		try {
			toNumberParameter(node, value, rule, 3);
		} catch (caught) {
			error = caught as typeof error;
		}
		expect(error.message).toBe(`"Max Wait (Seconds)" must be a number of at least 1, but it is ${shown}`);
		expect(error.description).toMatch(/Set "Max Wait \(Seconds\)" to a number of at least 1/);
		expect(error.context?.itemIndex).toBe(3);
	});

	it('refuses fractions where a whole number is needed, and values out of range', () => {
		const concurrency = { label: 'Concurrency', min: 1, max: 100, integer: true, fallback: 10 };
		expect(() => toNumberParameter(node, 2.5, concurrency)).toThrow('"Concurrency" must be a whole number from 1 to 100, but it is 2.5');
		expect(() => toNumberParameter(node, 101, concurrency)).toThrow(/but it is 101/);
		expect(() => toNumberParameter(node, 'ten', concurrency)).toThrow(/but it is "ten"/);
	});

	it('says the range as the rule has it: at most, or any number', () => {
		expect(() => toNumberParameter(node, 11, { label: 'Limit', max: 10, fallback: 1 })).toThrow('"Limit" must be a number of at most 10, but it is 11');
		expect(toNumberParameter(node, -1e9, { label: 'Offset', fallback: 0 })).toBe(-1e9);
		expect(() => toNumberParameter(node, 'x', { label: 'Offset', fallback: 0 })).toThrow('"Offset" must be a number, but it is "x"');
	});

	it('shows a long value cut at 40 characters, and one JSON cannot write as text', () => {
		const long = `${'9'.repeat(40)} seconds`;
		expect(() => toNumberParameter(node, long, rule)).toThrow(`but it is "${'9'.repeat(40)}…"`);
		const circular: Record<string, unknown> = {};
		circular.self = circular;
		expect(() => toNumberParameter(node, circular, rule)).toThrow(/but it is \[object Object\]$/);
	});
});
