/**
 * CSV for Excel set to Vietnamese, the principal's usual setup. Excel splits a double-clicked
 * .csv on the Windows "list separator", which is ';' whenever the decimal separator is ',' (as
 * in vi-VN), so a comma-separated file lands in one column there; ';' also never collides with
 * the decimal comma of a mark. A `sep=;` first line would force it on any locale, but Excel then
 * ignores the BOM and garbles the diacritics, so the file starts with the UTF-8 BOM instead.
 * Fields are quoted per RFC 4180 (with ';' as the delimiter); every field is text and passes
 * through the formula neutralisation first (projections SPEC P7).
 */
import { neutraliseText } from './spreadsheet-text';

export const CSV_SEPARATOR = ';';

function field(value: string): string {
	const text = neutraliseText(value);
	return /[";,\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, header and rows, CRLF line ends. */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
	const lines = [header, ...rows].map((row) => row.map(field).join(CSV_SEPARATOR));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
