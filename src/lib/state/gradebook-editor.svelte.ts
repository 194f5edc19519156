/**
 * The teacher's writes to a gradebook: edits, pastes, conflict resolution, and undo/redo of their
 * own edits that survives a reload (bookkeeping in grid/undo-stack.ts, kept in localStorage per
 * person and document; an undo is a new write, see there for why).
 */
import type * as Y from 'yjs';
import { applyEdits, cellKey, type Actor, type CellValue, type Edit, type EditKind, type Written } from '../ydoc/gradebook';
import type { GradebookView } from './gradebook-view.svelte';
import {
	completeRevert,
	parseStacks,
	planRevert,
	recordStep,
	type UndoCell,
	type UndoStacks,
	type UndoTarget
} from './grid/undo-stack';

export interface EditorContext {
	doc: Y.Doc;
	view: GradebookView;
	me: Actor;
	/** The document's name, to keep undo steps per gradebook. */
	document: string;
	isOffline: () => boolean;
	/** Students who left (sync-server SPEC V19): undo and redo leave their cells as they are; the server would refuse the write. */
	isClosed?: (studentId: string) => boolean;
	storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Cells given their earlier value back, left because someone changed them since, left because their student has left. */
export interface RevertOutcome {
	applied: number;
	skipped: number;
	closed: number;
}

export class GradebookEditor {
	stacks = $state.raw<UndoStacks>({ undo: [], redo: [] });
	readonly canUndo = $derived(this.stacks.undo.length > 0);
	readonly canRedo = $derived(this.stacks.redo.length > 0);

	#ctx: EditorContext;
	#key: string;
	#storage: Pick<Storage, 'getItem' | 'setItem'> | null;
	#saveTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(ctx: EditorContext) {
		this.#ctx = ctx;
		this.#key = `sodiem:undo:v1:${ctx.me.id}:${ctx.document}`;
		this.#storage = ctx.storage ?? (typeof localStorage === 'undefined' ? null : localStorage);
		this.stacks = parseStacks(this.#storage?.getItem(this.#key) ?? null);
	}

	/** Writes the edits that change something, in one transaction and one undo step. */
	apply(edits: Edit[], kind: EditKind = 'edit'): number {
		const changed = edits.filter((edit) => this.#current(targetOf(edit)) !== valueOf(edit));
		const written = this.#write(changed, kind);
		this.#save(recordStep(this.stacks, written.map(toUndoCell)));
		return written.length;
	}

	/** Keeps one of the concurrent values of a cell: one write that replaces all of them. */
	resolve(studentId: string, columnKey: string, value: CellValue): void {
		const written = this.#write([{ kind: 'mark', studentId, columnKey, value }], 'resolve');
		this.#save(recordStep(this.stacks, written.map(toUndoCell)));
	}

	undo(): RevertOutcome {
		return this.#revert('undo');
	}

	redo(): RevertOutcome {
		return this.#revert('redo');
	}

	#revert(direction: 'undo' | 'redo'): RevertOutcome {
		const plan = planRevert(this.stacks, direction, (target) => this.#currentId(target), this.#ctx.isClosed);
		if (!plan) return { applied: 0, skipped: 0, closed: 0 };
		const edits: Edit[] = plan.apply.map(({ target, before }) =>
			target.kind === 'mark'
				? { kind: 'mark', studentId: target.studentId, columnKey: target.columnKey, value: before as CellValue }
				: { kind: 'comment', studentId: target.studentId, text: String(before ?? '') }
		);
		const written = this.#write(edits, direction);
		this.#save(completeRevert(this.stacks, direction, written.map((w) => ({ target: targetOf(w), id: w.id })), plan));
		return { applied: plan.apply.length, skipped: plan.skipped.length, closed: plan.closed.length };
	}

	#write(edits: Edit[], kind: EditKind): Written[] {
		return applyEdits(this.#ctx.doc, edits, { actor: this.#ctx.me, at: Date.now(), offline: this.#ctx.isOffline() }, kind);
	}

	#current(target: UndoTarget): CellValue | string {
		const { view } = this.#ctx;
		if (target.kind === 'comment') return view.comments.get(target.studentId)?.text ?? '';
		return view.cells.get(cellKey(target.studentId, target.columnKey))?.value ?? null;
	}

	#currentId(target: UndoTarget): string | undefined {
		const { view } = this.#ctx;
		if (target.kind === 'comment') return view.comments.get(target.studentId)?.id;
		const key = cellKey(target.studentId, target.columnKey);
		// A cell in conflict is not "still mine" even if my value is the one shown.
		if (view.conflicts.has(key)) return undefined;
		return view.cells.get(key)?.id;
	}

	#save(stacks: UndoStacks): void {
		this.stacks = stacks;
		// Written a moment later, not in the keystroke (JSON of the stacks can be large), and at
		// once when the page is hidden or closed (flush), so a reload still finds every step.
		if (this.#saveTimer === undefined) this.#saveTimer = setTimeout(() => this.flush(), 400);
	}

	/** Writes the stacks to storage now. */
	flush(): void {
		clearTimeout(this.#saveTimer);
		this.#saveTimer = undefined;
		try {
			this.#storage?.setItem(this.#key, JSON.stringify(this.stacks));
		} catch {
			// Storage full or blocked: undo still works until the page is closed.
		}
	}
}

function targetOf(edit: Edit | Written): UndoTarget {
	return edit.kind === 'mark'
		? { kind: 'mark', studentId: edit.studentId, columnKey: edit.columnKey }
		: { kind: 'comment', studentId: edit.studentId };
}

function valueOf(edit: Edit): CellValue | string {
	return edit.kind === 'mark' ? edit.value : edit.text;
}

function toUndoCell(written: Written): UndoCell {
	return written.kind === 'mark'
		? { target: targetOf(written), before: written.before, after: written.value, id: written.id }
		: { target: targetOf(written), before: written.before, after: written.text, id: written.id };
}
