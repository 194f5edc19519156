import { describe, expect, it } from 'vitest';
import type { Level } from '../tt22';
import { buildClassSummary, summarySubjects, type AbsenceCounts, type ClassSummaryInput, type HomeroomRecord, type MarkRecord, type SummaryStudent, type Term } from './index';
import { REGULAR_COLUMNS } from './subject-results';

/** A grade-6 class: 13 units, 8 scored (Toán… Tin học) + 5 comment (GDTC, Âm nhạc, Mĩ thuật, HĐTN-HN, GDĐP). */
const UNITS = ['ngu-van', 'toan', 'ngoai-ngu-1', 'gdcd', 'ls-dl', 'khtn', 'cong-nghe', 'tin-hoc', 'gdtc', 'am-nhac', 'mi-thuat', 'hdtn-hn', 'gddp'];
const SUBJECTS = summarySubjects(UNITS, 6);
const SCORED = SUBJECTS.filter((s) => s.assessment === 'score').map((s) => s.code);
const COMMENT = SUBJECTS.filter((s) => s.assessment === 'comment').map((s) => s.code);

const student = (id: string): SummaryStudent => ({ id, name: `Học sinh ${id}`, code: id });

/** Every column of one subject and term holds the same value, so ĐTBmhk = that value. */
function uniform(studentId: string, subject: string, term: Term, value: string | null): MarkRecord[] {
	const unit = SUBJECTS.find((s) => s.code === subject)!;
	return [...REGULAR_COLUMNS.slice(0, unit.regularCount), 'gk', 'ck'].map((column) => ({ studentId, subject, term, column, value }));
}

const text = (average: number) => average.toFixed(1);

/**
 * Marks giving the listed year averages to the scored subjects (both terms equal, so
 * ĐTBmhk I = ĐTBmhk II = ĐTBmcn), and the listed comment results in both terms.
 */
function studentMarks(id: string, averages: readonly number[], comments: readonly ('Đ' | 'CĐ')[] = COMMENT.map(() => 'Đ')): MarkRecord[] {
	return (['hk1', 'hk2'] as const).flatMap((term) => [
		...SCORED.flatMap((subject, i) => uniform(id, subject, term, text(averages[i]!))),
		...COMMENT.flatMap((subject, i) => uniform(id, subject, term, comments[i]!))
	]);
}

/** Sessions absent by kind; an old document's undivided number is `unclassified` (homeroom H3). */
function counts(excused: number | null, unexcused: number | null = 0, unclassified: number | null = null): AbsenceCounts {
	return { excused, unexcused, unclassified };
}

/** `absences` per term: a number is that many sessions có phép and none không phép. */
function homeroom(id: string, conduct: [Level, Level], absences: [number | AbsenceCounts, number | AbsenceCounts] = [0, 0]): HomeroomRecord[] {
	const of = (a: number | AbsenceCounts) => (typeof a === 'number' ? counts(a) : a);
	return [
		{ studentId: id, term: 'hk1', conduct: conduct[0], absences: of(absences[0]) },
		{ studentId: id, term: 'hk2', conduct: conduct[1], absences: of(absences[1]) }
	];
}

function classOf(...entries: Array<{ id: string; marks: MarkRecord[]; homeroom: HomeroomRecord[] }>): ClassSummaryInput {
	return {
		subjects: SUBJECTS,
		students: entries.map((e) => student(e.id)),
		marks: entries.flatMap((e) => e.marks),
		homeroom: entries.flatMap((e) => e.homeroom)
	};
}

const EX6 = [8, 8, 8, 8, 8, 8, 6.5, 6.5];

describe('S1 columns', () => {
	it('S1 a class has 13 gradebook units and 12 programme columns: Âm nhạc + Mĩ thuật count once as Nghệ thuật', () => {
		const summary = buildClassSummary(classOf(), 'year');
		expect(summary.subjects).toHaveLength(13);
		expect(summary.programme).toHaveLength(12);
		expect(summary.programme.find((c) => c.code === 'nghe-thuat')).toMatchObject({ name: 'Nghệ thuật', units: ['am-nhac', 'mi-thuat'] });
		expect(summary.programme.filter((c) => c.assessment === 'score')).toHaveLength(8);
	});
});

describe('S2–S6 subject results', () => {
	it('S2 ĐTBmhk uses the subject’s ĐĐGtx count: Toán (4 ĐĐGtx) Ex 1 → 7,7; GDCD (2 ĐĐGtx) Ex 3 → 7,6', () => {
		const marks: MarkRecord[] = [
			...['7.0', '8.0', '6.5', '9.0', '7.5', '8.0'].map((value, i) => ({ studentId: 'a', subject: 'toan', term: 'hk1' as const, column: ['tx1', 'tx2', 'tx3', 'tx4', 'gk', 'ck'][i]!, value })),
			...['8.0', '7.0', '7.0', '8.0'].map((value, i) => ({ studentId: 'a', subject: 'gdcd', term: 'hk1' as const, column: ['tx1', 'tx2', 'gk', 'ck'][i]!, value }))
		];
		const summary = buildClassSummary({ subjects: SUBJECTS, students: [student('a')], marks, homeroom: [] }, 'hk1');
		expect(summary.students[0]!.subjects.toan).toEqual({ ok: true, value: { kind: 'score', average: 77 } });
		expect(summary.students[0]!.subjects.gdcd).toEqual({ ok: true, value: { kind: 'score', average: 76 } });
	});

	it('S2 a missing mark → the average is not computed and the reason names the cell (G5)', () => {
		const marks = studentMarks('a', EX6).filter((m) => !(m.subject === 'toan' && m.term === 'hk2' && m.column === 'ck'));
		const summary = buildClassSummary(classOf({ id: 'a', marks, homeroom: homeroom('a', ['Tốt', 'Tốt']) }), 'hk2');
		const row = summary.students[0]!;
		expect(row.subjects.toan).toEqual({ ok: false, reason: 'Thiếu ĐĐGck' });
		expect(row.academic).toEqual({ ok: false, reason: 'Chưa đủ kết quả: Toán (Thiếu ĐĐGck)' });
		// Term I is complete and still classified.
		expect(buildClassSummary(classOf({ id: 'a', marks, homeroom: [] }), 'hk1').students[0]!.academic).toMatchObject({ ok: true, value: { level: 'Tốt' } });
	});

	it('S2 a cleared cell (null) is missing, never 0', () => {
		const marks = studentMarks('a', EX6).map((m) => (m.subject === 'toan' && m.column === 'tx2' ? { ...m, value: null } : m));
		expect(buildClassSummary(classOf({ id: 'a', marks, homeroom: [] }), 'hk1').students[0]!.subjects.toan).toEqual({ ok: false, reason: 'Thiếu ĐĐGtx2' });
	});

	it('S3 a comment subject is Đ only when all four assessments are Đ (Ex 10, rule ALL); 2/3 rule configurable', () => {
		const marks = [
			...uniform('a', 'hdtn-hn', 'hk1', 'Đ').map((m) => (m.column === 'tx2' ? { ...m, value: 'CĐ' } : m))
		];
		const input = { subjects: SUBJECTS, students: [student('a')], marks, homeroom: [] };
		expect(buildClassSummary(input, 'hk1').students[0]!.subjects['hdtn-hn']).toEqual({ ok: true, value: { kind: 'comment', result: 'CĐ' } });
		expect(buildClassSummary(input, 'hk1', { commentRule: 'TWO_THIRDS_INCL_FINAL' }).students[0]!.subjects['hdtn-hn']).toEqual({
			ok: true,
			value: { kind: 'comment', result: 'Đ' }
		});
	});

	it('S4 Nghệ thuật is Đ only when both Âm nhạc and Mĩ thuật are Đ; a missing part makes it missing', () => {
		const base = studentMarks('a', EX6);
		const withMiThuat = (value: string | null) => base.map((m) => (m.subject === 'mi-thuat' && m.term === 'hk1' && m.column === 'ck' ? { ...m, value } : m));
		const run = (marks: MarkRecord[]) => buildClassSummary(classOf({ id: 'a', marks, homeroom: [] }), 'hk1').students[0]!;
		expect(run(base).programme['nghe-thuat']).toEqual({ ok: true, value: { kind: 'comment', result: 'Đ' } });
		const failed = run(withMiThuat('CĐ'));
		expect(failed.subjects['am-nhac']).toEqual({ ok: true, value: { kind: 'comment', result: 'Đ' } });
		expect(failed.subjects['mi-thuat']).toEqual({ ok: true, value: { kind: 'comment', result: 'CĐ' } });
		expect(failed.programme['nghe-thuat']).toEqual({ ok: true, value: { kind: 'comment', result: 'CĐ' } });
		// One CĐ programme subject only: Đạt, lifted to Khá by khoản 3 (as Ex 7) — it counts once, not twice.
		expect(failed.academic).toEqual({ ok: true, value: { level: 'Khá', computedLevel: 'Đạt', adjustedBy: 'Nghệ thuật' } });
		expect(run(withMiThuat(null)).programme['nghe-thuat']).toEqual({ ok: false, reason: 'Mĩ thuật: Thiếu ĐGck' });
	});

	it('S5 ĐTBmcn from the rounded term averages: Ex 4 (6,3 / 6,6 → 6,5) and Ex 5 (5,5 / 4,7 → 5,0)', () => {
		const marks = [...uniform('a', 'toan', 'hk1', '6.3'), ...uniform('a', 'toan', 'hk2', '6.6'), ...uniform('a', 'gdcd', 'hk1', '5.5'), ...uniform('a', 'gdcd', 'hk2', '4.7')];
		const row = buildClassSummary({ subjects: SUBJECTS, students: [student('a')], marks, homeroom: [] }, 'year').students[0]!;
		expect(row.subjects.toan).toEqual({ ok: true, value: { kind: 'score', average: 65 } });
		expect(row.subjects.gdcd).toEqual({ ok: true, value: { kind: 'score', average: 50 } });
	});

	it('S5 without a term I result there is no year average (no term II fallback); the reason names the term', () => {
		const marks = uniform('a', 'toan', 'hk2', '8.0');
		const row = buildClassSummary({ subjects: SUBJECTS, students: [student('a')], marks, homeroom: [] }, 'year').students[0]!;
		expect(row.subjects.toan).toEqual({ ok: false, reason: 'HK I: Thiếu ĐĐGtx1' });
		expect(row.subjects['ngu-van']).toEqual({ ok: false, reason: 'HK I: Thiếu ĐĐGtx1; HK II: Thiếu ĐĐGtx1' });
	});

	it('S6 a comment subject’s year result is its term II result (Ex 10)', () => {
		const marks = [...uniform('a', 'gdtc', 'hk1', 'CĐ'), ...uniform('a', 'gdtc', 'hk2', 'Đ')];
		const row = buildClassSummary({ subjects: SUBJECTS, students: [student('a')], marks, homeroom: [] }, 'year').students[0]!;
		expect(row.subjects.gdtc).toEqual({ ok: true, value: { kind: 'comment', result: 'Đ' } });
	});
});

describe('S7–S11 worked examples assembled through the summary', () => {
	it('S7 S10 S11 Ex 6: six 8,0 and two 6,5, comments Đ → Tốt; conduct Tốt → Giỏi (Ex 9), Lên lớp', () => {
		const summary = buildClassSummary(classOf({ id: 'a', marks: studentMarks('a', EX6), homeroom: homeroom('a', ['Tốt', 'Tốt']) }), 'year');
		const row = summary.students[0]!;
		expect(row.academic).toEqual({ ok: true, value: { level: 'Tốt', computedLevel: 'Tốt', adjustedBy: null } });
		expect(row.award).toEqual({ ok: true, value: 'Giỏi' });
		expect(row.promotion).toEqual({ ok: true, value: 'Lên lớp' });
	});

	it('S7 Ex 6 with one 8,0 → 7,9: only five ≥ 8,0 → Khá, no award', () => {
		const row = buildClassSummary(classOf({ id: 'a', marks: studentMarks('a', [7.9, 8, 8, 8, 8, 8, 6.5, 6.5]), homeroom: homeroom('a', ['Tốt', 'Tốt']) }), 'year').students[0]!;
		expect(row.academic).toMatchObject({ ok: true, value: { level: 'Khá' } });
		expect(row.award).toEqual({ ok: true, value: null });
	});

	it('S7 Ex 7: GDTC Chưa đạt → computed Đạt, adjusted to Khá by khoản 3, caused by GDTC; two CĐ → Chưa đạt → Kiểm tra lại', () => {
		const oneFail = studentMarks('a', EX6, ['CĐ', 'Đ', 'Đ', 'Đ', 'Đ']);
		const twoFails = studentMarks('b', EX6, ['CĐ', 'Đ', 'Đ', 'CĐ', 'Đ']);
		const summary = buildClassSummary(
			classOf({ id: 'a', marks: oneFail, homeroom: homeroom('a', ['Tốt', 'Tốt']) }, { id: 'b', marks: twoFails, homeroom: homeroom('b', ['Tốt', 'Tốt']) }),
			'year'
		);
		expect(summary.students[0]!.academic).toEqual({ ok: true, value: { level: 'Khá', computedLevel: 'Đạt', adjustedBy: 'Giáo dục thể chất' } });
		expect(summary.students[1]!.academic).toEqual({ ok: true, value: { level: 'Chưa đạt', computedLevel: 'Chưa đạt', adjustedBy: null } });
		expect(summary.students[1]!.promotion).toEqual({ ok: true, value: 'Kiểm tra lại' });
	});

	it('S7 S11 Ex 8: one subject at 3,4 → computed Chưa đạt, adjusted to Đạt → Lên lớp', () => {
		const row = buildClassSummary(
			classOf({ id: 'a', marks: studentMarks('a', [9, 8.5, 8.5, 8.2, 8, 8, 7, 3.4]), homeroom: homeroom('a', ['Khá', 'Khá'], [10, 12]) }),
			'year'
		).students[0]!;
		expect(row.academic).toEqual({ ok: true, value: { level: 'Đạt', computedLevel: 'Chưa đạt', adjustedBy: 'Tin học' } });
		expect(row.promotion).toEqual({ ok: true, value: 'Lên lớp' });
	});

	it('S10 Ex 9: six subjects ≥ 9,0, conduct Tốt → Xuất sắc; conduct Khá → no award', () => {
		const averages = [9.5, 9.2, 9, 9, 9.1, 9.3, 7, 8];
		const summary = buildClassSummary(
			classOf({ id: 'a', marks: studentMarks('a', averages), homeroom: homeroom('a', ['Tốt', 'Tốt']) }, { id: 'b', marks: studentMarks('b', averages), homeroom: homeroom('b', ['Tốt', 'Khá']) }),
			'year'
		);
		expect(summary.students[0]!.award).toEqual({ ok: true, value: 'Xuất sắc' });
		expect(summary.students[1]!.conduct).toEqual({ ok: true, value: 'Khá' });
		expect(summary.students[1]!.award).toEqual({ ok: true, value: null });
	});

	it('S8 S11 Ex 11: conduct I Tốt / II Đạt → Khá; I CĐ / II Tốt → Khá; I Khá / II CĐ → CĐ → Rèn luyện trong hè', () => {
		const run = (conduct: [Level, Level]) =>
			buildClassSummary(classOf({ id: 'a', marks: studentMarks('a', EX6), homeroom: homeroom('a', conduct) }), 'year').students[0]!;
		expect(run(['Tốt', 'Đạt']).conduct).toEqual({ ok: true, value: 'Khá' });
		expect(run(['Chưa đạt', 'Tốt']).conduct).toEqual({ ok: true, value: 'Khá' });
		const summer = run(['Khá', 'Chưa đạt']);
		expect(summer.conduct).toEqual({ ok: true, value: 'Chưa đạt' });
		expect(summer.promotion).toEqual({ ok: true, value: 'Rèn luyện trong hè' });
		expect(summer.award).toEqual({ ok: true, value: null });
	});

	it('S8 a term shows the conduct level entered for it; awards and paths are year-only', () => {
		const row = buildClassSummary(classOf({ id: 'a', marks: studentMarks('a', EX6), homeroom: homeroom('a', ['Khá', 'Tốt'], [3, 4]) }), 'hk1').students[0]!;
		expect(row.conduct).toEqual({ ok: true, value: 'Khá' });
		expect(row.absences).toEqual({ ok: true, value: 3 });
		expect(row.award).toBeNull();
		expect(row.promotion).toBeNull();
	});

	it('S9 S11 Ex 13: 44 sessions (30 + 14) → Lên lớp; 46 → Ở lại lớp whatever the marks', () => {
		const summary = buildClassSummary(
			classOf(
				{ id: 'a', marks: studentMarks('a', EX6), homeroom: homeroom('a', ['Tốt', 'Tốt'], [30, 14]) },
				{ id: 'b', marks: studentMarks('b', [9.5, 9.2, 9, 9, 9.1, 9.3, 7, 8]), homeroom: homeroom('b', ['Tốt', 'Tốt'], [30, 16]) },
				{ id: 'c', marks: [], homeroom: homeroom('c', ['Tốt', 'Tốt'], [40, 10]) }
			),
			'year'
		);
		expect(summary.students[0]!.absences).toEqual({ ok: true, value: 44 });
		expect(summary.students[0]!.promotion).toEqual({ ok: true, value: 'Lên lớp' });
		expect(summary.students[1]!.absences).toEqual({ ok: true, value: 46 });
		expect(summary.students[1]!.promotion).toEqual({ ok: true, value: 'Ở lại lớp' });
		// Absences decide alone (G13 step 1), even with no marks at all.
		expect(summary.students[2]!.academic.ok).toBe(false);
		expect(summary.students[2]!.promotion).toEqual({ ok: true, value: 'Ở lại lớp' });
	});

	it('S8 S9 S11 missing conduct or absences → not computed, with the reason', () => {
		const noConduct: HomeroomRecord[] = [
			{ studentId: 'a', term: 'hk1', conduct: 'Tốt', absences: counts(2) },
			{ studentId: 'a', term: 'hk2', conduct: null, absences: counts(null, null) }
		];
		const row = buildClassSummary(classOf({ id: 'a', marks: studentMarks('a', EX6), homeroom: noConduct }), 'year').students[0]!;
		expect(row.conduct).toEqual({ ok: false, reason: 'Chưa xếp loại rèn luyện HK II' });
		expect(row.absences).toEqual({ ok: false, reason: 'Chưa nhập số buổi nghỉ HK II' });
		expect(row.award).toEqual({ ok: false, reason: 'Chưa xếp loại rèn luyện HK II' });
		expect(row.promotion).toEqual({ ok: false, reason: 'Chưa nhập số buổi nghỉ HK II' });
		expect(row.absenceKinds).toBeNull();
	});

	it('S9 a term: có phép and không phép apart, their sum is the absences', () => {
		const row = buildClassSummary(classOf({ id: 'a', marks: [], homeroom: homeroom('a', ['Tốt', 'Tốt'], [counts(3, 2), counts(1, 0)]) }), 'hk1').students[0]!;
		expect(row.absences).toEqual({ ok: true, value: 5 });
		expect(row.absenceKinds).toEqual({ excused: 3, unexcused: 2, unclassified: 0, total: 5 });
	});

	it('S9 S11 the year adds both kinds of both terms; G13 counts the total (20+10 + 10+6 = 46 → Ở lại lớp)', () => {
		const row = buildClassSummary(classOf({ id: 'a', marks: studentMarks('a', EX6), homeroom: homeroom('a', ['Tốt', 'Tốt'], [counts(20, 10), counts(10, 6)]) }), 'year').students[0]!;
		expect(row.absences).toEqual({ ok: true, value: 46 });
		expect(row.absenceKinds).toEqual({ excused: 30, unexcused: 16, unclassified: 0, total: 46 });
		expect(row.promotion).toEqual({ ok: true, value: 'Ở lại lớp' });
	});

	it('S9 one kind entered without the other → not computed, the reason names the missing kind', () => {
		const row = buildClassSummary(classOf({ id: 'a', marks: [], homeroom: homeroom('a', ['Tốt', 'Tốt'], [counts(3, 0), counts(4, null)]) }), 'year').students[0]!;
		expect(row.absences).toEqual({ ok: false, reason: 'Chưa nhập số buổi nghỉ không phép HK II' });
		expect(row.promotion).toEqual({ ok: false, reason: 'Chưa nhập số buổi nghỉ không phép HK II' });
		const hk1 = buildClassSummary(classOf({ id: 'a', marks: [], homeroom: homeroom('a', ['Tốt', 'Tốt'], [counts(null, 2), 0]) }), 'hk1').students[0]!;
		expect(hk1.absences).toEqual({ ok: false, reason: 'Chưa nhập số buổi nghỉ có phép HK I' });
	});

	it('S9 H3 an old undivided number counts in the total as unclassified (25 old + 20 + 4 = 49 → Ở lại lớp)', () => {
		const row = buildClassSummary(classOf({ id: 'a', marks: [], homeroom: homeroom('a', ['Tốt', 'Tốt'], [counts(null, null, 25), counts(20, 4)]) }), 'year').students[0]!;
		expect(row.absences).toEqual({ ok: true, value: 49 });
		expect(row.absenceKinds).toEqual({ excused: 20, unexcused: 4, unclassified: 25, total: 49 });
		expect(row.promotion).toEqual({ ok: true, value: 'Ở lại lớp' });
	});

	it('S9 a stored count that is not a whole number ≥ 0 is reported, never added', () => {
		const row = buildClassSummary(classOf({ id: 'a', marks: [], homeroom: homeroom('a', ['Tốt', 'Tốt'], [counts(-1, 2), 0]) }), 'hk1').students[0]!;
		expect(row.absences).toEqual({ ok: false, reason: 'Số buổi nghỉ HK I không hợp lệ' });
	});
});

describe('S12–S14 counts, invalid marks, histograms', () => {
	it('S12 counts per academic level, conduct, award and path, with "not computed" apart', () => {
		const summary = buildClassSummary(
			classOf(
				{ id: 'a', marks: studentMarks('a', [9.5, 9.2, 9, 9, 9.1, 9.3, 7, 8]), homeroom: homeroom('a', ['Tốt', 'Tốt']) },
				{ id: 'b', marks: studentMarks('b', EX6), homeroom: homeroom('b', ['Tốt', 'Tốt']) },
				{ id: 'c', marks: studentMarks('c', EX6, ['CĐ', 'CĐ', 'Đ', 'Đ', 'Đ']), homeroom: homeroom('c', ['Khá', 'Khá']) },
				{ id: 'd', marks: studentMarks('d', EX6), homeroom: homeroom('d', ['Khá', 'Chưa đạt']) },
				{ id: 'e', marks: [], homeroom: homeroom('e', ['Tốt', 'Tốt'], [25, 25]) },
				{ id: 'f', marks: [], homeroom: [] }
			),
			'year'
		);
		expect(summary.counts.academic).toEqual({ Tốt: 3, Khá: 0, Đạt: 0, 'Chưa đạt': 1, missing: 2 });
		expect(summary.counts.conduct).toEqual({ Tốt: 3, Khá: 1, Đạt: 0, 'Chưa đạt': 1, missing: 1 });
		expect(summary.counts.award).toEqual({ 'Xuất sắc': 1, Giỏi: 1, none: 2, missing: 2 });
		expect(summary.counts.promotion).toEqual({ 'Lên lớp': 2, 'Rèn luyện trong hè': 1, 'Kiểm tra lại': 1, 'Ở lại lớp': 1, missing: 1 });
		const term = buildClassSummary(classOf({ id: 'a', marks: studentMarks('a', EX6), homeroom: homeroom('a', ['Tốt', 'Tốt']) }), 'hk1');
		expect(term.counts.award).toBeNull();
		expect(term.counts.promotion).toBeNull();
	});

	it('S13 a non-canonical value or a mark of the wrong kind is invalid: shown as a reason, never a number', () => {
		const marks = studentMarks('a', EX6).map((m) =>
			m.term === 'hk1' && m.column === 'tx1' && m.subject === 'toan' ? { ...m, value: '7,25' } : m.term === 'hk1' && m.column === 'gk' && m.subject === 'gdtc' ? { ...m, value: '8.0' } : m
		);
		const row = buildClassSummary(classOf({ id: 'a', marks, homeroom: [] }), 'hk1').students[0]!;
		expect(row.subjects.toan).toEqual({ ok: false, reason: 'ĐĐGtx1 không hợp lệ' });
		expect(row.subjects.gdtc).toEqual({ ok: false, reason: 'ĐGgk không hợp lệ' });
		expect(row.academic.ok).toBe(false);
	});

	it('S14 averages are binned on the TT22 thresholds; boundaries go to the upper bin; missing counted apart', () => {
		const students = [3.4, 3.5, 4.9, 5, 6.4, 6.5, 7.9, 8, 8.9, 9, 10];
		const entries = students.map((avg, i) => ({ id: `s${i}`, marks: uniform(`s${i}`, 'toan', 'hk1', avg.toFixed(1)), homeroom: [] }));
		const summary = buildClassSummary(classOf(...entries, { id: 'none', marks: [], homeroom: [] }), 'hk1');
		const toan = summary.histograms.find((h) => h.subject === 'toan')!;
		expect(toan.bins.map((b) => [b.label, b.count])).toEqual([
			['< 3,5', 1],
			['3,5–4,9', 2],
			['5,0–6,4', 2],
			['6,5–7,9', 2],
			['8,0–8,9', 2],
			['9,0–10', 2]
		]);
		expect(toan.missing).toBe(1);
		expect(summary.histograms.map((h) => h.subject)).toEqual(SCORED);
	});
});
