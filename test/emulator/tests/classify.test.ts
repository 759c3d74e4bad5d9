// The samples classify to the right types (seeded classifier and an inline list), deterministically;
// text extraction from PDFs; the committed sample PDFs are what the generator builds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

import { classify, stem } from '../classify';
import { startEmulator, type Emulator } from '../index';
import { SAMPLE_PDFS, buildPdf } from '../make-sample-pdfs';
import { contentStreamText, extractText } from '../text';
import { INLINE_CONFIG, call } from './helpers';

const SAMPLES = join(__dirname, '..', 'samples');
const EXPECTED: Array<[string, string]> = [
	['invoice.pdf', 'invoice'],
	['contract.pdf', 'contract'],
	['receipt.txt', 'receipt'],
	['resume.txt', 'resume'],
	['recipe.txt', 'other'],
];

let em: Emulator;
beforeAll(async () => {
	em = await startEmulator({ latencyMs: 0, seed: 2 });
});
afterAll(async () => await em.stop());

describe('sample documents', () => {
	const targets: Array<[string, Record<string, unknown>]> = [
		['cl_document_types 1.0', { classifier: { id: 'cl_document_types', version: '1.0' } }],
		['cl_document_types latest (1.1)', { classifier: { id: 'cl_document_types' } }],
		['cl_document_types draft', { classifier: { id: 'cl_document_types', version: 'draft' } }],
		['an inline list', { config: INLINE_CONFIG }],
	];

	it.each(targets)('classify correctly by URL against %s', async (_name, target) => {
		for (const [sample, type] of EXPECTED) {
			const run = (await call(em, 'POST', '/classify', { body: { file: { url: `${em.baseUrl}/__samples/${sample}` }, ...target } })).json;
			expect([sample, run.status, run.output.type]).toEqual([sample, 'PROCESSED', type]);
			expect(run.output.confidence).toBeGreaterThanOrEqual(0);
			expect(run.output.confidence).toBeLessThanOrEqual(1);
		}
	});

	it('give the same output for the same input and config, and explain the match', async () => {
		const body = { file: { text: readFileSync(join(SAMPLES, 'receipt.txt'), 'utf8') }, config: INLINE_CONFIG };
		const first = (await call(em, 'POST', '/classify', { body })).json;
		const second = (await call(em, 'POST', '/classify', { body })).json;
		expect(second.output).toEqual(first.output);
		expect(first.output.insights[0].content).toMatch(/"receipt" \(x\d+\)/);
	});

	it('fall to "other" with a reason when nothing matches', () => {
		const output = classify('zebra quantum saxophone', INLINE_CONFIG.classifications);
		expect(output).toMatchObject({ id: 'other', type: 'other' });
		expect(output.insights[0].content).toContain('None of the words');
	});

	it('reflect the margin in the confidence', () => {
		const clear = classify('invoice invoice amount due bill payment', INLINE_CONFIG.classifications);
		const mixed = classify('invoice receipt paid bill', INLINE_CONFIG.classifications);
		expect(clear.id).toBe('invoice');
		expect(clear.confidence).toBeGreaterThan(mixed.confidence);
	});

	it('match on stems and without accents', () => {
		expect(['invoices', 'invoiced', 'invoice'].map(stem)).toEqual(['invoic', 'invoic', 'invoic']);
		expect(classify('Mon Résumé', INLINE_CONFIG.classifications).id).toBe('resume');
	});
});

describe('PDF text extraction', () => {
	it('reads Tj, TJ (kerning gaps as spaces), quote operators, escapes and hex strings', () => {
		const stream = String.raw`BT /F1 12 Tf 72 700 Td (Hello \(world\)) Tj T* [(In) -20 (voice) -400 (No) 10 (.)] TJ (next line) ' <414243> Tj (\101\102) Tj ET`;
		expect(contentStreamText(stream)).toEqual(['Hello (world)', 'Invoice No.', 'next lineABCAB']);
	});

	it('inflates FlateDecode content streams', () => {
		const content = 'BT (Compressed invoice text) Tj ET';
		const packed = deflateSync(Buffer.from(content)).toString('latin1');
		const pdf = Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Page >>\nendobj\n2 0 obj\n<< /Length ${packed.length} /Filter /FlateDecode >>\nstream\n${packed}\nendstream\nendobj\n%%EOF\n`, 'latin1');
		expect(extractText('PDF', pdf)).toEqual({ text: 'Compressed invoice text', pageCount: 1 });
	});

	it('fails on files that are not PDFs', () => {
		expect(() => extractText('PDF', Buffer.from('hello'))).toThrow('not a valid PDF');
	});

	it('counts pages', () => {
		expect(extractText('PDF', readFileSync(join(SAMPLES, 'contract.pdf'))).pageCount).toBe(2);
	});
});

describe('sample PDFs', () => {
	it.each(Object.entries(SAMPLE_PDFS))('%s is what make-sample-pdfs builds, with a valid xref', (name, { pages, encrypted }) => {
		const committed = readFileSync(join(SAMPLES, name));
		expect(committed.equals(buildPdf(pages, encrypted))).toBe(true);
		const text = committed.toString('latin1');
		const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
		expect(text.slice(startxref, startxref + 4)).toBe('xref');
		const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
		offsets.forEach((offset, i) => expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
		for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
			const start = m.index! + m[0].length;
			expect(text.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream');
		}
		expect(extractText('PDF', committed, 'pw').text.split('\n')).toEqual(pages.flat().map((line) => line.trim()));
	});
});
