import { describe, expect, it } from 'vitest';
import { validateRosterRows } from '../../domain/roster/validate-rows';
import { readCsv, readRosterFile } from './spreadsheet';
import { rosterTemplate } from './template';

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

	it('RI1 the downloadable template reads back, its guide sheet skipped and its example row valid', async () => {
		const file = await readRosterFile(await rosterTemplate());
		if (!file.ok) throw new Error(file.message);
		expect(file.rows).toHaveLength(1);
		const [result] = validateRosterRows(file.rows, { today: { year: 2026, month: 11, day: 30 }, classes: [{ code: '6a1', name: '6A1' }] });
		expect(result?.issues).toEqual([]);
		expect(result?.guardians).toHaveLength(1);
	});
});
