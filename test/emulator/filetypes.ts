// Extend's FileType from a file name, then its content type, then its first bytes.
import { isPdf } from './text';

const BY_EXTENSION: Record<string, string> = {
	pdf: 'PDF', txt: 'TXT', md: 'TXT', rtf: 'TXT', lis: 'TXT', csv: 'CSV', xml: 'XML', html: 'HTML', htm: 'HTML',
	png: 'IMG', jpg: 'IMG', jpeg: 'IMG', tif: 'IMG', tiff: 'IMG', gif: 'IMG', bmp: 'IMG', webp: 'IMG', heic: 'IMG', heif: 'IMG', svg: 'IMG', psd: 'IMG',
	docx: 'DOCX', doc: 'DOCX', odt: 'DOCX', wpd: 'DOCX', dotx: 'DOCX',
	xlsx: 'EXCEL', xls: 'EXCEL', ods: 'EXCEL', xltm: 'EXCEL', xltx: 'EXCEL',
};

const MIME_BY_TYPE: Record<string, string> = {
	PDF: 'application/pdf', TXT: 'text/plain; charset=utf-8', CSV: 'text/csv', XML: 'application/xml', HTML: 'text/html; charset=utf-8',
	IMG: 'application/octet-stream', DOCX: 'application/octet-stream', EXCEL: 'application/octet-stream',
};

const extensionOf = (name: string): string => (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? '').toLowerCase();

export function fileTypeOf(name: string, contentType: string | undefined, data: Buffer): string | null {
	const byName = BY_EXTENSION[extensionOf(name)];
	if (byName) return byName;
	const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (mime === 'application/pdf') return 'PDF';
	if (mime.startsWith('image/')) return 'IMG';
	if (mime === 'text/html') return 'HTML';
	if (mime === 'text/csv') return 'CSV';
	if (mime.endsWith('/xml')) return 'XML';
	if (mime.startsWith('text/')) return 'TXT';
	if (isPdf(data)) return 'PDF';
	// Valid UTF-8 without control bytes reads as text.
	const text = data.toString('utf8');
	return !text.includes('\uFFFD') && !/[\x00-\x08\x0e-\x1f]/.test(text) ? 'TXT' : null;
}

export function mimeTypeOf(name: string): string {
	return MIME_BY_TYPE[BY_EXTENSION[extensionOf(name)] ?? ''] ?? 'application/octet-stream';
}

/** Types Extend converts to PDF when ?convertToPdf=true. */
export const CONVERTIBLE_TO_PDF = new Set(['IMG', 'DOCX', 'EXCEL', 'HTML']);
