import { describe, expect, it } from 'vitest';
import { readCsv, readRosterFile } from './spreadsheet';

describe('roster files', () => {
	it('RI1 reads CSV as Vietnamese Excel saves it: BOM, ";" separators, quoted fields, CRLF', () => {
		const sheet = readCsv('\uFEFFMã học sinh;Họ và tên học sinh;Ghi chú\r\n791;"Nguyễn ""Bé"" An";"a;b\r\nc"\r\n792;Lê Chi;\r\n');
		expect(sheet.header).toEqual(['Mã học sinh', 'Họ và tên học sinh', 'Ghi chú']);
		expect(sheet.rows.map((r) => r.cells)).toEqual([
			['791', 'Nguyễn "Bé" An', 'a;b\r\nc'],
			['792', 'Lê Chi', null]
		]);
	});

	it('RI1 picks the separator of the header line (comma or tab too)', () => {
		expect(readCsv('a,b\n1,2').rows[0]?.cells).toEqual(['1', '2']);
		expect(readCsv('a\tb\n1\t2').rows[0]?.cells).toEqual(['1', '2']);
	});

	it('RI1 refuses a file without the student columns and says what to do', async () => {
		const result = await readRosterFile(new TextEncoder().encode('Tên;Tuổi\nAn;12\n'));
		expect(result).toMatchObject({ ok: false, message: expect.stringContaining('Mã học sinh'), fix: expect.stringContaining('mẫu') });
	});
});
