/**
 * Sessions absent in a term, kept apart as có phép (excused) and không phép (unexcused), H3–H4 in
 * SPEC.md. TT22 counts both together (Điều 12: more than 45 in the year repeats the grade), so the
 * total is what the rules use; schools report the two apart.
 *
 * `unclassified` is the single undivided number of documents written before the split. It is
 * kept as it was (never relabelled không phép: unexcused absences weigh on conduct and are
 * reported to parents, and the old number mixes both) and counts in the total until the homeroom
 * teacher enters both kinds for that student.
 */

export interface AbsenceCounts {
	/** Có phép; null = not entered yet. */
	readonly excused: number | null;
	/** Không phép; null = not entered yet. */
	readonly unexcused: number | null;
	/** The old undivided number (chưa phân loại); null = none. */
	readonly unclassified: number | null;
}

export type AbsenceKind = 'excused' | 'unexcused';

export const ABSENCE_KIND_LABEL: Readonly<Record<AbsenceKind, string>> = { excused: 'có phép', unexcused: 'không phép' };

/** A term's absences by kind, every part a whole number; `total` is what TT22 rules use. */
export interface TermAbsences {
	readonly excused: number;
	readonly unexcused: number;
	/** Sessions not yet split into the two kinds (old documents only). */
	readonly unclassified: number;
	readonly total: number;
}

export type TermAbsencesOutcome = { readonly ok: true; readonly value: TermAbsences } | { readonly ok: false; readonly missing: 'all' | AbsenceKind };

/**
 * H3: both kinds entered → their sum (an old undivided number is superseded: the teacher has
 * split it); neither entered → the old undivided number alone, when there is one; one kind
 * entered without the other → not known yet (that kind is missing, never read as 0).
 */
export function termAbsences(counts: AbsenceCounts): TermAbsencesOutcome {
	const { excused, unexcused, unclassified } = counts;
	if (excused !== null && unexcused !== null) return { ok: true, value: { excused, unexcused, unclassified: 0, total: excused + unexcused } };
	if (excused === null && unexcused === null) {
		return unclassified === null ? { ok: false, missing: 'all' } : { ok: true, value: { excused: 0, unexcused: 0, unclassified, total: unclassified } };
	}
	return { ok: false, missing: excused === null ? 'excused' : 'unexcused' };
}

/** The sum of several terms' absences, kind by kind (the year: HK I + HK II). */
export function addAbsences(terms: readonly TermAbsences[]): TermAbsences {
	return terms.reduce(
		(sum, term) => ({
			excused: sum.excused + term.excused,
			unexcused: sum.unexcused + term.unexcused,
			unclassified: sum.unclassified + term.unclassified,
			total: sum.total + term.total
		}),
		{ excused: 0, unexcused: 0, unclassified: 0, total: 0 }
	);
}

/**
 * H4: once a student's two kinds are both entered, the old undivided number is cleared in the
 * same write, so the sheet stops showing it (the audit trail keeps it).
 */
export function clearsUnclassified(after: AbsenceCounts): boolean {
	return after.unclassified !== null && after.excused !== null && after.unexcused !== null;
}
