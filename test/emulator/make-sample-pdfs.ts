// Writes the sample PDFs in samples/: tiny, valid PDF 1.4 files with one uncompressed content
// stream per page that shows each line with `(text) Tj`. Run after `npm run build:tools`:
//   node build/tools/test/emulator/make-sample-pdfs.js
// The files are committed; a test checks they still equal what this script builds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { findSamplesDir } from './samples';

const INVOICE = [
	[
		'INVOICE',
		'Northwind Office Supplies Ltd.',
		'Invoice number: INV-2026-0142',
		'Invoice date: 2026-01-12    Due date: 2026-02-11',
		'Bill to: Contoso Analytics, 18 Harbour Street, Leeds',
		'Line items:',
		'  40 x Printer paper A4 ream         EUR 180.00',
		'  6 x Toner cartridge black           EUR 354.00',
		'  1 x Desk lamp                        EUR 42.50',
		'Subtotal EUR 576.50   VAT 20% EUR 115.30',
		'Amount due: EUR 691.80',
		'Please pay this invoice by bank transfer before the due date.',
		'IBAN GB29 NWBK 6016 1331 9268 19, reference INV-2026-0142.',
	],
];

const CONTRACT = [
	[
		'SERVICES CONTRACT',
		'This contract is a legal agreement made on 3 March 2026 between',
		'Contoso Analytics Ltd. ("Client") and Fabrikam Consulting LLP ("Provider"), together the parties.',
		'1. Term. The agreement takes effect on the effective date of 1 April 2026 and',
		'   remains in force for twelve months unless terminated under clause 6.',
		'2. Obligations. The Provider shall deliver the services in Schedule A;',
		'   the Client shall provide access and information in good time.',
		'3. Confidentiality. Each party shall keep the other party\'s information confidential.',
	],
	[
		'4. Liability. Neither party is liable for indirect loss.',
		'5. Governing law. This contract is governed by the laws of England and Wales.',
		'6. Termination. Either party may terminate with 60 days written notice.',
		'Signatures:',
		'Signed for the Client: ____________________  Date: __________',
		'Signed for the Provider: __________________  Date: __________',
	],
];

/** Name → pages (lines) and whether the trailer marks the file as encrypted. */
export const SAMPLE_PDFS: Record<string, { pages: string[][]; encrypted?: boolean }> = {
	'invoice.pdf': { pages: INVOICE },
	'contract.pdf': { pages: CONTRACT },
	'invoice-encrypted.pdf': { pages: INVOICE, encrypted: true },
};

const escapePdf = (text: string): string => text.replace(/[\\()]/g, (c) => `\\${c}`);

export function buildPdf(pages: string[][], encrypted = false): Buffer {
	const objects: string[] = [];
	const pageIds = pages.map((_, i) => 3 + i * 2);
	const fontId = 3 + pages.length * 2;
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
	pages.forEach((lines, i) => {
		const content = ['BT', '/F1 11 Tf', '14 TL', '72 740 Td', ...lines.map((line) => `(${escapePdf(line)}) Tj T*`), 'ET'].join('\n');
		objects[pageIds[i]] =
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`;
		objects[pageIds[i] + 1] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
	});
	objects[fontId] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
	const encryptId = fontId + 1;
	if (encrypted) objects[encryptId] = `<< /Filter /Standard /V 1 /R 2 /O <${'28bf4e5e'.repeat(8)}> /U <${'4e5e28bf'.repeat(8)}> /P -44 >>`;

	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	for (let id = 1; id < objects.length; id++) {
		offsets[id] = out.length;
		out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
	}
	const xrefAt = out.length;
	out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
	for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
	const encrypt = encrypted ? ` /Encrypt ${encryptId} 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]` : '';
	out += `trailer\n<< /Size ${objects.length} /Root 1 0 R${encrypt} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

if (require.main === module) {
	const dir = findSamplesDir();
	for (const [name, { pages, encrypted }] of Object.entries(SAMPLE_PDFS)) {
		writeFileSync(join(dir, name), buildPdf(pages, encrypted));
		console.log(`wrote ${join(dir, name)}`);
	}
}
