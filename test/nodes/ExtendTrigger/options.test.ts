import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { readTriggerOptions, replayWindowSeconds } from '../../../nodes/ExtendTrigger/options';

const node: INode = { id: 't', name: 'Extend Trigger', type: 'n8n-nodes-extend.extendTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

function message(options: IDataObject): string {
	try {
		readTriggerOptions(node, options);
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return (error as Error).message;
	}
	throw new Error('expected an error');
}

describe('readTriggerOptions', () => {
	it('gives the defaults when no option is added', () => {
		expect(readTriggerOptions(node, {})).toEqual({
			maxAgeSeconds: 300,
			followSignedUrls: true,
			filters: { classifications: [], minConfidence: 0 },
		});
	});

	it('takes numbers from expressions as strings', () => {
		const options = readTriggerOptions(node, { maxAgeSeconds: ' 30 ', minConfidence: '0.75', classifications: 'a, b', followSignedUrls: false });
		expect(options).toEqual({ maxAgeSeconds: 30, followSignedUrls: false, filters: { classifications: ['a', 'b'], minConfidence: 0.75 } });
		expect(replayWindowSeconds(options)).toBe(90);
	});

	it.each([
		[{ maxAgeSeconds: 'soon' }, '"Max Age (Seconds)" must be a number of at least 1, but it is "soon"'],
		[{ maxAgeSeconds: 0 }, '"Max Age (Seconds)" must be a number of at least 1, but it is 0'],
		[{ maxAgeSeconds: '' }, '"Max Age (Seconds)" must be a number of at least 1, but it is ""'],
		[{ maxAgeSeconds: null }, '"Max Age (Seconds)" must be a number of at least 1, but it is null'],
		[{ minConfidence: 7 }, '"Minimum Confidence" must be a number from 0 to 1, but it is 7'],
		[{ minConfidence: -0.1 }, '"Minimum Confidence" must be a number from 0 to 1, but it is -0.1'],
		[{ minConfidence: 'high' }, '"Minimum Confidence" must be a number from 0 to 1, but it is "high"'],
	] as Array<[IDataObject, string]>)('refuses %j, naming the option and the value', (options, expected) => {
		expect(message(options)).toBe(expected);
	});
});
