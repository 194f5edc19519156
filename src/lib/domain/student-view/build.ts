/**
 * The parent's view of one child (parents SPEC PV1–PV4, src/lib/server/parents/SPEC.md): a plain,
 * JSON-friendly projection of ONE student's marks, results, conduct and absences for one school
 * year, computed by the same class-summary code the homeroom teacher's summary uses — so every
 * average and result is exactly what the TT22 engine gives (reports SPEC S2–S11), never a second
 * implementation. Pure: the server loads the inputs from the validated SQL projections.
 */
import { formatStoredMark } from '../display/vietnamese-format';
import { formatTenths } from '../marks/mark-input';
import { buildClassSummary, promotionLabel, REGULAR_COLUMNS } from '../reports';
import type { HomeroomRecord, MarkRecord, Outcome, StudentSummary, SubjectValue, SummaryPeriod, SummarySubject, SummaryStudent, Term } from '../reports';

export const STUDENT_VIEW_TERMS: readonly Term[] = ['hk1', 'hk2'];
export const STUDENT_VIEW_PERIODS: readonly SummaryPeriod[] = ['hk1', 'hk2', 'year'];

/** A computed value as the parent reads it ("7,8", "Đ", "Tốt"), or why it is not there yet. */
export type ShownResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

export interface TermMarksView {
	/** Column key (tx1…txN, gk, ck) → the mark as shown ("7,5", "Đ"), "" when not entered. */
	readonly marks: Readonly<Record<string, string>>;
	/** ĐTBmhk (scored) or the term result Đ/CĐ (comment). */
	readonly result: ShownResult;
	/** Columns with a correction request waiting for the principal (PV4). */
	readonly pending: readonly string[];
	/** The subject teacher's comment (nhận xét) on the child for this term, '' when none (PV9). */
	readonly comment: string;
}

export interface SubjectView {
	readonly code: string;
	readonly name: string;
	readonly assessment: 'score' | 'comment';
	readonly regularCount: number;
	readonly terms: Readonly<Record<Term, TermMarksView>>;
	/** ĐTBmcn (scored) or the year result (comment). */
	readonly year: ShownResult;
}

export interface PeriodView {
	/** Kết quả học tập (Tốt/Khá/Đạt/Chưa đạt). */
	readonly academic: ShownResult;
	/** Kết quả rèn luyện. */
	readonly conduct: ShownResult;
	/** Sessions absent, có phép and không phép (and undivided, old documents); null until entered. */
	readonly absences: { readonly excused: number; readonly unexcused: number; readonly unclassified: number; readonly total: number } | null;
	readonly absencesReason: string;
	/** The homeroom teacher's comment (terms only; '' for the year). */
	readonly comment: string;
	readonly conductComment: string;
	/** Year only: danh hiệu and lên lớp; null for a term. */
	readonly award: ShownResult | null;
	readonly promotion: ShownResult | null;
}

export interface StudentView {
	readonly student: SummaryStudent;
	readonly schoolName: string;
	readonly className: string;
	readonly grade: number;
	readonly year: string;
	readonly subjects: readonly SubjectView[];
	readonly periods: Readonly<Record<SummaryPeriod, PeriodView>>;
	/** Khóa sổ per term: a locked term's marks are final. */
	readonly locks: Readonly<Record<Term, boolean>>;
}

/** A homeroom record with the homeroom teacher's texts. */
export interface StudentHomeroomRecord extends HomeroomRecord {
	readonly comment: string;
	readonly conductComment: string;
}

export interface StudentViewInput {
	readonly student: SummaryStudent;
	readonly schoolName: string;
	readonly className: string;
	readonly grade: number;
	readonly year: string;
	readonly subjects: readonly SummarySubject[];
	readonly marks: readonly MarkRecord[];
	readonly homeroom: readonly StudentHomeroomRecord[];
	readonly locks: Readonly<Record<Term, boolean>>;
	/** Cells of pending correction requests. */
	readonly pending: ReadonlyArray<{ readonly studentId: string; readonly subject: string; readonly term: Term; readonly column: string }>;
	/** Subject teachers' comments per subject and term (PV9); absent → none. */
	readonly comments?: ReadonlyArray<{ readonly studentId: string; readonly subject: string; readonly term: Term; readonly text: string }>;
}

function shownValue(outcome: Outcome<SubjectValue> | undefined): ShownResult {
	if (!outcome) return { ok: false, reason: 'Chưa có điểm' };
	if (!outcome.ok) return outcome;
	return { ok: true, text: outcome.value.kind === 'score' ? formatTenths(outcome.value.average) : outcome.value.result };
}

function shown<T>(outcome: Outcome<T> | null, text: (value: T) => string): ShownResult | null {
	if (outcome === null) return null;
	return outcome.ok ? { ok: true, text: text(outcome.value) } : { ok: false, reason: outcome.reason };
}

function markText(text: string | null | undefined): string {
	return formatStoredMark(text ?? null);
}

/**
 * PV1: only `input.student`'s rows are read, whatever else the input holds. PV2: every result
 * comes from buildClassSummary over that one student.
 */
export function buildStudentView(input: StudentViewInput): StudentView {
	const id = input.student.id;
	const marks = input.marks.filter((m) => m.studentId === id);
	const homeroom = input.homeroom.filter((h) => h.studentId === id);
	const pending = input.pending.filter((p) => p.studentId === id);
	const comments = (input.comments ?? []).filter((c) => c.studentId === id);
	const summaryInput = { subjects: input.subjects, students: [input.student], marks, homeroom };
	const summaries = Object.fromEntries(
		STUDENT_VIEW_PERIODS.map((period) => [period, buildClassSummary(summaryInput, period).students[0]!])
	) as Record<SummaryPeriod, StudentSummary>;

	const subjects: SubjectView[] = input.subjects.map((subject) => {
		const termView = (term: Term): TermMarksView => {
			const columns = [...REGULAR_COLUMNS.slice(0, subject.regularCount), 'gk', 'ck'];
			const cells = new Map(marks.filter((m) => m.subject === subject.code && m.term === term).map((m) => [m.column, m.value]));
			return {
				marks: Object.fromEntries(columns.map((column) => [column, markText(cells.get(column))])),
				result: shownValue(summaries[term].subjects[subject.code]),
				pending: pending.filter((p) => p.subject === subject.code && p.term === term).map((p) => p.column).sort(),
				comment: comments.find((c) => c.subject === subject.code && c.term === term)?.text.trim() ?? ''
			};
		};
		return {
			code: subject.code,
			name: subject.name,
			assessment: subject.assessment,
			regularCount: subject.regularCount,
			terms: { hk1: termView('hk1'), hk2: termView('hk2') },
			year: shownValue(summaries.year.subjects[subject.code])
		};
	});

	const periodView = (period: SummaryPeriod): PeriodView => {
		const summary = summaries[period];
		const record = period === 'year' ? undefined : homeroom.find((h) => h.term === period);
		return {
			academic: shown(summary.academic, (value) => value.level)!,
			conduct: shown(summary.conduct, (level) => level)!,
			absences: summary.absenceKinds,
			absencesReason: summary.absences.ok ? '' : summary.absences.reason,
			comment: record?.comment ?? '',
			conductComment: record?.conductComment ?? '',
			award: shown(summary.award, (award) => award ?? 'Không có danh hiệu'),
			promotion: shown(summary.promotion, (outcome) => promotionLabel(outcome, input.grade))
		};
	};

	return {
		student: input.student,
		schoolName: input.schoolName,
		className: input.className,
		grade: input.grade,
		year: input.year,
		subjects,
		periods: { hk1: periodView('hk1'), hk2: periodView('hk2'), year: periodView('year') },
		locks: { hk1: input.locks.hk1, hk2: input.locks.hk2 }
	};
}
