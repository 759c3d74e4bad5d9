// 3. Memory: a 100 MB binary through the upload path (n8n's default in-memory binary mode),
// peak RSS growth of this process divided by the file size. The emulator runs in a child process
// and reports the length and SHA-256 of what it received, compared with the file sent.
import { createHash } from 'node:crypto';

import { classifyParams, runExtend } from '../test/support/extendNode';
import { startEmulatorProcess } from './emulatorProcess';
import type { Figure } from './report';

export const FILE_BYTES = 100 * 1024 * 1024;

export async function benchMemory(): Promise<Figure[]> {
	const emulator = await startEmulatorProcess(['--latency-ms', '200', '--max-upload-bytes', String(FILE_BYTES * 2)]);
	try {
		// A text file so the emulator classifies it; the input item holds it as n8n does in memory mode (base64).
		const line = Buffer.from('INVOICE line item: paper, total amount due 45.00 EUR\n');
		const file = Buffer.alloc(FILE_BYTES);
		for (let at = 0; at < FILE_BYTES; at += line.length) line.copy(file, at);
		const input = [{ json: {}, binary: { data: { data: file.toString('base64'), mimeType: 'text/plain', fileName: 'big.txt' } } }];
		global.gc?.();
		const baseline = process.memoryUsage().rss;
		let peak = baseline;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
		const started = Date.now();
		const result = await runExtend(emulator.baseUrl, classifyParams({ documentSource: 'binary', simplify: true }), input);
		const ms = Date.now() - started;
		clearInterval(sampler);
		if (result.status !== 'success') throw new Error(`memory run failed: ${result.error?.message}`);
		const growth = peak - baseline;
		const fileId = String(result.items[0].json.fileId);
		const upload = (await (await fetch(`${emulator.baseUrl}/__emulator/uploads/${fileId}`)).json()) as { bytes: number; sha256: string };
		const sha256Match = upload.bytes === FILE_BYTES && upload.sha256 === createHash('sha256').update(file).digest('hex');
		return [
			{ name: 'fileBytes', value: FILE_BYTES, unit: 'B' },
			{ name: 'peakRssGrowthBytes', value: growth, unit: 'B' },
			{ name: 'growthPerFileByte', value: growth / FILE_BYTES, goal: '≤ 1.2', met: growth / FILE_BYTES <= 1.2 },
			{ name: 'uploadAndClassifyMs', value: ms, unit: 'ms' },
			{ name: 'classifiedAs', value: String(result.items[0].json.classificationType) },
			{ name: 'receivedBytes', value: upload.bytes, unit: 'B' },
			{ name: 'sha256Match', value: String(sha256Match), goal: 'true', met: sha256Match },
		];
	} finally {
		await emulator.stop();
	}
}
