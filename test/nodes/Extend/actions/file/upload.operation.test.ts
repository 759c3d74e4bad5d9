import { startEmulator, type Emulator } from '../../../../emulator';
import { binaryItem, runExtend } from '../../../../support/extendNode';

describe('file upload', () => {
	let emulator: Emulator;
	beforeAll(async () => (emulator = await startEmulator({ maxUploadBytes: 1024 })));
	afterAll(async () => await emulator.stop());

	it('uploads a binary and returns Extend\'s file object', async () => {
		const result = await runExtend(emulator.baseUrl, { resource: 'file', operation: 'upload', binaryPropertyName: 'data', uploadOptions: { fileName: 'note.txt' } }, [
			binaryItem('Meeting notes: nothing to classify here.', 'original.txt', 'text/plain'),
		]);
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ object: 'file', name: 'note.txt', type: 'TXT' });
		expect(String(result.items[0].json.id)).toMatch(/^file_/);
	});

	it('reports a file over the server\'s size limit as that item\'s error', async () => {
		const result = await runExtend(
			emulator.baseUrl,
			{ resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
			[binaryItem(Buffer.alloc(4096, 65), 'big.txt', 'text/plain'), binaryItem('small', 's.txt', 'text/plain')],
			{ continueOnFail: true },
		);
		expect(result.items[0].json).toMatchObject({ httpCode: 413, error: expect.stringMatching(/^Extend POST \/files\/upload failed: .*(exceeds|too large)/i) });
		expect(result.items[1].json).toMatchObject({ object: 'file', name: 's.txt' });
	});
});
