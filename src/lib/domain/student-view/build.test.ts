import { describe, expect, it } from 'vitest';
import { buildClassSummary, REGULAR_COLUMNS, summarySubjects, type HomeroomRecord, type MarkRecord, type Term } from '../reports';
import { formatTenths } from '../marks/mark-input';
import { tenthsFromInteger, termAverageTenths, yearAverageTenths, type Tenths } from '../tt22';
import { buildStudentView, type StudentHomeroomRecord, type StudentViewInput } from './build';

const UNITS = ['ngu-van', 'toan', 'ngoai-ngu-1', 'gdcd', 'ls-dl', 'khtn', 'cong-nghe', 'tin-hoc', 'gdtc', 'am-nhac', 'mi-thuat', 'hdtn-hn', 'gddp'];
const SUBJECTS = summarySubjects(UNITS, 7);
const SCORED = SUBJECTS.filter((s) => s.assessment === 'score');
const COMMENT = SUBJECTS.filter((s) => s.assessment === 'comment');

const child = { id: 'hs-child', name: 'Nguyễn Thị Bình', code: '0790000001' };
const other = { id: 'hs-other', name: 'Trần Văn Khác', code: '0790000999' };

/** Marks that differ per subject, column and term, so averages are not trivial. */
function marksOf(studentId: string, base: number): MarkRecord[] {
	return (['hk1', 'hk2'] as Term[]).flatMap((term, t) => [
		...SCORED.flatMap((subject, i) =>
			[...REGULAR_COLUMNS.slice(0, subject.regularCount), 'gk', 'ck'].map((column, c) => ({
				studentId,
				subject: subject.code,
				term,
				column,
				value: (((base + i * 7 + c * 3 + t * 5) % 51) / 10 + 5).toFixed(1)
			}))
		),
		...COMMENT.flatMap((subject) =>
			[...REGULAR_COLUMNS.slice(0, subject.regularCount), 'gk', 'ck'].map((column) => ({ studentId, subject: subject.code, term, column, value: 'Đ' }))
		)
	]);
}

function homeroomOf(studentId: string, comment: string): StudentHomeroomRecord[] {
	return (['hk1', 'hk2'] as Term[]).map((term) => ({
		studentId,
		term,
		conduct: 'Tốt',
		absences: { excused: 2, unexcused: term === 'hk1' ? 1 : 0, unclassified: null },
		comment: `${comment} ${term}`,
		conductComment: ''
	}));
}

const input: StudentViewInput = {
	student: child,
	schoolName: 'THCS Nguyễn Văn Bé',
	className: '7A2',
	grade: 7,
	year: '2025-2026',
	subjects: SUBJECTS,
	// Another student's rows in the input must not leak into the view (PV1).
	marks: [...marksOf(child.id, 3), ...marksOf(other.id, 11)],
	homeroom: [...homeroomOf(child.id, 'Chăm ngoan'), ...homeroomOf(other.id, 'Hay nói chuyện riêng')],
	locks: { hk1: true, hk2: false },
	pending: [
		{ studentId: child.id, subject: 'toan', term: 'hk2', column: 'gk' },
		{ studentId: other.id, subject: 'ngu-van', term: 'hk2', column: 'ck' }
	],
	comments: [
		{ studentId: child.id, subject: 'toan', term: 'hk1', text: '  Tiến bộ rõ ở phần hình học. ' },
		{ studentId: other.id, subject: 'toan', term: 'hk1', text: 'Cần tập trung hơn trong giờ học.' },
		{ studentId: other.id, subject: 'ngu-van', term: 'hk2', text: 'Bài văn còn sơ sài.' }
	]
};

describe('buildStudentView', () => {
	const view = buildStudentView(input);

	it('PV1 holds only the child: no other student’s id, name, code, marks, comments or corrections', () => {
		const json = JSON.stringify(view);
		for (const leak of [other.id, other.name, other.code, 'Hay nói chuyện riêng']) expect(json).not.toContain(leak);
		expect(view.student).toEqual(child);
		expect(view.subjects.find((s) => s.code === 'ngu-van')!.terms.hk2.pending).toEqual([]);
		expect(view.subjects.find((s) => s.code === 'toan')!.terms.hk2.pending).toEqual(['gk']);
		expect(view.periods.hk1.comment).toBe('Chăm ngoan hk1');
		expect(view.locks).toEqual({ hk1: true, hk2: false });
	});

	it('PV9 each subject and term carries the subject teacher’s comment on the child only', () => {
		const toan = view.subjects.find((s) => s.code === 'toan')!;
		expect(toan.terms.hk1.comment).toBe('Tiến bộ rõ ở phần hình học.');
		expect(toan.terms.hk2.comment).toBe('');
		expect(view.subjects.find((s) => s.code === 'ngu-van')!.terms.hk2.comment).toBe('');
		const json = JSON.stringify(view);
		for (const leak of ['Cần tập trung hơn', 'Bài văn còn sơ sài']) expect(json).not.toContain(leak);
	});

	it('PV2 term and year averages are exactly the TT22 engine’s, computed from the child’s marks', () => {
		const childMarks = input.marks.filter((m) => m.studentId === child.id);
		for (const subject of SCORED) {
			const termAverage = (term: Term) => {
				const cell = (column: string) => tenthsFromInteger(Math.round(Number(childMarks.find((m) => m.subject === subject.code && m.term === term && m.column === column)!.value) * 10));
				return termAverageTenths(
					{ regular: REGULAR_COLUMNS.slice(0, subject.regularCount).map(cell), midterm: cell('gk'), final: cell('ck') },
					{ regularCount: subject.regularCount }
				);
			};
			const shown = view.subjects.find((s) => s.code === subject.code)!;
			const [first, second] = [termAverage('hk1'), termAverage('hk2')];
			expect(shown.terms.hk1.result).toEqual({ ok: true, text: formatTenths(first) });
			expect(shown.terms.hk2.result).toEqual({ ok: true, text: formatTenths(second) });
			expect(shown.year).toEqual({ ok: true, text: formatTenths(yearAverageTenths(first as Tenths, second as Tenths)) });
		}
		for (const subject of COMMENT) expect(view.subjects.find((s) => s.code === subject.code)!.year).toEqual({ ok: true, text: 'Đ' });
	});

	it('PV2 the academic level, conduct, absences and promotion equal the class summary’s row for the child', () => {
		const homeroom: readonly HomeroomRecord[] = input.homeroom;
		const classInput = { subjects: SUBJECTS, students: [other, child], marks: input.marks, homeroom };
		for (const period of ['hk1', 'hk2', 'year'] as const) {
			const row = buildClassSummary(classInput, period).students.find((s) => s.student.id === child.id)!;
			const shown = view.periods[period];
			expect(shown.academic).toEqual(row.academic.ok ? { ok: true, text: row.academic.value.level } : row.academic);
			expect(shown.conduct).toEqual(row.conduct.ok ? { ok: true, text: row.conduct.value } : row.conduct);
			expect(shown.absences).toEqual(row.absenceKinds);
		}
		expect(view.periods.year.absences).toEqual({ excused: 4, unexcused: 1, unclassified: 0, total: 5 });
		expect(view.periods.year.promotion).toEqual({ ok: true, text: 'Lên lớp' });
	});

	it('shows marks as the grid does and says why a result is missing', () => {
		const partial = buildStudentView({ ...input, marks: input.marks.filter((m) => !(m.subject === 'toan' && m.term === 'hk2' && m.column === 'ck')) });
		const toan = partial.subjects.find((s) => s.code === 'toan')!;
		expect(toan.terms.hk2.marks.ck).toBe('');
		expect(toan.terms.hk2.result.ok).toBe(false);
		expect(toan.year.ok).toBe(false);
		expect(partial.periods.year.academic.ok).toBe(false);
		expect(Object.values(toan.terms.hk1.marks).every((text) => /^\d+(,\d)?$/.test(text))).toBe(true);
	});
});
