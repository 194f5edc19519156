/**
 * Plain values in and out of the class summary (SPEC.md S1–S14). Everything here is JSON-friendly
 * (records and arrays, no Maps), so a server route can hand it to a page as it is.
 */
import type { AbsenceCounts, TermAbsences } from '../homeroom/absences';
import type { Award, Level, Mark, PromotionOutcome } from '../tt22';

export type { AbsenceCounts, TermAbsences };

export type Term = 'hk1' | 'hk2';
export type SummaryPeriod = Term | 'year';

/** One gradebook unit of the class (13 compulsory: Nghệ thuật is two units, curriculum C3). */
export interface SummarySubject {
	readonly code: string;
	readonly name: string;
	readonly shortName: string;
	readonly assessment: 'score' | 'comment';
	/** ĐĐGtx per term for this class's grade (curriculum C4); comment units have 2. */
	readonly regularCount: 2 | 3 | 4;
	/** Units with the same programme subject count once in the classification (S4). */
	readonly programmeSubject: string;
	readonly programmeName: string;
	readonly programmeShortName: string;
}

export interface SummaryStudent {
	readonly id: string;
	readonly name: string;
	readonly code: string;
}

/**
 * One recorded mark, as canonical text (grade_entries.value, cell-text.ts): "7.5", "Đ", "CĐ";
 * null for a cleared cell. Text that is not canonical is an invalid mark (S13).
 */
export interface MarkRecord {
	readonly studentId: string;
	readonly subject: string;
	readonly term: Term;
	/** tx1…tx4, gk, ck (curriculum C6). */
	readonly column: string;
	readonly value: string | null;
}

/** What the homeroom teacher entered for one student and term (homeroom document). */
export interface HomeroomRecord {
	readonly studentId: string;
	readonly term: Term;
	readonly conduct: Level | null;
	/** Sessions absent có phép, không phép and (old documents) undivided — homeroom SPEC H3. */
	readonly absences: AbsenceCounts;
}

/** A value, or why it is not computed ("Thiếu ĐĐGck"). */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** A subject's result for a period: an average in tenths (scored) or Đ/CĐ (comment). */
export type SubjectValue = { readonly kind: 'score'; readonly average: number } | { readonly kind: 'comment'; readonly result: Mark };

export interface ProgrammeColumn {
	readonly code: string;
	readonly name: string;
	readonly shortName: string;
	readonly assessment: 'score' | 'comment';
	/** The gradebook units combined into it (two for Nghệ thuật). */
	readonly units: readonly string[];
}

export interface AcademicResult {
	readonly level: Level;
	/** The Điều 9 khoản 2 level before the khoản 3 adjustment. */
	readonly computedLevel: Level;
	/** Name of the one subject that triggered the khoản 3 adjustment, else null. */
	readonly adjustedBy: string | null;
}

export interface StudentSummary {
	readonly student: SummaryStudent;
	/** Per gradebook unit code. */
	readonly subjects: Readonly<Record<string, Outcome<SubjectValue>>>;
	/** Per programme subject code: what the classification counts (S4). */
	readonly programme: Readonly<Record<string, Outcome<SubjectValue>>>;
	readonly academic: Outcome<AcademicResult>;
	readonly conduct: Outcome<Level>;
	/** S9: sessions absent, có phép and không phép together — what TT22 uses (G13). */
	readonly absences: Outcome<number>;
	/** S9: the same sessions by kind (they add up to `absences`); null while it is not computed. */
	readonly absenceKinds: TermAbsences | null;
	/** Year only (Điều 15 awards are for the school year); null for a term. */
	readonly award: Outcome<Award | null> | null;
	/** Year only; null for a term. */
	readonly promotion: Outcome<PromotionOutcome> | null;
}

export type LevelCounts = Readonly<Record<Level | 'missing', number>>;

export interface HistogramBin {
	readonly label: string;
	/** Inclusive lower bound and exclusive upper bound in tenths (the last bin includes 100). */
	readonly from: number;
	readonly to: number;
	readonly count: number;
}

export interface SubjectHistogram {
	readonly subject: string;
	readonly name: string;
	readonly shortName: string;
	readonly bins: readonly HistogramBin[];
	/** Students whose average is not computed (missing marks). */
	readonly missing: number;
}

export interface SummaryCounts {
	readonly academic: LevelCounts;
	readonly conduct: LevelCounts;
	readonly award: Readonly<Record<Award | 'none' | 'missing', number>> | null;
	readonly promotion: Readonly<Record<PromotionOutcome | 'missing', number>> | null;
}

export interface ClassSummary {
	readonly period: SummaryPeriod;
	readonly subjects: readonly SummarySubject[];
	readonly programme: readonly ProgrammeColumn[];
	readonly students: readonly StudentSummary[];
	readonly counts: SummaryCounts;
	readonly histograms: readonly SubjectHistogram[];
}
