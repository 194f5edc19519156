import { describe, expect, it } from 'vitest';
import { markToText } from '../../src/lib/domain/marks/cell-text';
import { buildClassSummary, summarySubjects, type ClassSummaryInput } from '../../src/lib/domain/reports';
import { generateDemoMarks } from './demo-marks';
import { generateDemoSchool } from './demo-school';

const school = generateDemoSchool();
const demo = generateDemoMarks(school);

/** The class summary input the server would load from SQL after the demo seed. */
function inputOf(classCode: string): ClassSummaryInput {
	const klass = school.classes.find((c) => c.code === classCode)!;
	const codes = new Set(school.teachingAssignments.filter((a) => a.classCode === classCode).map((a) => a.subjectCode));
	return {
		subjects: summarySubjects(codes, klass.grade),
		students: klass.studentIds.map((id) => ({ id, name: id, code: id })),
		marks: demo.marks
			.filter((m) => m.classCode === classCode)
			.map((m) => ({ studentId: m.studentId, subject: m.subject, term: m.term, column: m.column, value: markToText(m.value) })),
		homeroom: demo.homeroom.filter((h) => h.classCode === classCode)
	};
}

describe('demo marks generator', () => {
	it('is deterministic', () => {
		expect(generateDemoMarks(generateDemoSchool())).toEqual(demo);
	});

	it('every mark is a valid TT22 value (one decimal, 0–10; Đ/CĐ for comment subjects)', () => {
		// Collected, then one assertion: an expect per mark (tens of thousands) is what made this slow.
		const invalid = demo.marks.filter((mark) =>
			typeof mark.value === 'number' ? !(Number.isInteger(mark.value) && mark.value >= 0 && mark.value <= 100) : !['Đ', 'CĐ'].includes(mark.value)
		);
		expect(demo.marks.length).toBeGreaterThan(1000);
		expect(invalid).toEqual([]);
		const badAbsences = demo.homeroom.filter(({ absences }) => ![absences.excused, absences.unexcused].every((n) => Number.isInteger(n) && n >= 0));
		expect(badAbsences).toEqual([]);
	});

	it.each(school.classes.map((c) => c.code))('class %s: term I complete, term II mostly complete, the year shows every path and both awards', (classCode) => {
		const input = inputOf(classCode);
		const hk1 = buildClassSummary(input, 'hk1');
		expect(hk1.counts.academic.missing).toBe(0);
		const hk2 = buildClassSummary(input, 'hk2');
		expect(hk2.counts.academic.missing).toBeGreaterThan(0);
		expect(hk2.counts.academic.missing).toBeLessThanOrEqual(3);
		const year = buildClassSummary(input, 'year');
		const { promotion, award } = year.counts;
		expect(promotion!['Lên lớp']).toBeGreaterThan(20);
		expect(promotion!['Rèn luyện trong hè']).toBeGreaterThanOrEqual(1);
		expect(promotion!['Kiểm tra lại']).toBeGreaterThanOrEqual(1);
		expect(promotion!['Ở lại lớp']).toBeGreaterThanOrEqual(1);
		expect(award!['Xuất sắc']).toBeGreaterThanOrEqual(2);
		expect(award!.Giỏi).toBeGreaterThanOrEqual(2);
		const absent = demo.scenarios[classCode]!.absent![0]!;
		const row = year.students.find((s) => s.student.id === absent)!;
		expect(row.absences).toEqual({ ok: true, value: 49 });
		expect(row.absenceKinds!.excused + row.absenceKinds!.unexcused).toBe(49);
		expect(row.absenceKinds!.unexcused).toBeGreaterThan(0);
	});
});
