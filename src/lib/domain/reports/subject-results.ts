/**
 * S2–S6, S13: one subject's result for a term or the year, from the recorded marks, through the
 * TT22 engine (never re-implemented here). A result that cannot be computed carries the engine's
 * reason ("Thiếu ĐĐGck") instead of a number.
 */
import { markFromText } from '../marks/cell-text';
import {
	TERM_FIELDS,
	COMMENT_FIELDS,
	attempt,
	commentTermResult,
	commentYearResult,
	tenthsFromInteger,
	termAverageTenths,
	yearAverageTenths,
	type CommentRule,
	type Mark,
	type Tenths
} from '../tt22';
import type { Outcome, SubjectValue, SummarySubject, Term } from './types';

/** Column keys of one term (curriculum C6): tx1…txN, gk, ck. */
export const REGULAR_COLUMNS = ['tx1', 'tx2', 'tx3', 'tx4'] as const;

export type TermCells = Readonly<Record<string, string | null>>;

const TERM_LABEL: Record<Term, string> = { hk1: 'HK I', hk2: 'HK II' };

function fieldOf(subject: SummarySubject, column: string): string {
	const fields = subject.assessment === 'score' ? TERM_FIELDS : COMMENT_FIELDS;
	if (column === 'gk') return fields.midterm;
	if (column === 'ck') return fields.final;
	return fields.regular(Number(column.slice(2)) - 1);
}

/**
 * S13: a stored value that is not canonical text, or of the wrong kind for the subject (a score
 * in a comment subject), is invalid: shown as a reason, never read as a mark or as 0.
 */
function readCell(subject: SummarySubject, cells: TermCells, column: string): Outcome<number | Mark | null> {
	const text = cells[column];
	if (text === undefined || text === null) return { ok: true, value: null };
	const value = markFromText(text);
	const fits = subject.assessment === 'score' ? typeof value === 'number' : value === 'Đ' || value === 'CĐ';
	if (value === undefined || value === null || !fits) return { ok: false, reason: `${fieldOf(subject, column)} không hợp lệ` };
	return { ok: true, value };
}

function termColumns(subject: SummarySubject): string[] {
	return [...REGULAR_COLUMNS.slice(0, subject.regularCount), 'gk', 'ck'];
}

function fromEngine<T>(run: () => T): Outcome<T> {
	const result = attempt(run);
	return result.ok ? { ok: true, value: result.value } : { ok: false, reason: result.reason };
}

/** S2 (scored, G4–G5) and S3 (comment, G7): the term result of one gradebook unit. */
export function termResult(subject: SummarySubject, cells: TermCells, rule: CommentRule): Outcome<SubjectValue> {
	const values: Array<number | Mark | null> = [];
	for (const column of termColumns(subject)) {
		const read = readCell(subject, cells, column);
		if (!read.ok) return read;
		values.push(read.value);
	}
	const regular = values.slice(0, subject.regularCount);
	const midterm = values[subject.regularCount] ?? null;
	const final = values[subject.regularCount + 1] ?? null;
	if (subject.assessment === 'score') {
		const asTenths = (v: number | Mark | null) => (v === null ? null : tenthsFromInteger(v));
		const average = fromEngine(() =>
			termAverageTenths(
				{ regular: regular.map(asTenths), midterm: asTenths(midterm), final: asTenths(final) },
				{ regularCount: subject.regularCount }
			)
		);
		return average.ok ? { ok: true, value: { kind: 'score', average: average.value } } : average;
	}
	const asMark = (v: number | Mark | null) => (v === null ? null : (v as Mark));
	const result = fromEngine(() => commentTermResult({ regular: regular.map(asMark), midterm: asMark(midterm), final: asMark(final) }, rule));
	return result.ok ? { ok: true, value: { kind: 'comment', result: result.value } } : result;
}

/**
 * S5 (G6) and S6 (G8): the year result from both term results. Decision: without a term I
 * result there is no year result (no "term II only" fallback); the reason names the term.
 */
export function yearResult(term1: Outcome<SubjectValue>, term2: Outcome<SubjectValue>): Outcome<SubjectValue> {
	const missing = [term1.ok ? null : `${TERM_LABEL.hk1}: ${term1.reason}`, term2.ok ? null : `${TERM_LABEL.hk2}: ${term2.reason}`].filter(
		(reason): reason is string => reason !== null
	);
	if (!term1.ok || !term2.ok) return { ok: false, reason: missing.join('; ') };
	const first = term1.value;
	const second = term2.value;
	if (first.kind === 'score' && second.kind === 'score') {
		const average = fromEngine(() => yearAverageTenths(first.average as Tenths, second.average as Tenths));
		return average.ok ? { ok: true, value: { kind: 'score', average: average.value } } : average;
	}
	if (first.kind === 'comment' && second.kind === 'comment') {
		const result = fromEngine(() => commentYearResult(first.result, second.result));
		return result.ok ? { ok: true, value: { kind: 'comment', result: result.value } } : result;
	}
	return { ok: false, reason: 'Kết quả hai học kì không cùng hình thức đánh giá' };
}

/**
 * S4: a programme subject recorded as several units (Nghệ thuật = Âm nhạc + Mĩ thuật) is Đạt only
 * when every unit is Đạt. Under the default rule (G7 'ALL') that is exactly "every assessment of
 * the subject is Đạt" over the union of the parts' assessments. A missing unit result makes the
 * subject result missing, naming the unit.
 */
export function combineUnits(units: ReadonlyArray<{ name: string; outcome: Outcome<SubjectValue> }>): Outcome<SubjectValue> {
	const [only] = units;
	if (units.length === 1 && only) return only.outcome;
	const reasons: string[] = [];
	let passed = true;
	for (const unit of units) {
		if (!unit.outcome.ok) {
			reasons.push(`${unit.name}: ${unit.outcome.reason}`);
			continue;
		}
		const value = unit.outcome.value;
		if (value.kind !== 'comment') return { ok: false, reason: `${unit.name}: phải là môn đánh giá bằng nhận xét` };
		if (value.result === 'CĐ') passed = false;
	}
	if (reasons.length > 0) return { ok: false, reason: reasons.join('; ') };
	return { ok: true, value: { kind: 'comment', result: passed ? 'Đ' : 'CĐ' } };
}
