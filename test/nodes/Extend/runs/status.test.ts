import { isTerminal } from '../../../../nodes/Extend/runs/status';

describe('isTerminal', () => {
	it('knows which statuses are still running', () => {
		for (const s of ['PENDING', 'PROCESSING', 'CANCELLING']) expect(isTerminal(s)).toBe(false);
		for (const s of ['PROCESSED', 'FAILED', 'CANCELLED', 'SOME_NEW_STATUS']) expect(isTerminal(s)).toBe(true);
	});
});
