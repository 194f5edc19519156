/**
 * The homeroom teacher's class summary (issue 4 §4) for a term or the year, assembled from plain
 * inputs through the TT22 engine: every subject's average or result per student, the academic
 * level, conduct, absences, award and promotion path, with counts per level and a histogram per
 * scored subject. Rules S1–S14 in SPEC.md.
 */
import {
	DEFAULT_COMMENT_RULE,
	attempt,
	awardTenths,
	classifyAcademicTenths,
	conductYearLevel,
	promotion,
	type AdjustmentScope,
	type CommentRule,
	type Level,
	type SubjectResultTenths,
	type Tenths
} from '../tt22';
import { ABSENCE_KIND_LABEL, addAbsences, termAbsences } from '../homeroom/absences';
import { summaryCounts, subjectHistograms } from './summary-counts';
import { combineUnits, termResult, yearResult, type TermCells } from './subject-results';
import type {
	AbsenceCounts,
	AcademicResult,
	ClassSummary,
	HomeroomRecord,
	MarkRecord,
	Outcome,
	ProgrammeColumn,
	StudentSummary,
	SubjectValue,
	SummaryPeriod,
	SummarySubject,
	SummaryStudent,
	Term,
	TermAbsences
} from './types';

export interface ClassSummaryInput {
	readonly subjects: readonly SummarySubject[];
	readonly students: readonly SummaryStudent[];
	readonly marks: readonly MarkRecord[];
	readonly homeroom: readonly HomeroomRecord[];
}

export interface ClassSummaryOptions {
	/** G7 / decision D1. */
	readonly commentRule?: CommentRule;
	/** G10 / decision D2. */
	readonly adjustment?: AdjustmentScope;
}

const TERMS: readonly Term[] = ['hk1', 'hk2'];
const TERM_LABEL: Record<Term, string> = { hk1: 'HK I', hk2: 'HK II' };
/** How many missing subjects a reason names before "+n môn". */
const REASON_SUBJECTS = 3;

/** S1: programme columns in the order of the units, one per programme subject. */
export function programmeColumns(subjects: readonly SummarySubject[]): ProgrammeColumn[] {
	const columns: ProgrammeColumn[] = [];
	for (const subject of subjects) {
		const existing = columns.find((c) => c.code === subject.programmeSubject);
		if (existing) (existing.units as string[]).push(subject.code);
		else
			columns.push({
				code: subject.programmeSubject,
				name: subject.programmeName,
				shortName: subject.programmeShortName,
				assessment: subject.assessment,
				units: [subject.code]
			});
	}
	return columns;
}

/** marks[student][subject][term] = { column: text } */
function indexMarks(marks: readonly MarkRecord[]): Map<string, TermCells> {
	const index = new Map<string, Record<string, string | null>>();
	for (const mark of marks) {
		const key = `${mark.studentId}|${mark.subject}|${mark.term}`;
		const cells = index.get(key) ?? {};
		cells[mark.column] = mark.value;
		index.set(key, cells);
	}
	return index;
}

function unitOutcomes(
	subjects: readonly SummarySubject[],
	cellsOf: (subject: string, term: Term) => TermCells,
	period: SummaryPeriod,
	rule: CommentRule
): Record<string, Outcome<SubjectValue>> {
	const outcomes: Record<string, Outcome<SubjectValue>> = {};
	for (const subject of subjects) {
		const term = (t: Term) => termResult(subject, cellsOf(subject.code, t), rule);
		outcomes[subject.code] = period === 'year' ? yearResult(term('hk1'), term('hk2')) : term(period);
	}
	return outcomes;
}

function listReasons(missing: readonly string[]): string {
	const shown = missing.slice(0, REASON_SUBJECTS).join('; ');
	return missing.length > REASON_SUBJECTS ? `${shown}; +${missing.length - REASON_SUBJECTS} môn` : shown;
}

/** S7: G9–G10 over the programme subjects; not computed while any of them is missing. */
function academicOf(columns: readonly ProgrammeColumn[], programme: Record<string, Outcome<SubjectValue>>, adjustment: AdjustmentScope): Outcome<AcademicResult> {
	const missing: string[] = [];
	const inputs: SubjectResultTenths[] = [];
	for (const column of columns) {
		const outcome = programme[column.code];
		if (!outcome || !outcome.ok) {
			missing.push(`${column.shortName} (${outcome?.ok === false ? outcome.reason : 'chưa có điểm'})`);
			continue;
		}
		const value = outcome.value;
		inputs.push(value.kind === 'score' ? { kind: 'score', average: value.average as Tenths } : { kind: 'comment', result: value.result });
	}
	if (missing.length > 0) return { ok: false, reason: `Chưa đủ kết quả: ${listReasons(missing)}` };
	const result = attempt(() => classifyAcademicTenths(inputs, { adjustment }));
	if (!result.ok) return { ok: false, reason: result.reason };
	const { level, computedLevel, adjustedBy } = result.value;
	return { ok: true, value: { level, computedLevel, adjustedBy: adjustedBy === null ? null : (columns[adjustedBy]?.name ?? null) } };
}

/** S8: the term level as entered; the year level by G11 from both terms. */
function conductOf(records: ReadonlyMap<Term, HomeroomRecord>, period: SummaryPeriod): Outcome<Level> {
	const termLevel = (term: Term): Outcome<Level> => {
		const level = records.get(term)?.conduct ?? null;
		return level === null ? { ok: false, reason: `Chưa xếp loại rèn luyện ${TERM_LABEL[term]}` } : { ok: true, value: level };
	};
	if (period !== 'year') return termLevel(period);
	const [first, second] = [termLevel('hk1'), termLevel('hk2')];
	if (!first.ok) return first;
	if (!second.ok) return second;
	const year = attempt(() => conductYearLevel(first.value, second.value));
	return year.ok ? { ok: true, value: year.value } : { ok: false, reason: year.reason };
}

/** S9 (homeroom H3): sessions absent by kind in the term; for the year, both terms added up. */
function absencesOf(records: ReadonlyMap<Term, HomeroomRecord>, period: SummaryPeriod): Outcome<TermAbsences> {
	const terms = period === 'year' ? TERMS : [period];
	const counted: TermAbsences[] = [];
	for (const term of terms) {
		const counts = records.get(term)?.absences ?? NO_ABSENCES;
		if (![counts.excused, counts.unexcused, counts.unclassified].every((n) => n === null || (Number.isSafeInteger(n) && n >= 0))) {
			return { ok: false, reason: `Số buổi nghỉ ${TERM_LABEL[term]} không hợp lệ` };
		}
		const outcome = termAbsences(counts);
		if (!outcome.ok) {
			const kind = outcome.missing === 'all' ? '' : ` ${ABSENCE_KIND_LABEL[outcome.missing]}`;
			return { ok: false, reason: `Chưa nhập số buổi nghỉ${kind} ${TERM_LABEL[term]}` };
		}
		counted.push(outcome.value);
	}
	return { ok: true, value: addAbsences(counted) };
}

const NO_ABSENCES: AbsenceCounts = { excused: null, unexcused: null, unclassified: null };

function yearAverages(columns: readonly ProgrammeColumn[], programme: Record<string, Outcome<SubjectValue>>): Tenths[] {
	return columns.flatMap((column) => {
		const outcome = programme[column.code];
		return outcome?.ok && outcome.value.kind === 'score' ? [outcome.value.average as Tenths] : [];
	});
}

function studentSummary(
	input: ClassSummaryInput,
	student: SummaryStudent,
	marks: Map<string, TermCells>,
	homeroom: ReadonlyMap<Term, HomeroomRecord>,
	period: SummaryPeriod,
	options: Required<ClassSummaryOptions>,
	columns: readonly ProgrammeColumn[]
): StudentSummary {
	const cellsOf = (subject: string, term: Term) => marks.get(`${student.id}|${subject}|${term}`) ?? {};
	const subjects = unitOutcomes(input.subjects, cellsOf, period, options.commentRule);
	const nameOf = new Map(input.subjects.map((s) => [s.code, s.shortName]));
	const programme: Record<string, Outcome<SubjectValue>> = {};
	for (const column of columns) {
		programme[column.code] = combineUnits(column.units.map((unit) => ({ name: nameOf.get(unit) ?? unit, outcome: subjects[unit] ?? { ok: false, reason: 'chưa có điểm' } })));
	}
	const academic = academicOf(columns, programme, options.adjustment);
	const conduct = conductOf(homeroom, period);
	const byKind = absencesOf(homeroom, period);
	const absences: Outcome<number> = byKind.ok ? { ok: true, value: byKind.value.total } : byKind;
	const absenceKinds = byKind.ok ? byKind.value : null;
	if (period !== 'year') return { student, subjects, programme, academic, conduct, absences, absenceKinds, award: null, promotion: null };
	return { student, subjects, programme, academic, conduct, absences, absenceKinds, ...yearOutcomes(academic, conduct, absences, yearAverages(columns, programme)) };
}

/** S10 (G12) and S11 (G13): year only, and only when their inputs are all computed. */
function yearOutcomes(academic: Outcome<AcademicResult>, conduct: Outcome<Level>, absences: Outcome<number>, averages: Tenths[]) {
	const award: StudentSummary['award'] =
		!academic.ok ? { ok: false, reason: academic.reason } : !conduct.ok ? conduct : fromEngine(() => awardTenths({ conduct: conduct.value, academic: academic.value.level, yearAverages: averages }));
	// Absences decide first (G13 step 1): 46 sessions repeat the grade whatever else is missing.
	const promoted: StudentSummary['promotion'] =
		absences.ok && absences.value > 45
			? fromEngine(() => promotion({ conduct: 'Tốt', academic: 'Tốt', absences: absences.value }))
			: !absences.ok
				? absences
				: !conduct.ok
					? conduct
					: !academic.ok
						? { ok: false, reason: academic.reason }
						: fromEngine(() => promotion({ conduct: conduct.value, academic: academic.value.level, absences: absences.value }));
	return { award, promotion: promoted };
}

function fromEngine<T>(run: () => T): Outcome<T> {
	const result = attempt(run);
	return result.ok ? { ok: true, value: result.value } : { ok: false, reason: result.reason };
}

export function buildClassSummary(input: ClassSummaryInput, period: SummaryPeriod, options: ClassSummaryOptions = {}): ClassSummary {
	const settings: Required<ClassSummaryOptions> = {
		commentRule: options.commentRule ?? DEFAULT_COMMENT_RULE,
		adjustment: options.adjustment ?? 'ALL_SUBJECTS'
	};
	const columns = programmeColumns(input.subjects);
	const marks = indexMarks(input.marks);
	const homeroom = new Map<string, Map<Term, HomeroomRecord>>();
	for (const record of input.homeroom) {
		const byTerm = homeroom.get(record.studentId) ?? new Map<Term, HomeroomRecord>();
		byTerm.set(record.term, record);
		homeroom.set(record.studentId, byTerm);
	}
	const students = input.students.map((student) =>
		studentSummary(input, student, marks, homeroom.get(student.id) ?? new Map(), period, settings, columns)
	);
	return {
		period,
		subjects: input.subjects,
		programme: columns,
		students,
		counts: summaryCounts(students, period),
		histograms: subjectHistograms(input.subjects, students)
	};
}
