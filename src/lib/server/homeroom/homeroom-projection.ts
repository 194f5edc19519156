/**
 * The sync hook that keeps SQL in step with homeroom documents (sổ chủ nhiệm), like
 * grade-projection.ts for gradebooks: after every applied update it diffs each student's values
 * against what it last projected, upserts `homeroom_entries` and appends one `homeroom_audit` row
 * per changed field with the person the sync server authenticated. Writes for one document run one
 * at a time, in the order the updates were applied.
 */
import { orderedPerKey } from '../ordered-per-key';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { homeroomAudit, homeroomEntries } from '../../../../drizzle/schema';
import { parseDocumentName } from '../../ydoc/document-name';
import { HOMEROOM_FIELDS, emptyValues, readHomeroom, recordKey, type HomeroomEntry, type HomeroomValues } from '../../ydoc/homeroom';
import type { DocumentEvent } from '../grades/grade-projection';

export interface HomeroomProjection {
	hook: (event: DocumentEvent) => Promise<void> | void;
	/** Resolves when every queued projection has been written (tests, shutdown). */
	idle(): Promise<void>;
	/** Projections queued or waiting to be retried (/healthz). */
	backlog(): number;
}

interface FieldChange {
	studentId: string;
	field: string;
	oldValue: string | null;
	newValue: string | null;
	entry: HomeroomEntry | undefined;
}

/** A field as audit text: the level, the number of sessions, the comment; null when unset. */
function fieldText(value: HomeroomValues[keyof HomeroomValues]): string | null {
	if (value === null || value === '') return null;
	return String(value);
}

function changesOf(
	before: ReadonlyMap<string, HomeroomValues>,
	after: ReadonlyMap<string, HomeroomValues>,
	entries: ReadonlyMap<string, HomeroomEntry>
): FieldChange[] {
	const changes: FieldChange[] = [];
	for (const [studentId, values] of after) {
		const old = before.get(studentId) ?? emptyValues();
		for (const field of HOMEROOM_FIELDS) {
			const oldValue = fieldText(old[field]);
			const newValue = fieldText(values[field]);
			if (oldValue !== newValue) changes.push({ studentId, field, oldValue, newValue, entry: entries.get(recordKey(studentId, field)) });
		}
	}
	return changes;
}

export function homeroomProjection(db: Database): HomeroomProjection {
	const projected = new Map<string, Map<string, HomeroomValues>>();
	const ordered = orderedPerKey();

	async function projectedValues(document: string): Promise<Map<string, HomeroomValues>> {
		const known = projected.get(document);
		if (known) return known;
		const rows = await db.select().from(homeroomEntries).where(eq(homeroomEntries.document, document));
		const values = new Map(
			rows.map((row): [string, HomeroomValues] => [
				row.studentId,
				{ conduct: row.conduct as HomeroomValues['conduct'], conductComment: row.conductComment, absences: row.absences, comment: row.comment }
			])
		);
		projected.set(document, values);
		return values;
	}

	async function write(
		ref: { document: string; school: string; year: string; term: string; classCode: string },
		records: ReadonlyMap<string, HomeroomValues>,
		changes: FieldChange[],
		actor: DocumentEvent['actor']
	): Promise<void> {
		if (changes.length === 0) return;
		const students = [...new Set(changes.map((c) => c.studentId))];
		await db.transaction(async (tx) => {
			await tx.insert(homeroomAudit).values(
				changes.map((change) => ({
					document: ref.document,
					studentId: change.studentId,
					field: change.field,
					oldValue: change.oldValue,
					newValue: change.newValue,
					personId: actor?.personId ?? null,
					personName: actor?.name ?? change.entry?.byName ?? null,
					enteredAt: change.entry ? new Date(change.entry.at) : null,
					offline: change.entry?.offline ?? false
				}))
			);
			await tx
				.insert(homeroomEntries)
				.values(
					students.map((studentId) => {
						const values = records.get(studentId) ?? emptyValues();
						return { ...ref, studentId, ...values, updatedBy: actor?.personId ?? null, updatedAt: new Date() };
					})
				)
				.onConflictDoUpdate({
					target: [homeroomEntries.document, homeroomEntries.studentId],
					set: {
						conduct: sql`excluded.conduct`,
						conductComment: sql`excluded.conduct_comment`,
						absences: sql`excluded.absences`,
						comment: sql`excluded.comment`,
						updatedBy: sql`excluded.updated_by`,
						updatedAt: sql`excluded.updated_at`
					}
				});
		});
	}

	function hook({ document, doc, actor }: DocumentEvent): Promise<void> | void {
		const parsed = parseDocumentName(document);
		if (!parsed.ok || parsed.ref.kind !== 'homeroom') return;
		const { school, year, term, classCode } = parsed.ref;
		// Read now: the hook runs synchronously after the update, so this is exactly its result.
		const read = readHomeroom(doc);
		if (!read.ok) return;
		const { records, entries } = read;
		return ordered.run(document, async () => {
			const before = await projectedValues(document);
			try {
				await write({ document, school, year, term, classCode }, records, changesOf(before, records, entries), actor);
			} catch (error) {
				// As in grade-projection.ts: a retry diffs against the database, never twice.
				projected.delete(document);
				throw error;
			}
			projected.set(document, new Map([...records].map(([id, values]) => [id, { ...values }])));
		});
	}

	return {
		hook,
		idle: ordered.idle,
		backlog: ordered.backlog
	};
}

/** The audit trail of one homeroom document, newest first. */
export async function homeroomAuditOf(db: Database, document: string) {
	return db.select().from(homeroomAudit).where(eq(homeroomAudit.document, document)).orderBy(sql`${homeroomAudit.id} desc`);
}
