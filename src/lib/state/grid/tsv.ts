/**
 * Tab-separated text as Excel and Google Sheets put it on the clipboard: rows end with CRLF or LF,
 * the last row usually too; a cell holding a tab, a line break or a quote is wrapped in quotes,
 * with inner quotes doubled.
 */

export function parseTsv(text: string): string[][] {
	const source = text.replace(/^\uFEFF/, '');
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let i = 0;
	const endField = () => {
		row.push(field);
		field = '';
	};
	const endRow = () => {
		endField();
		rows.push(row);
		row = [];
	};
	while (i < source.length) {
		const char = source[i]!;
		if (char === '"' && field === '') {
			// A quoted field: read up to the closing quote, "" being a literal quote.
			let j = i + 1;
			let quoted = '';
			let closed = false;
			while (j < source.length) {
				if (source[j] === '"') {
					if (source[j + 1] === '"') {
						quoted += '"';
						j += 2;
						continue;
					}
					closed = true;
					j += 1;
					break;
				}
				quoted += source[j];
				j += 1;
			}
			const next = source[j];
			if (closed && (next === undefined || next === '\t' || next === '\n' || next === '\r')) {
				field = quoted;
				i = j;
				continue;
			}
			// Not a well-formed quoted field (e.g. 5" screen): keep the text as typed.
		}
		if (char === '\t') endField();
		else if (char === '\r' || char === '\n') {
			endRow();
			if (char === '\r' && source[i + 1] === '\n') i += 1;
		} else field += char;
		i += 1;
	}
	if (field !== '' || row.length > 0) endRow();
	return rows;
}

export function toTsv(rows: readonly (readonly string[])[]): string {
	const quote = (value: string) => (/[\t\r\n"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
	return rows.map((row) => row.map(quote).join('\t')).join('\r\n') + '\r\n';
}
