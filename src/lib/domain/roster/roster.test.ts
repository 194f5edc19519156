import { describe, expect, it } from 'vitest';
import { encodeCitizenId } from '../identity/citizen-id';
import { excelSerialToDate, readDate, readPersonalIdDigits, readPhone } from './cells';
import { COLUMNS, mapHeader, type ColumnKey } from './columns';
import { planRosterImport, type KnownPerson, type KnownRoster, type KnownStudent } from './plan';
import { validateRosterRows, type RawRow, type RosterContext } from './validate-rows';

const today = { year: 2026, month: 11, day: 30 };
const context: RosterContext = { today, classes: [{ code: '6a1', name: '6A1' }, { code: '6a2', name: '6A2' }] };
const STUDENT_ID = encodeCitizenId({ province: '079', sex: 'female', birthYear: 2014, serial: 1234 });
const MOTHER_ID = encodeCitizenId({ province: '001', sex: 'female', birthYear: 1985, serial: 4321 });
const FATHER_ID = encodeCitizenId({ province: '079', sex: 'male', birthYear: 1982, serial: 77 });

type Cells = Partial<Record<ColumnKey, RawRow['cells'][ColumnKey]>>;
const base: Cells = {
	moetCode: '7910000123',
	fullName: 'Nguyễn Minh Anh',
	birthDate: '05/09/2014',
	gender: 'Nữ',
	personalId: STUDENT_ID,
	className: '6A1',
	'g1.relation': 'Mẹ',
	'g1.fullName': 'Trần Thị Bình',
	'g1.birthDate': '12/03/1985',
	'g1.personalId': MOTHER_ID,
	'g1.phone': '0912345678'
};
const row = (cells: Cells, line = 2): RawRow => ({ line, cells: { ...base, ...cells } });
const check = (cells: Cells) => validateRosterRows([row(cells)], context)[0]!;
const codes = (cells: Cells) => check(cells).issues.map((i) => `${i.rule} ${i.severity} ${i.column} ${i.code}`);

describe('roster rows', () => {
	it('RI1 finds columns by header whatever the case, spacing or tone placement, and names the missing ones', () => {
		const mapping = mapHeader(['STT', 'MÃ HỌC SINH', 'Họ và tên  học sinh', 'Ngày sinh', 'Giới tính', 'Số định danh học sinh', 'lớp', 'Quan hệ (PH1)']);
		expect(mapping).toEqual({ ok: true, columns: [null, 'moetCode', 'fullName', 'birthDate', 'gender', 'personalId', 'className', 'g1.relation'] });
		const missing = mapHeader(['Họ và tên học sinh', 'Ngày sinh']);
		expect(missing.ok).toBe(false);
		if (!missing.ok) expect(missing.missing).toEqual(['Mã học sinh', 'Giới tính', 'Số định danh học sinh', 'Lớp']);
		expect(COLUMNS).toHaveLength(16);
	});

	it('RI1 skips blank rows', () => {
		expect(validateRosterRows([row({}), { line: 3, cells: { fullName: '  ', moetCode: null } }], context)).toHaveLength(1);
	});

	it('a clean row reads into a student and a guardian with no issues', () => {
		const result = check({});
		expect(result.issues).toEqual([]);
		expect(result.student).toEqual({ moetCode: '7910000123', fullName: 'Nguyễn Minh Anh', birthDate: '2014-09-05', gender: 'female', personalId: STUDENT_ID, classCode: '6a1' });
		expect(result.guardians).toEqual([{ slot: 1, relation: 'mother', fullName: 'Trần Thị Bình', birthDate: '1985-03-12', gender: 'female', personalId: MOTHER_ID, phone: '0912345678' }]);
	});

	it('RI2 repairs decomposed Unicode to NFC and says so', () => {
		const result = check({ fullName: 'Nguyễn Minh Anh'.normalize('NFD') });
		expect(result.student?.fullName).toBe('Nguyễn Minh Anh'.normalize('NFC'));
		expect(codes({ fullName: 'Nguyễn Minh Anh'.normalize('NFD') })).toEqual(['RI2 repaired fullName decomposed-unicode']);
	});

	it('RI2 removes stray and no-break spaces and says so', () => {
		const result = check({ fullName: '  Nguyễn\u00A0 Minh   Anh ' });
		expect(result.student?.fullName).toBe('Nguyễn Minh Anh');
		expect(result.issues.map((i) => i.code)).toEqual(['spaces']);
	});

	it('RI2 refuses hidden characters instead of removing them, and a missing value', () => {
		expect(codes({ fullName: 'Nguyễn \u202EAnh' })).toEqual(['RI2 error fullName hidden-character']);
		expect(codes({ moetCode: '' })).toEqual(['RI2 error moetCode missing']);
		expect(check({ moetCode: '' }).student).toBeNull();
	});

	it('RI3 refuses a one-letter name', () => {
		expect(codes({ fullName: 'A' })).toEqual(['RI3 error fullName name-length']);
	});

	it('RI4 reads dd/mm/yyyy text, ISO, date cells and Excel serial numbers', () => {
		expect(readDate('5/9/2014')).toEqual({ ok: true, value: { year: 2014, month: 9, day: 5 } });
		expect(readDate('05-09-2014')).toMatchObject({ ok: true, value: { year: 2014, month: 9, day: 5 } });
		expect(readDate({ date: '2014-09-05' })).toMatchObject({ ok: true, value: { year: 2014, month: 9, day: 5 } });
		expect(readDate(41887)).toMatchObject({ ok: true, value: { year: 2014, month: 9, day: 5 }, repaired: { code: 'excel-serial-date' } });
		expect(excelSerialToDate(1)).toEqual({ year: 1900, month: 1, day: 1 });
		expect(excelSerialToDate(59)).toEqual({ year: 1900, month: 2, day: 28 });
		expect(excelSerialToDate(60)).toBeNull();
		expect(excelSerialToDate(61)).toEqual({ year: 1900, month: 3, day: 1 });
		expect(excelSerialToDate(25569)).toEqual({ year: 1970, month: 1, day: 1 });
		expect(codes({ birthDate: 41887 })).toEqual(['RI4 repaired birthDate excel-serial-date']);
	});

	it('RI4 refuses impossible, unreadable, missing and future dates', () => {
		expect(codes({ birthDate: '31/02/2014' })).toContain('RI4 error birthDate date-invalid');
		expect(codes({ birthDate: 'tháng 9 2014' })).toContain('RI4 error birthDate date-invalid');
		expect(codes({ birthDate: '' })).toContain('RI4 error birthDate date-missing');
		expect(codes({ 'g1.birthDate': '01/01/2027', 'g1.personalId': encodeCitizenId({ province: '001', sex: 'female', birthYear: 2027, serial: 1 }) })).toContain('RI5 error g1.personalId id-birth-year-in-future');
		expect(check({ birthDate: '31/02/2014' }).issues.every((i) => i.fix)).toBe(true);
	});

	it('RI5 puts back leading zeros Excel dropped from a number or its text', () => {
		const hanoi = encodeCitizenId({ province: '001', sex: 'female', birthYear: 1985, serial: 4321 });
		expect(readPersonalIdDigits(Number(hanoi))).toMatchObject({ ok: true, value: hanoi, repaired: { code: 'lost-leading-zero' } });
		expect(readPersonalIdDigits(STUDENT_ID.slice(1))).toMatchObject({ ok: true, value: STUDENT_ID });
		expect(readPersonalIdDigits("'079 314.001234")).toEqual({ ok: true, value: '079314001234' });
		const result = check({ personalId: Number(STUDENT_ID), 'g1.personalId': Number(hanoi) });
		expect(result.student?.personalId).toBe(STUDENT_ID);
		expect(result.guardians[0]?.personalId).toBe(hanoi);
		expect(result.issues.map((i) => `${i.column} ${i.code}`)).toEqual(['personalId lost-leading-zero', 'g1.personalId lost-leading-zero']);
	});

	it('RI5 refuses a malformed number and an unknown province', () => {
		expect(codes({ personalId: '07931400123X' })).toEqual(['RI5 error personalId id-malformed']);
		expect(codes({ personalId: '12345' })).toEqual(['RI5 error personalId id-malformed']);
		expect(codes({ personalId: '003314001234' })).toEqual(['RI5 error personalId id-unknown-province']);
	});

	it('RI5 tells a wrong century digit from a wrong birth year', () => {
		// 2014 but digit 4 says 19xx (1 = female, 1900s).
		expect(codes({ personalId: '079114001234' })).toEqual(['RI5 error personalId id-century-mismatch']);
		expect(codes({ personalId: '079313001234' })).toEqual(['RI5 error personalId id-birth-year-mismatch']);
	});

	it('RI5 warns when the gender digit differs (I5) and when a student has no number', () => {
		expect(codes({ gender: 'Nam' })).toEqual(['RI5 warning personalId sex-mismatch']);
		const noId = check({ personalId: '' });
		expect(noId.student?.personalId).toBeNull();
		expect(noId.issues.map((i) => `${i.severity} ${i.code}`)).toEqual(['warning id-missing']);
		expect(codes({ 'g1.personalId': '' })).toEqual(['RI5 error g1.personalId id-missing']);
	});

	it('RI6 reads Nam/Nữ in any case or Unicode form', () => {
		expect(check({ gender: 'NỮ'.normalize('NFD') }).student?.gender).toBe('female');
		expect(check({ gender: 'nu' }).student?.gender).toBe('female');
		expect(codes({ gender: 'F' })).toEqual(['RI6 error gender gender-invalid']);
	});

	it('RI7 matches a class by name or code ignoring case and spaces, and lists the classes otherwise', () => {
		expect(check({ className: '6 a2' }).student?.classCode).toBe('6a2');
		const unknown = check({ className: '6A9' });
		expect(unknown.issues.map((i) => i.code)).toEqual(['class-unknown']);
		expect(unknown.issues[0]?.fix).toContain('6A1, 6A2');
	});

	it('RI8 refuses a MOET code with other characters', () => {
		expect(codes({ moetCode: '79-100' })).toEqual(['RI8 error moetCode moet-code-invalid']);
	});

	it('RI9 reads cha/bố/mẹ/người giám hộ and requires the rest of a started guardian group', () => {
		const father = check({ 'g1.relation': 'Bố', 'g1.fullName': 'Lê Văn Cường', 'g1.birthDate': '01/01/1982', 'g1.personalId': FATHER_ID });
		expect(father.guardians[0]).toMatchObject({ relation: 'father', gender: 'male' });
		expect(check({ 'g1.relation': 'người  giám hộ' }).guardians[0]?.relation).toBe('guardian');
		expect(codes({ 'g1.relation': 'Chú' })).toEqual(['RI9 error g1.relation relation-invalid']);
		expect(codes({ 'g2.phone': '0912345678' })).toEqual([
			'RI9 error g2.relation relation-invalid',
			'RI2 error g2.fullName missing',
			'RI4 error g2.birthDate date-missing',
			'RI5 error g2.personalId id-missing'
		]);
	});

	it('RI10 refuses a guardian under 18', () => {
		const young = encodeCitizenId({ province: '001', sex: 'female', birthYear: 2009, serial: 5 });
		expect(codes({ 'g1.birthDate': '01/12/2008', 'g1.personalId': encodeCitizenId({ province: '001', sex: 'female', birthYear: 2008, serial: 5 }) })).toEqual(['RI10 error g1.personalId guardian-under-18']);
		expect(codes({ 'g1.birthDate': '30/11/2008', 'g1.personalId': encodeCitizenId({ province: '001', sex: 'female', birthYear: 2008, serial: 5 }) })).toEqual([]);
		expect(codes({ 'g1.birthDate': '01/01/2009', 'g1.personalId': young })).toEqual(['RI10 error g1.personalId guardian-under-18']);
	});

	it('RI11 normalises phone numbers and refuses others', () => {
		expect(readPhone('+84 912 345 678')).toEqual({ ok: true, value: '0912345678' });
		expect(readPhone(912345678)).toMatchObject({ ok: true, value: '0912345678', repaired: { code: 'lost-leading-zero' } });
		expect(readPhone('0912.345.678')).toEqual({ ok: true, value: '0912345678' });
		expect(codes({ 'g1.phone': '12345' })).toEqual(['RI11 error g1.phone phone-invalid']);
		expect(check({ 'g1.phone': '' }).guardians[0]?.phone).toBeNull();
	});

	it('RI12 finds duplicate students, guardians that differ and numbers used twice', () => {
		const other = encodeCitizenId({ province: '079', sex: 'male', birthYear: 2014, serial: 99 });
		const rows = [
			row({}, 2),
			row({ personalId: other, gender: 'Nam' }, 3),
			row({ moetCode: '7910000999' }, 4),
			row({ moetCode: '7910000998', personalId: '', 'g1.fullName': 'Trần Thị Bính' }, 5),
			row({ moetCode: '7910000997', personalId: '', 'g1.personalId': STUDENT_ID, 'g1.birthDate': '01/01/2014' }, 6),
			row({ moetCode: '7910000996', personalId: '', 'g2.relation': 'Mẹ', 'g2.fullName': 'Trần Thị Bình', 'g2.birthDate': '12/03/1985', 'g2.personalId': MOTHER_ID }, 7),
			row({ moetCode: '7910000995', personalId: '' }, 8)
		];
		const results = validateRosterRows(rows, context);
		const errors = results.map((r) => r.issues.filter((i) => i.severity === 'error').map((i) => `${i.rule} ${i.code}`));
		expect(errors).toEqual([[], ['RI12 duplicate-moet-code'], ['RI12 duplicate-student-id'], ['RI12 guardian-differs-in-file'], ['RI10 guardian-under-18'], ['RI12 duplicate-guardian-in-row'], []]);
		expect(results[1]!.issues.find((i) => i.code === 'duplicate-moet-code')?.message).toContain('dòng 2');
		expect(results[6]!.student).not.toBeNull();
		expect(results[1]!.student).toBeNull();
	});

	it('RI12 refuses a guardian number equal to a student number of the file', () => {
		// The mother's number typed into the student column (with her date of birth: only an age warning).
		const results = validateRosterRows([row({ personalId: MOTHER_ID, birthDate: '12/03/1985', 'g1.relation': '', 'g1.fullName': '', 'g1.birthDate': '', 'g1.personalId': '', 'g1.phone': '' }, 2), row({ moetCode: '7910000999', personalId: '' }, 3)], context);
		expect(results[0]!.issues.map((i) => i.code)).toEqual(['student-age-unusual']);
		expect(results[1]!.issues.filter((i) => i.severity === 'error').map((i) => `${i.rule} ${i.code}`)).toEqual(['RI12 guardian-is-student']);
	});
});

function known(parts: { people?: Array<[string, KnownPerson]>; students?: KnownStudent[]; links?: Array<[string, string]> } = {}): KnownRoster {
	const students = parts.students ?? [];
	return {
		schoolId: 'school',
		personByPersonalId: new Map(parts.people ?? []),
		studentByMoetCode: new Map(students.map((s) => [s.moetCode, s])),
		studentByPersonId: new Map(students.map((s) => [s.personId, s])),
		links: new Map(parts.links ?? [])
	};
}

const studentPerson: KnownPerson = { personId: 'p-s', fullName: 'Nguyễn Minh Anh', birthDate: '2014-09-05', gender: 'female', phone: null, editable: true, student: { studentId: 's1', schoolId: 'school' } };
const studentRow: KnownStudent = { studentId: 's1', personId: 'p-s', schoolId: 'school', moetCode: '7910000123', classCode: '6a1', person: { fullName: 'Nguyễn Minh Anh', birthDate: '2014-09-05', gender: 'female' } };
const motherPerson: KnownPerson = { personId: 'p-m', fullName: 'Trần Thị Bình', birthDate: '1985-03-12', gender: 'female', phone: '0912345678', editable: true, student: null };
const imported = () => known({ people: [[STUDENT_ID, studentPerson], [MOTHER_ID, motherPerson]], students: [studentRow], links: [['p-m|s1', 'mother']] });
const plan = (cells: Cells, roster: KnownRoster) => planRosterImport(validateRosterRows([row(cells)], context), roster);

describe('roster plan', () => {
	it('RI14 a new file creates the student, the guardian and the link', () => {
		const result = plan({}, known());
		expect(result.counts).toEqual({ rows: 1, errorRows: 0, created: 3, updated: 0, unchanged: 0 });
		expect(result.students[0]).toMatchObject({ change: 'create', setsPersonalId: true });
		expect(result.guardians[0]).toMatchObject({ change: 'create', link: 'create', studentIndex: 0 });
	});

	it('RI14 the same file again changes nothing', () => {
		expect(plan({}, imported()).counts).toEqual({ rows: 1, errorRows: 0, created: 0, updated: 0, unchanged: 3 });
	});

	it('RI14 a corrected file updates the records it names and never adds new ones', () => {
		const corrected = plan({ fullName: 'Nguyễn Minh Ánh', className: '6A2', 'g1.phone': '0987654321' }, imported());
		expect(corrected.counts).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
		expect(corrected.students[0]).toMatchObject({ change: 'update', studentId: 's1', record: { classCode: '6a2' } });
		// A corrected student ID (matched by MOET code) replaces the number on the same student.
		const newId = encodeCitizenId({ province: '079', sex: 'female', birthYear: 2014, serial: 4242 });
		expect(plan({ personalId: newId }, imported()).students[0]).toMatchObject({ change: 'update', studentId: 's1', setsPersonalId: true });
		// Without the number in the file, the stored one is kept.
		expect(plan({ personalId: '' }, imported()).students[0]).toMatchObject({ change: 'unchanged', setsPersonalId: false });
	});

	it('RI14 a changed relation updates the link; a sibling row adds only a link', () => {
		expect(plan({ 'g1.relation': 'Người giám hộ' }, imported()).guardians[0]).toMatchObject({ change: 'unchanged', link: 'update' });
		const siblings = planRosterImport(validateRosterRows([row({}, 2), row({ moetCode: '7910000124', personalId: '', fullName: 'Nguyễn Minh Khôi', gender: 'Nam' }, 3)], context), known());
		expect(siblings.guardians.map((g) => `${g.change} ${g.link}`)).toEqual(['create create', 'unchanged create']);
	});

	it('RI13 refuses codes and numbers that belong to someone else', () => {
		const elsewhere = known({ students: [{ ...studentRow, schoolId: 'other' }] });
		expect(plan({}, elsewhere).issues.map((i) => `${i.rule} ${i.code}`)).toEqual(['RI13 moet-code-other-school']);
		const adult = known({ people: [[STUDENT_ID, { ...motherPerson, personId: 'p-x' }]] });
		expect(plan({}, adult).issues.map((i) => i.code)).toEqual(['id-belongs-to-adult']);
		const otherSchoolStudent = known({ people: [[STUDENT_ID, { ...studentPerson, student: { studentId: 's9', schoolId: 'other' } }]] });
		expect(plan({}, otherSchoolStudent).issues.map((i) => i.code)).toEqual(['id-student-other-school']);
		const twoStudents = known({ people: [[STUDENT_ID, { ...studentPerson, personId: 'p-2', student: { studentId: 's2', schoolId: 'school' } }]], students: [studentRow] });
		expect(plan({}, twoStudents).issues.map((i) => i.code)).toEqual(['id-and-code-differ']);
		const guardianIsStudent = known({ people: [[MOTHER_ID, { ...motherPerson, student: { studentId: 's2', schoolId: 'school' } }]] });
		expect(plan({}, guardianIsStudent).issues.map((i) => i.code)).toEqual(['guardian-is-registered-student']);
		expect(plan({}, elsewhere).counts.errorRows).toBe(1);
		expect(plan({}, elsewhere).students).toEqual([]);
	});

	it('RI13 a person the school does not own is recognised only by name and date of birth, and never renamed', () => {
		const vouched = known({ people: [[MOTHER_ID, { ...motherPerson, editable: false }]] });
		const mismatch = plan({ 'g1.fullName': 'Trần Thị Hoa' }, vouched);
		expect(mismatch.issues.map((i) => i.code)).toEqual(['id-registered-to-another']);
		expect(mismatch.issues[0]?.message).not.toContain('Bình');
		expect(plan({ 'g1.fullName': 'TRẦN THỊ BÌNH' }, vouched).guardians[0]).toMatchObject({ change: 'unchanged', personId: 'p-m' });
	});
});
