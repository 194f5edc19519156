/**
 * What the grade grid and the student cards show, derived from the gradebook view: columns, each
 * cell's text, the computed results (with the TT22 engine) and the conflict and history of a cell.
 * In term II the term I gradebook (another document, opened read-only beside this one) supplies
 * ĐTBmhk I for ĐTBmcn.
 */
import { describeComputed, termResult, yearResult, type Computed } from '../domain/gradebook/computed-columns';
import { cellKey, type CellEdit, type GradebookMeta, type RosterEntry } from '../ydoc/gradebook';
import { cellHistory } from '../ydoc/cell-history';
import { historyRows, type CellHistoryRow } from './grid/history-rows';
import { formatMark, gridColumns, type GridColumn } from './grid/columns';
import { formatStoredMark } from '../domain/display/vietnamese-format';
import type { GradebookView } from './gradebook-view.svelte';

export interface ComputedCell {
	text: string;
	title: string;
	pending: boolean;
}

export class GradeSheet {
	#view: GradebookView;
	#term1: () => GradebookView | null;
	#awaiting: () => ReadonlyMap<string, string | null> | null;

	/** `awaiting`: this teacher's correction requests still waiting, by cell key (sync SPEC O5). */
	constructor(view: GradebookView, term1: () => GradebookView | null, awaiting: () => ReadonlyMap<string, string | null> | null = () => null) {
		this.#view = view;
		this.#term1 = term1;
		this.#awaiting = awaiting;
	}

	readonly meta = $derived.by(() => this.#view.meta as GradebookMeta);
	readonly students = $derived.by((): RosterEntry[] => this.#view.roster);
	readonly columns = $derived.by((): GridColumn[] => (this.#view.meta ? gridColumns(this.#view.meta) : []));
	readonly markColumns = $derived.by(() => this.meta?.columns ?? []);

	/**
	 * A student's computed results, from that student's cells only: a mark typed in one row
	 * recomputes that row, not the class.
	 */
	results(studentId: string): Record<'term' | 'term1' | 'year', Computed> {
		const meta = this.#view.meta;
		if (!meta) return { term: { kind: 'empty' }, term1: { kind: 'empty' }, year: { kind: 'empty' } };
		const term = termResult(meta.assessment, meta.columns, (key) => this.#view.cell(studentId, key)?.value ?? null);
		if (meta.term !== 'hk2') return { term, term1: term, year: { kind: 'empty' } };
		const term1View = this.#term1();
		const term1Meta = term1View && !term1View.unavailable ? term1View.meta : null;
		const term1 = term1View && term1Meta ? termResult(meta.assessment, term1Meta.columns, (key) => term1View.cell(studentId, key)?.value ?? null) : undefined;
		return {
			term,
			term1: term1 ?? { kind: 'pending', reason: 'Chưa tải được sổ học kì I', missing: [] },
			year: yearResult(meta.assessment, term1, term)
		};
	}

	text(student: RosterEntry, column: GridColumn): string {
		if (column.kind === 'mark') return formatMark(this.#view.cell(student.id, column.key)?.value);
		if (column.kind === 'comment') return this.#view.comments.get(student.id)?.text ?? '';
		return describeComputed(this.results(student.id)[column.key]).text;
	}

	/** `results`: the row's results when the caller already has them (a row shows up to three). */
	computed(student: RosterEntry, key: 'term' | 'term1' | 'year', results = this.results(student.id)): ComputedCell {
		const result = results[key];
		return { ...describeComputed(result), pending: result.kind === 'pending' || result.kind === 'invalid' };
	}

	entry(studentId: string, columnKey: string) {
		return this.#view.cell(studentId, columnKey);
	}

	comment(studentId: string) {
		return this.#view.comments.get(studentId);
	}

	/**
	 * The value this teacher asked for in a correction request that still waits ("9,5", or
	 * "(xóa)"), or undefined: the cell shows the official mark, marked "đang chờ duyệt sửa điểm".
	 */
	awaiting(studentId: string, columnKey: string): string | undefined {
		const asked = this.#awaiting()?.get(cellKey(studentId, columnKey));
		if (asked === undefined) return undefined;
		return asked === null ? '(xóa)' : formatStoredMark(asked);
	}

	conflict(studentId: string, columnKey: string): CellEdit[] | undefined {
		return this.#view.conflicts.get(cellKey(studentId, columnKey));
	}

	/** Newest first. */
	history(studentId: string, columnKey: string): CellHistoryRow[] {
		return historyRows(cellHistory(this.#view.history.get(cellKey(studentId, columnKey)) ?? [])).reverse();
	}

	get conflictCount(): number {
		return this.#view.conflicts.size;
	}
}
