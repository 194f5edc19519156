/**
 * The sync hook that keeps SQL in step with gradebook documents: after every applied update it
 * diffs the marks of the cells that update wrote against what SQL holds, upserts `grade_entries`
 * and appends one `grade_audit` row per changed mark with the person the sync server
 * authenticated. Only the cells the update wrote: with several instances the document may already
 * hold edits another instance received, and that instance projects them under their own sender
 * (exactly once, sync-server SPEC F5); their old values are read from SQL, not from this
 * process's cache, which another instance may have moved on. An update whose cells cannot be told
 * (schema-1 entries), or a call without one, compares every cell (deleted cells included).
 * Writes for one document run one at a time, in the order the updates were applied.
 *
 * Document content is untrusted even after the sync server's checks (a stored document may
 * predate them): only enrolled students, the subject's columns, fitting values and real entry
 * times reach SQL (gradebook-scope.ts). Anything else is skipped and recorded as an integrity
 * alert, and the rest of the update is projected as usual, so one bad entry never stops a
 * document's projection (projections SPEC P2–P5).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Database } from '../../../../drizzle/database';
import { gradeAudit, gradeEntries } from '../../../../drizzle/schema';
import { parseDocumentName } from '../../ydoc/document-name';
import { cellKey, cellsWrittenBy, readGradebook, splitCellKey } from '../../ydoc/gradebook';
import { recordProblems } from '../integrity/alerts';
import type { SyncPerson } from '../services';
import { orderedPerKey } from '../ordered-per-key';
import { cellChanges, type CellChange } from './cell-changes';
import { loadGradebookScope, screenChanges, type GradebookRefParts, type GradebookScope } from './gradebook-scope';

export interface DocumentEvent {
	document: string;
	doc: Y.Doc;
	actor: SyncPerson | null;
	/** The update just applied; without it every cell is compared. */
	update?: Uint8Array;
}

export interface GradeProjection {
	hook: (event: DocumentEvent) => Promise<void> | void;
	/** Resolves when every queued projection has been written (tests, shutdown). */
	idle(): Promise<void>;
	/** Projections queued or waiting to be retried (/healthz). */
	backlog(): number;
}

interface Projected {
	/** What SQL holds for the document, by cell key. */
	marks: Map<string, string | null>;
	/** Document values already skipped and reported, so a later update does not report them again. */
	skipped: Map<string, string | null>;
	scope: GradebookScope;
}

/** Told, after a projection committed, which students' rows of a document changed (student views, parents SPEC PV3). */
export type ProjectedStudents = (document: string, studentIds: readonly string[]) => void;

export function gradeProjection(db: Database, options: { onProjected?: ProjectedStudents } = {}): GradeProjection {
	const projected = new Map<string, Projected>();
	/** Per document, cells written by updates whose projection has not completed yet. */
	const owed = new Map<string, Set<string>>();
	const ordered = orderedPerKey();

	async function projectedState(document: string, ref: GradebookRefParts): Promise<Projected> {
		const known = projected.get(document);
		if (known) return known;
		const [rows, scope] = await Promise.all([db.select().from(gradeEntries).where(eq(gradeEntries.document, document)), loadGradebookScope(db, ref)]);
		const state = { marks: new Map(rows.map((row) => [cellKey(row.studentId, row.columnKey), row.value])), skipped: new Map(), scope };
		projected.set(document, state);
		return state;
	}

	async function write(document: string, changes: CellChange[], actor: SyncPerson | null): Promise<void> {
		if (changes.length === 0) return;
		await db.transaction(async (tx) => {
			await tx.insert(gradeAudit).values(
				changes.map((change) => ({
					document,
					studentId: change.studentId,
					columnKey: change.columnKey,
					oldValue: change.oldValue,
					newValue: change.newValue,
					personId: actor?.personId ?? null,
					personName: actor?.name ?? change.entry?.byName ?? null,
					enteredAt: change.entry ? new Date(change.entry.at) : null,
					offline: change.entry?.offline ?? false
				}))
			);
			await tx
				.insert(gradeEntries)
				.values(
					changes.map((change) => ({
						document,
						studentId: change.studentId,
						columnKey: change.columnKey,
						value: change.newValue,
						updatedBy: actor?.personId ?? null,
						updatedAt: new Date()
					}))
				)
				.onConflictDoUpdate({
					target: [gradeEntries.document, gradeEntries.studentId, gradeEntries.columnKey],
					set: { value: sql`excluded.value`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`excluded.updated_at` }
				});
		});
	}

	/** Refreshes the cached SQL values of these cells: another instance may have written them. */
	async function refresh(document: string, state: Projected, keys: ReadonlySet<string>): Promise<void> {
		if (keys.size === 0) return;
		const studentIds = [...new Set([...keys].map((key) => splitCellKey(key)[0]))];
		const rows = await db
			.select({ studentId: gradeEntries.studentId, columnKey: gradeEntries.columnKey, value: gradeEntries.value })
			.from(gradeEntries)
			.where(and(eq(gradeEntries.document, document), inArray(gradeEntries.studentId, studentIds)));
		const stored = new Map(rows.map((row) => [cellKey(row.studentId, row.columnKey), row.value]));
		for (const key of keys) {
			if (stored.has(key)) state.marks.set(key, stored.get(key)!);
			else state.marks.delete(key);
		}
	}

	function hook({ document, doc, actor, update }: DocumentEvent): Promise<void> | void {
		const parsed = parseDocumentName(document);
		if (!parsed.ok || parsed.ref.kind !== 'gradebook') return;
		const ref = parsed.ref;
		// Read now: the hook runs synchronously after the update, so this is exactly its result.
		const read = readGradebook(doc);
		if (!read.ok) {
			if (read.reason === 'empty') return;
			return ordered.run(document, () => recordProblems(db, document, [{ kind: 'unreadable', key: '', note: read.reason }]));
		}
		const sent = update ? cellsWrittenBy(update, doc) : null;
		// Cells of earlier updates whose projection was given up (D3) are compared again now.
		const written = sent ? new Set([...sent, ...(owed.get(document) ?? [])]) : null;
		if (written && written.size === 0) return;
		if (written) owed.set(document, new Set(written));
		const cells = written ? new Map([...read.cells].filter(([key]) => written.has(key))) : read.cells;
		return ordered.run(document, async () => {
			const state = await projectedState(document, ref);
			if (written) await refresh(document, state, written);
			const before = written ? new Map([...state.marks].filter(([key]) => written.has(key))) : state.marks;
			const fresh = cellChanges(before, cells).filter((c) => {
				const key = cellKey(c.studentId, c.columnKey);
				return !(state.skipped.has(key) && state.skipped.get(key) === c.newValue);
			});
			// A student enrolled since the scope was read: read it again before calling them off-roster.
			if (fresh.some((c) => !state.scope.students.has(c.studentId))) state.scope = await loadGradebookScope(db, ref);
			const { accepted, skipped, problems } = screenChanges(fresh, state.scope);
			try {
				await write(document, accepted, actor);
			} catch (error) {
				// The commit may have landed before the connection dropped: the retry diffs against
				// what the database holds, not against this cache, so no audit row is written twice.
				projected.delete(document);
				throw error;
			}
			const stillOwed = owed.get(document);
			if (stillOwed) {
				for (const key of written ?? stillOwed) stillOwed.delete(key);
				if (stillOwed.size === 0) owed.delete(document);
			}
			for (const change of accepted) {
				const key = cellKey(change.studentId, change.columnKey);
				state.marks.set(key, change.newValue);
				state.skipped.delete(key);
			}
			for (const [key, value] of skipped) state.skipped.set(key, value);
			if (accepted.length > 0) options.onProjected?.(document, [...new Set(accepted.map((c) => c.studentId))]);
			await recordProblems(db, document, problems);
		});
	}

	return {
		hook,
		idle: ordered.idle,
		backlog: ordered.backlog
	};
}

/** The audit trail of one gradebook, newest first (history views, CSV export). */
export async function auditOf(db: Database, document: string, cell?: { studentId: string; columnKey: string }) {
	const where = cell
		? and(eq(gradeAudit.document, document), eq(gradeAudit.studentId, cell.studentId), eq(gradeAudit.columnKey, cell.columnKey))
		: eq(gradeAudit.document, document);
	return db.select().from(gradeAudit).where(where).orderBy(sql`${gradeAudit.id} desc`);
}
