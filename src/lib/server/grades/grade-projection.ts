/**
 * The sync hook that keeps SQL in step with gradebook documents: after every applied update it
 * diffs the marks against what it last projected, upserts `grade_entries` and appends one
 * `grade_audit` row per changed mark with the person the sync server authenticated.
 * Writes for one document run one at a time, in the order the updates were applied.
 */
import { and, eq, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Database } from '../../../../drizzle/database';
import { gradeAudit, gradeEntries } from '../../../../drizzle/schema';
import { parseDocumentName } from '../../ydoc/document-name';
import { readGradebook } from '../../ydoc/gradebook';
import type { SyncPerson } from '../services';
import { orderedPerKey } from '../ordered-per-key';
import { cellChanges, marksByCell, type CellChange } from './cell-changes';

export interface DocumentEvent {
	document: string;
	doc: Y.Doc;
	actor: SyncPerson | null;
}

export interface GradeProjection {
	hook: (event: DocumentEvent) => Promise<void> | void;
	/** Resolves when every queued projection has been written (tests, shutdown). */
	idle(): Promise<void>;
	/** Projections queued or waiting to be retried (/healthz). */
	backlog(): number;
}

export function gradeProjection(db: Database): GradeProjection {
	const projected = new Map<string, Map<string, string | null>>();
	const ordered = orderedPerKey();

	async function projectedMarks(document: string): Promise<Map<string, string | null>> {
		const known = projected.get(document);
		if (known) return known;
		const rows = await db.select().from(gradeEntries).where(eq(gradeEntries.document, document));
		const marks = new Map(rows.map((row) => [`${row.studentId}:${row.columnKey}`, row.value]));
		projected.set(document, marks);
		return marks;
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

	function hook({ document, doc, actor }: DocumentEvent): Promise<void> | void {
		const parsed = parseDocumentName(document);
		if (!parsed.ok || parsed.ref.kind !== 'gradebook') return;
		// Read now: the hook runs synchronously after the update, so this is exactly its result.
		const read = readGradebook(doc);
		if (!read.ok) return;
		const cells = read.cells;
		return ordered.run(document, async () => {
			const before = await projectedMarks(document);
			try {
				await write(document, cellChanges(before, cells), actor);
			} catch (error) {
				// The commit may have landed before the connection dropped: the retry diffs against
				// what the database holds, not against this cache, so no audit row is written twice.
				projected.delete(document);
				throw error;
			}
			projected.set(document, marksByCell(cells));
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
