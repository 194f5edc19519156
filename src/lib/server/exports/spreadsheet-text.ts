/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell whose text starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return may be run as a formula by Excel or LibreOffice when the
 * principal opens an export. Every text cell of every export (the audit CSV, the class summary
 * .xlsx) goes through `neutraliseText`, which prefixes such text with a single quote so it stays
 * text. Numbers are never touched: an .xlsx number cell is not a formula, and marks are never
 * negative, so the CSV never needs a real negative number either (projections SPEC P7).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseText(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell value as an export writes it: text neutralised, anything else (numbers, null) as is. */
export function neutraliseCell<T>(value: T): T | string {
	return typeof value === 'string' ? neutraliseText(value) : value;
}
