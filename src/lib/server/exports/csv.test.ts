import { describe, expect, it } from 'vitest';
import { csvDocument } from './csv';

describe('csvDocument (Excel in Vietnamese)', () => {
	it("starts with the UTF-8 BOM, separates with ';', ends lines with CRLF", () => {
		expect(csvDocument(['Học sinh', 'Điểm'], [['Nguyễn Văn An', '7,5']])).toBe('\uFEFFHọc sinh;Điểm\r\nNguyễn Văn An;"7,5"\r\n');
	});

	it('quotes separators, quotes and line breaks', () => {
		expect(csvDocument(['a'], [['x;y'], ['say "hi"'], ['two\nlines']])).toBe('\uFEFFa\r\n"x;y"\r\n"say ""hi"""\r\n"two\nlines"\r\n');
	});

	it('neutralises formula-like text in every field, header included', () => {
		expect(csvDocument(['=A1'], [['+cmd|calc', '-3+4', '@SUM(A1)']])).toBe("\uFEFF'=A1\r\n'+cmd|calc;'-3+4;'@SUM(A1)\r\n");
	});
});
