/**
 * Undo/redo bookkeeping for one teacher's own edits, kept as plain data so it survives a reload
 * (stored per person and document). An undo is not a Yjs undo: it is a NEW write of the previous
 * values, so the history log and the server's audit see it like any other edit, and it works after
 * a reload, when Y.UndoManager's in-memory stack is gone.
 *
 * "Own edits only": a cell is reverted only while it still holds the very write being undone
 * (same edit id). If a co-teacher changed it since, it is left alone and reported as skipped.
 */
import { cellKey } from '../../ydoc/gradebook';

export type UndoTarget = { kind: 'mark'; studentId: string; columnKey: string } | { kind: 'comment'; studentId: string };

/** A mark (tenths, Đ/CĐ, null) or a comment text. */
export type UndoValue = number | string | null;

export interface UndoCell {
	target: UndoTarget;
	before: UndoValue;
	after: UndoValue;
	/** The id of the edit that wrote `after`. */
	id: string;
}

export interface UndoStep {
	cells: UndoCell[];
}

export interface UndoStacks {
	undo: UndoStep[];
	redo: UndoStep[];
}

export const MAX_UNDO_STEPS = 100;

export const emptyStacks = (): UndoStacks => ({ undo: [], redo: [] });

export function targetKey(target: UndoTarget): string {
	return target.kind === 'mark' ? cellKey(target.studentId, target.columnKey) : `${target.studentId}:#comment`;
}

/** A new edit: pushed on the undo stack; the redo stack is dropped, as in every editor. */
export function recordStep(stacks: UndoStacks, cells: UndoCell[]): UndoStacks {
	const changed = cells.filter((cell) => cell.before !== cell.after);
	if (changed.length === 0) return stacks;
	return { undo: [...stacks.undo, { cells: changed }].slice(-MAX_UNDO_STEPS), redo: [] };
}

export interface RevertPlan {
	step: UndoStep;
	/** Cells still holding this teacher's write: they get their previous value back. */
	apply: UndoCell[];
	/** Cells someone else changed since: left as they are. */
	skipped: UndoCell[];
	/** Cells of students who have left since (sync-server SPEC V19): read-only, left as they are. */
	closed: UndoCell[];
}

/** What undo (or redo) would do now; `currentId` tells which edit each cell holds at present. */
export function planRevert(
	stacks: UndoStacks,
	direction: 'undo' | 'redo',
	currentId: (target: UndoTarget) => string | undefined,
	isClosed: (studentId: string) => boolean = () => false
): RevertPlan | null {
	const step = stacks[direction].at(-1);
	if (!step) return null;
	const apply: UndoCell[] = [];
	const skipped: UndoCell[] = [];
	const closed: UndoCell[] = [];
	for (const cell of step.cells) (isClosed(cell.target.studentId) ? closed : currentId(cell.target) === cell.id ? apply : skipped).push(cell);
	return { step, apply, skipped, closed };
}

/**
 * After the plan's writes: the step leaves its stack and its mirror image (before/after swapped,
 * with the ids of the new writes) goes on the other one, so it can be redone (or undone) in turn.
 */
export function completeRevert(stacks: UndoStacks, direction: 'undo' | 'redo', written: Array<{ target: UndoTarget; id: string }>, plan: RevertPlan): UndoStacks {
	const ids = new Map(written.map((w) => [targetKey(w.target), w.id]));
	const mirror: UndoCell[] = plan.apply.flatMap((cell) => {
		const id = ids.get(targetKey(cell.target));
		return id ? [{ target: cell.target, before: cell.after, after: cell.before, id }] : [];
	});
	const other = direction === 'undo' ? 'redo' : 'undo';
	const next: UndoStacks = { ...stacks, [direction]: stacks[direction].slice(0, -1) };
	if (mirror.length > 0) next[other] = [...next[other], { cells: mirror }].slice(-MAX_UNDO_STEPS);
	return next;
}

/** Stored stacks are read back defensively: anything malformed is dropped, never half-used. */
export function parseStacks(json: string | null): UndoStacks {
	if (!json) return emptyStacks();
	try {
		const data = JSON.parse(json) as unknown;
		if (typeof data !== 'object' || data === null) return emptyStacks();
		const { undo, redo } = data as Record<string, unknown>;
		if (!Array.isArray(undo) || !Array.isArray(redo) || ![...undo, ...redo].every(isStep)) return emptyStacks();
		return { undo: undo as UndoStep[], redo: redo as UndoStep[] };
	} catch {
		return emptyStacks();
	}
}

function isStep(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || !Array.isArray((value as UndoStep).cells)) return false;
	return (value as UndoStep).cells.every((cell) => {
		const target = cell?.target as Record<string, unknown> | undefined;
		const okTarget =
			!!target && typeof target.studentId === 'string' && (target.kind === 'comment' || (target.kind === 'mark' && typeof target.columnKey === 'string'));
		const okValue = (v: unknown) => v === null || typeof v === 'number' || typeof v === 'string';
		return okTarget && typeof cell.id === 'string' && okValue(cell.before) && okValue(cell.after);
	});
}
