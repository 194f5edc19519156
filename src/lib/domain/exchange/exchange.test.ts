import { describe, expect, it } from 'vitest';
import type { RawCell } from '../roster/cells';
import type { RosterPlan, StudentAction } from '../roster/plan';
import { detectChanges, type CurrentStudent } from './changes';
import { decodeCell, findHeader, headerKey, lookupFor, type SheetGrid } from './headers';
import { checkStaffRows, detectStaffChanges, readStaffExport, staffChanges } from './staff-export';
import { readStatus, readStudentExport, STUDENT_EXPORT_COLUMNS, STUDENT_STATUSES } from './student-export';

const grid = (rows: RawCell[][], merges: SheetGrid['merges'] = [], name = 'Danh sách'): SheetGrid => ({ name, rows, merges });

// Version A: one header row, the order of the old template, extra columns.
const versionA = grid([
	['STT', 'Mã lớp', 'Mã học sinh', 'Họ tên', 'Ngày sinh', 'Giới tính', 'Trạng thái học sinh', 'Ngày nhập trạng thái', 'Dân tộc', 'Loại khuyết tật', 'Số định danh cá nhân', 'Họ tên cha', 'Nghề nghiệp cha', 'Họ tên mẹ', 'Nghề nghiệp mẹ', 'Số điện thoại', 'Địa chỉ', 'Nơi sinh', 'Ghi chú'],
	[1, '6A1', '7910000001', 'Nguyễn Minh Anh', '05/09/2014', 'Nữ', 'Đang học', null, 'Kinh', null, '079314001234', 'Nguyễn Văn Bình', 'Công nhân', 'Trần Thị Cúc', 'Nội trợ', '0912345678', 'Q1', 'TP HCM', '']
]);

// Version B: a title row, a two-row header with merged group cells, columns reordered, a numbering row, coded values.
const versionB = grid(
	[
		['DANH SÁCH HỌC SINH NĂM HỌC 2026-2027'],
		['STT', 'Thông tin học sinh', null, null, null, null, null, 'Thông tin cha', null, null, 'Thông tin mẹ', null, null, 'TRẠNG THÁI', 'Lớp'],
		[null, 'Họ và tên', 'MÃ HS', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Dân tộc', 'Họ và tên', 'Số định danh', 'Ngày sinh', 'Họ tên', 'Số định danh', 'Ngày sinh', null, null],
		['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)', '(13)', '(14)', '(15)'],
		[1, 'Lê Văn Đạt', '7910000002', '01/02/2014', '1', '079214005678', '01', 'Lê Văn Hùng', '079082000077', '03/04/1982', 'Phạm Thị Lan', null, null, '3', '6A2']
	],
	[
		{ s: { r: 0, c: 0 }, e: { r: 0, c: 14 } },
		{ s: { r: 1, c: 0 }, e: { r: 2, c: 0 } },
		{ s: { r: 1, c: 1 }, e: { r: 1, c: 6 } },
		{ s: { r: 1, c: 7 }, e: { r: 1, c: 9 } },
		{ s: { r: 1, c: 10 }, e: { r: 1, c: 12 } },
		{ s: { r: 1, c: 13 }, e: { r: 2, c: 13 } },
		{ s: { r: 1, c: 14 }, e: { r: 2, c: 14 } }
	]
);
const lookups = [
	grid([['Danh mục trạng thái học sinh'], ['Mã', 'Tên'], ['1', 'Đang học'], ['2', 'Chuyển đến'], ['3', 'Chuyển đi'], ['4', 'Thôi học']], [], 'DM_TrangThai'),
	grid([['Mã', 'Giới tính'], ['1', 'Nam'], ['2', 'Nữ']], [], 'DM_GioiTinh'),
	grid([['Mã', 'Tên dân tộc'], ['01', 'Kinh'], ['02', 'Tày']], [], 'Dân tộc')
];

describe('exchange header matcher', () => {
	it('CX1 compares header text without case, diacritics, spaces or punctuation', () => {
		expect(headerKey('HỌ VÀ TÊN')).toBe(headerKey('Họ và  tên:'));
		expect(headerKey('Ho va ten')).toBe(headerKey('Họ và tên'));
		expect(headerKey('Đ'.normalize('NFD'))).toBe('d');
		expect(headerKey('Mã học sinh'.normalize('NFD'))).toBe('mahocsinh');
	});

	it('CX1 finds every column of a one-row header in any order, ignoring extra columns', () => {
		const header = findHeader(versionA, STUDENT_EXPORT_COLUMNS);
		expect(header).toMatchObject({ headerRow: 0, firstDataRow: 1, missing: [] });
		expect(header.columns).toMatchObject({ classCode: 1, moetCode: 2, fullName: 3, status: 6, statusDate: 7, personalId: 10, fatherName: 11, fatherJob: 12, motherName: 13, phone: 15 });
		const reversed = grid(versionA.rows.map((r) => [...r].reverse()));
		expect(findHeader(reversed, STUDENT_EXPORT_COLUMNS).columns).toMatchObject({ moetCode: 16, fullName: 15, personalId: 8, fatherName: 7 });
	});

	it('CX2 reads a title row, a two-row header with merged group cells and a numbering row', () => {
		const header = findHeader(versionB, STUDENT_EXPORT_COLUMNS);
		expect(header).toMatchObject({ headerRow: 1, depth: 2, firstDataRow: 4, missing: [] });
		// "Họ và tên" under "Thông tin học sinh" is the student; under "Thông tin cha" the father.
		expect(header.columns).toMatchObject({ fullName: 1, moetCode: 2, personalId: 5, ethnicity: 6, fatherName: 7, fatherId: 8, fatherBirthDate: 9, motherName: 10, motherId: 11, status: 13, className: 14 });
	});

	it('CX2 names the required columns a sheet lacks', () => {
		const header = findHeader(grid([['Họ tên', 'Ngày sinh', 'Lớp']]), STUDENT_EXPORT_COLUMNS);
		expect(header.missing).toEqual(['Mã học sinh', 'Giới tính', 'Trạng thái học sinh', 'Số định danh cá nhân']);
	});

	it('CX3 decodes coded values through the lookup sheet that names the column', () => {
		const status = lookupFor(lookups, ['Trạng thái học sinh']);
		expect(decodeCell('3', status)).toBe('Chuyển đi');
		expect(decodeCell(4, status)).toBe('Thôi học');
		expect(decodeCell('Đang học', status)).toBe('Đang học');
		expect(decodeCell('1', lookupFor(lookups, ['Giới tính']))).toBe('Nam');
		expect(decodeCell('02', lookupFor(lookups, ['Dân tộc']))).toBe('Tày');
		expect(lookupFor(lookups, ['Loại khuyết tật'])).toBeNull();
	});

	it('CX5 knows twelve student states, and which of them mean the student has left', () => {
		expect(STUDENT_STATUSES).toHaveLength(12);
		expect(readStatus('CHUYỂN ĐI')).toEqual({ ok: true, code: 'chuyen-di' });
		expect(readStatus('Thôi học')).toEqual({ ok: true, code: 'thoi-hoc' });
		expect(readStatus(null)).toEqual({ ok: true, code: 'dang-hoc' });
		expect(readStatus('Đi du lịch').ok).toBe(false);
		expect(STUDENT_STATUSES.filter((s) => !s.enrolled).map((s) => s.name)).toContain('Chuyển đi');
	});

	it('CX4 CX6 turns both template versions into roster rows; a parent with name, ID and birth date becomes a guardian', () => {
		const a = readStudentExport([versionA]);
		expect(a.ok).toBe(true);
		if (!a.ok) return;
		expect(a.rows[0]).toMatchObject({ status: 'dang-hoc', row: { line: 2, cells: { moetCode: '7910000001', fullName: 'Nguyễn Minh Anh', className: '6A1', personalId: '079314001234' } } });
		// Version A gives no parent ID: names alone declare no guardian.
		expect(a.rows[0]!.row.cells['g1.fullName']).toBeUndefined();
		const b = readStudentExport([versionB, ...lookups]);
		expect(b.ok).toBe(true);
		if (!b.ok) return;
		expect(b.rows).toHaveLength(1);
		expect(b.rows[0]).toMatchObject({ status: 'chuyen-di', row: { line: 5, cells: { moetCode: '7910000002', gender: 'Nam', className: '6A2', 'g1.relation': 'Cha', 'g1.fullName': 'Lê Văn Hùng', 'g1.personalId': '079082000077', 'g1.birthDate': '03/04/1982' } } });
		// The mother has no ID: not declared, and nothing to warn about.
		expect(b.rows[0]!.row.cells['g2.fullName']).toBeUndefined();
		expect(b.issues).toEqual([]);
	});

	it('CX6 warns when a parent has an ID but no date of birth; CX5 refuses an unknown state', () => {
		const header = ['Mã học sinh', 'Họ tên', 'Ngày sinh', 'Giới tính', 'Lớp', 'Trạng thái học sinh', 'Số định danh cá nhân', 'Họ tên mẹ', 'Số định danh mẹ'];
		const read = readStudentExport([grid([header, ['1', 'Lê An', '01/01/2014', 'Nam', '6A1', 'Đang học', null, 'Lê Thị Bé', '079185000001'], ['2', 'Lê Bình', '01/01/2014', 'Nam', '6A1', 'Nghỉ hè', null, null, null]])]);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.issues.map((i) => `${i.line} ${i.rule} ${i.severity} ${i.code}`)).toEqual(['2 CX6 warning guardian-without-birth-date', '3 CX5 error status-invalid']);
	});

	it('CX4 refuses a workbook without the student list, naming the missing columns', () => {
		const read = readStudentExport([grid([['Họ tên', 'Email', 'Vị trí việc làm']])]);
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.message).toContain('Mã học sinh');
	});
});

describe('exchange change detection', () => {
	const action = (line: number, studentId: string | null, record: Partial<StudentAction['record']>, change: StudentAction['change'] = 'unchanged'): StudentAction => ({
		line,
		change,
		studentId,
		personId: studentId ? `p-${studentId}` : null,
		setsPersonalId: false,
		record: { moetCode: `M${line}`, fullName: 'Lê An', birthDate: '2014-01-01', gender: 'male', personalId: null, classCode: '6a1', ...record }
	});
	const now = (studentId: string, fields: Partial<CurrentStudent> = {}): CurrentStudent => ({ studentId, moetCode: `M-${studentId}`, fullName: 'Lê An', birthDate: '2014-01-01', classCode: '6a1', status: 'dang-hoc', ...fields });
	const plan = (students: StudentAction[]): Pick<RosterPlan, 'students' | 'guardians'> => ({ students, guardians: [] });

	it('CX7 the same export as the school holds shows no change', () => {
		const report = detectChanges(plan([action(2, 's1', {}), action(3, 's2', {})]), new Map(), [now('s1'), now('s2')]);
		expect(report).toEqual({ changes: [], absent: [], unchanged: 2 });
	});

	it('CX7 names joined, left with its state, changed class, changed name and date of birth, and students missing from the export', () => {
		const report = detectChanges(
			plan([action(2, null, { fullName: 'Võ Mới' }, 'create'), action(3, 's1', {}), action(4, 's2', { classCode: '6a2' }, 'update'), action(5, 's3', { fullName: 'Lê Văn An', birthDate: '2014-02-01' }, 'update'), action(6, 's4', {})]),
			new Map([[3, 'chuyen-di'], [6, 'dang-hoc']]),
			[now('s1'), now('s2'), now('s3'), now('s4', { status: 'thoi-hoc' }), now('s5', { fullName: 'Người Vắng' })],
			new Map([['6a1', '6A1'], ['6a2', '6A2']])
		);
		expect(report.changes.map((c) => `${c.line} ${c.kinds.join('+')}`)).toEqual(['2 joined', '3 left', '4 class', '5 name+birthDate', '6 returned']);
		expect(report.changes[1]!.details).toEqual(['Trạng thái: Đang học → Chuyển đi']);
		expect(report.changes[2]!.details).toEqual(['Lớp: 6A1 → 6A2']);
		expect(report.changes[3]!.details).toEqual(['Họ tên: Lê An → Lê Văn An', 'Ngày sinh: 01/01/2014 → 01/02/2014']);
		expect(report.absent).toEqual([{ moetCode: 'M-s5', fullName: 'Người Vắng', classCode: '6a1' }]);
	});

	it('CX7 a guardian newly declared for an unchanged student is a change to confirm', () => {
		const p = { students: [action(2, 's1', {})], guardians: [{ line: 2, change: 'create', personId: null, studentIndex: 0, link: 'create', relation: 'mother', editable: true, record: {} }] } as unknown as RosterPlan;
		expect(detectChanges(p, new Map(), [now('s1')]).changes.map((c) => c.kinds)).toEqual([['guardians']]);
	});
});

describe('exchange staff export', () => {
	const staffSheet = grid([
		['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số định danh', 'Email', 'Trình độ', 'Vị trí việc làm', 'Nhóm chức vụ', 'Môn dạy', 'Hạng chức danh'],
		[1, 'Phạm Thu Hà', '02/03/1985', 'Nữ', '079185000111', 'ha@truong.edu.vn', 'Đại học', 'GV', 'Giáo viên', 'Toán, Tin học', 'III'],
		[2, 'Lê Văn Nam', '02/03/1980', 'Nam', '79080000222', '', 'Thạc sĩ', 'Hiệu trưởng', 'Cán bộ quản lý', '', 'II'],
		[3, 'Không Số', '02/03/1980', 'Nam', '', '', '', 'Nhân viên', '', '', '']
	]);
	const positions = grid([['Mã', 'Vị trí việc làm'], ['GV', 'Giáo viên THCS']], [], 'DM_ViTriViecLam');

	it('CX14 reads the staff columns by header among extra ones, decodes coded positions, repairs a lost leading zero and skips rows without an ID', () => {
		const read = readStaffExport([staffSheet, positions]);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.rows).toEqual([
			{ line: 2, personalId: '079185000111', fullName: 'Phạm Thu Hà', birthDate: '1985-03-02', email: 'ha@truong.edu.vn', position: 'Giáo viên THCS', positionGroup: 'Giáo viên', subjects: ['Toán', 'Tin học'] },
			{ line: 3, personalId: '079080000222', fullName: 'Lê Văn Nam', birthDate: '1980-03-02', email: null, position: 'Hiệu trưởng', positionGroup: 'Cán bộ quản lý', subjects: [] }
		]);
		expect(read.skipped).toEqual([4]);
		expect(readStaffExport([versionA]).ok).toBe(false);
	});

	it('CX14 names the staff who joined and who left, by personal ID', () => {
		const read = readStaffExport([staffSheet]);
		if (!read.ok) throw new Error(read.message);
		const changes = staffChanges(read.rows, [{ personalId: '079080000222', fullName: 'Lê Văn Nam' }, { personalId: '001190000333', fullName: 'Đỗ Cũ' }]);
		expect(changes.joined.map((r) => r.fullName)).toEqual(['Phạm Thu Hà']);
		expect(changes.left.map((r) => r.fullName)).toEqual(['Đỗ Cũ']);
	});

	it('CX15 names each problem cell: a row without ID is a warning, a blank position, a duplicate ID and an ID that disagrees with the birth year are errors', () => {
		const sheet = grid([
			['Họ và tên', 'Ngày sinh', 'Số định danh', 'Vị trí việc làm', 'Môn dạy'],
			['Phạm Thu Hà', '02/03/1985', '079185000111', 'Giáo viên', 'Toán'],
			['Lê Văn Nam', '02/03/1980', '079080000222', '', ''],
			['Lê Văn Nam', '02/03/1980', '079080000222', 'Giáo viên', ''],
			['Sai Năm', '02/03/1990', '079080000333', 'Giáo viên', ''],
			['Không Số', '02/03/1980', '', 'Nhân viên', ''],
			['Không Ngày', '', '079185000444', 'Nhân viên', '']
		]);
		const read = readStaffExport([sheet]);
		if (!read.ok) throw new Error(read.message);
		const issues = checkStaffRows(read, { year: 2026, month: 11, day: 30 });
		expect(issues.map((i) => `${i.line} ${i.column} ${i.code} ${i.severity}`)).toEqual([
			'3 position position-blank error',
			'4 personalId duplicate-id error',
			'5 birthDate birth-year-mismatch error',
			'6 personalId no-personal-id warning',
			'7 birthDate birth-date-missing warning'
		]);
	});

	it('CX16 joined, left and changed staff by the key of their ID; the same export again is no change', () => {
		const row = (line: number, key: string, fullName: string, position: string, subjects: string[], positionGroup: string | null = null) => ({ line, key, personalId: key, fullName, birthDate: null, email: null, position, positionGroup, subjects });
		const rows = [row(2, 'k1', 'Phạm Thu Hà', 'Giáo viên', ['Toán', 'Tin học']), row(3, 'k2', 'Lê Văn Nam', 'Tổ trưởng', ['Ngữ văn']), row(4, 'k3', 'Võ Mới', 'Giáo viên', [])];
		const current = [
			{ personId: 'p1', key: 'k1', fullName: 'Phạm Thu Hà', position: 'Giáo viên', positionGroup: null, subjects: ['Tin học', 'Toán'] },
			{ personId: 'p2', key: 'k2', fullName: 'Lê Nam', position: 'Giáo viên', positionGroup: null, subjects: [] },
			{ personId: 'p4', key: 'k4', fullName: 'Đỗ Cũ', position: 'Nhân viên', positionGroup: null, subjects: [] },
			{ personId: 'p5', key: null, fullName: 'Không Số', position: null, positionGroup: null, subjects: [] }
		];
		const changes = detectStaffChanges(rows, current);
		expect(changes.map((c) => `${c.line} ${c.personId} ${c.kinds.join('+')}`)).toEqual(['3 p2 name+position+subjects', '4 null joined', 'null p4 left']);
		expect(changes[0]!.details).toEqual(['Họ tên: Lê Nam → Lê Văn Nam', 'Vị trí: Giáo viên → Tổ trưởng', 'Môn dạy: — → Ngữ văn']);
		const after = rows.map((r, i) => ({ personId: `q${i}`, key: r.key, fullName: r.fullName, position: r.position, positionGroup: r.positionGroup, subjects: r.subjects }));
		expect(detectStaffChanges(rows, after)).toEqual([]);
	});
});
