// Text extraction for classification: plain text as is, HTML/XML without tags, and the shown
// strings of simple PDFs (the `(..) Tj`, `[..] TJ`, `'` and `"` operators of each content stream,
// FlateDecode streams inflated). No OCR, no fonts with custom encodings: enough for test documents.
import { inflateSync } from 'node:zlib';

import { RunFailure } from './errors';

export interface ExtractedText {
	text: string;
	pageCount: number;
}

export function extractText(type: string | null, data: Buffer, password?: string): ExtractedText {
	if (type === 'PDF') return extractPdf(data, password);
	if (type === 'TXT' || type === 'CSV') return plain(data.toString('utf8').replace(/^\uFEFF/, ''));
	if (type === 'HTML' || type === 'XML') return plain(stripTags(data.toString('utf8')));
	return { text: '', pageCount: 1 }; // images, Office files: nothing the emulator can read
}

const plain = (text: string): ExtractedText => ({ text, pageCount: 1 });

/** Pages of a PDF (its /Type /Page objects); other files count as one page. */
export function countPages(type: string | null, data: Buffer): number {
	if (type !== 'PDF') return 1;
	return Math.max(1, (data.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length);
}

function stripTags(markup: string): string {
	return markup
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>');
}

export const isPdf = (data: Buffer): boolean => data.subarray(0, 1024).includes('%PDF-');

function extractPdf(data: Buffer, password?: string): ExtractedText {
	if (!isPdf(data)) throw new RunFailure('FAILED_TO_PROCESS_FILE', 'The file is not a valid PDF (no %PDF- header).');
	const source = data.toString('latin1');
	// The emulator does not decrypt: an encrypted PDF only needs *a* password to be read in the clear.
	if (/\/Encrypt\b/.test(source) && !password) {
		throw new RunFailure('FAILED_TO_PROCESS_FILE', 'The PDF is password-protected and no password was provided.');
	}
	const lines: string[] = [];
	for (const stream of pdfStreams(source)) lines.push(...contentStreamText(stream));
	return { text: lines.join('\n'), pageCount: countPages('PDF', data) };
}

/** Yields the decoded bytes (as latin1 strings) of every stream object. */
function* pdfStreams(source: string): Generator<string> {
	const keyword = /stream\r?\n/g;
	let match: RegExpExecArray | null;
	while ((match = keyword.exec(source))) {
		if (source.slice(match.index - 3, match.index) === 'end') continue;
		const start = match.index + match[0].length;
		const end = source.indexOf('endstream', start);
		if (end < 0) return;
		const dictionary = source.slice(Math.max(0, source.lastIndexOf('<<', match.index)), match.index);
		const raw = source.slice(start, end).replace(/\r?\n$/, '');
		keyword.lastIndex = end + 'endstream'.length;
		if (!/\/FlateDecode/.test(dictionary)) {
			yield raw;
			continue;
		}
		try {
			yield inflateSync(Buffer.from(raw, 'latin1')).toString('latin1');
		} catch {
			// an unreadable stream (image, font) carries no text
		}
	}
}

type Operand = string | number | Operand[];

/** Interprets a content stream just enough to collect shown text, one entry per text line. */
export function contentStreamText(stream: string): string[] {
	const lines: string[] = [];
	let line = '';
	const newline = (): void => {
		if (line.trim()) lines.push(line.trim());
		line = '';
	};
	const stack: Operand[][] = [[]];
	const operands = (): Operand[] => stack[stack.length - 1];
	let i = 0;
	while (i < stream.length) {
		const c = stream[i];
		if (c === '(') {
			const [text, next] = literalString(stream, i);
			operands().push(text);
			i = next;
		} else if (c === '<' && stream[i + 1] !== '<') {
			const end = stream.indexOf('>', i);
			operands().push(hexString(stream.slice(i + 1, end < 0 ? stream.length : end)));
			i = end < 0 ? stream.length : end + 1;
		} else if (c === '[') {
			stack.push([]);
			i++;
		} else if (c === ']') {
			const array = stack.length > 1 ? (stack.pop() as Operand[]) : [];
			operands().push(array);
			i++;
		} else if (c === '%') {
			while (i < stream.length && stream[i] !== '\n' && stream[i] !== '\r') i++;
		} else if (/\s/.test(c) || c === '<' || c === '>' || c === '{' || c === '}') {
			i++;
		} else {
			let j = i;
			while (j < stream.length && !/[\s()<>[\]{}/%]/.test(stream[j])) j++;
			if (j === i) j++; // a lone '/' starts a name
			const token = stream.slice(i, j);
			i = j;
			if (token === '/') {
				while (i < stream.length && !/[\s()<>[\]{}/%]/.test(stream[i])) i++;
				continue; // names are never text
			}
			const number = Number(token);
			if (!Number.isNaN(number)) {
				operands().push(number);
				continue;
			}
			const args = operands();
			const last = args[args.length - 1];
			if (token === 'Tj' && typeof last === 'string') line += last;
			else if ((token === "'" || token === '"') && typeof last === 'string') {
				newline();
				line += last;
			} else if (token === 'TJ' && Array.isArray(last)) line += showArray(last);
			else if (token === 'Td' || token === 'TD' || token === 'T*' || token === 'Tm' || token === 'ET') newline();
			stack.length = 1;
			stack[0] = [];
		}
	}
	newline();
	return lines;
}

/** A TJ array: strings joined, a large negative kerning read as a word gap. */
function showArray(items: Operand[]): string {
	return items.map((item) => (typeof item === 'string' ? item : typeof item === 'number' && item < -200 ? ' ' : '')).join('');
}

function literalString(s: string, open: number): [string, number] {
	let depth = 1;
	let out = '';
	let i = open + 1;
	const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
	while (i < s.length && depth > 0) {
		const c = s[i];
		if (c === '\\') {
			const n = s[i + 1];
			if (n in escapes) {
				out += escapes[n];
				i += 2;
			} else if (/[0-7]/.test(n)) {
				const octal = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4))![0];
				out += String.fromCharCode(parseInt(octal, 8));
				i += 1 + octal.length;
			} else if (n === '\r' || n === '\n') {
				i += n === '\r' && s[i + 2] === '\n' ? 3 : 2; // line continuation
			} else {
				out += n ?? '';
				i += 2;
			}
			continue;
		}
		if (c === '(') depth++;
		if (c === ')' && --depth === 0) break;
		out += c;
		i++;
	}
	return [out, i + 1];
}

function hexString(hex: string): string {
	const digits = hex.replace(/[^0-9a-fA-F]/g, '');
	const even = digits.length % 2 ? `${digits}0` : digits;
	return Buffer.from(even, 'hex').toString('latin1');
}
