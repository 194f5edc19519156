/**
 * The sync hook that keeps SQL in step with homeroom documents (sổ chủ nhiệm), like
 * grade-projection.ts for gradebooks: after every applied update it diffs each student's values
 * against what it last projected, upserts `homeroom_entries` and appends one `homeroom_audit` row
 * per changed field with the person the sync server authenticated. Writes for one document run one
 * at a time, in the order the updates were applied.
 *
 * As for gradebooks (projections SPEC P1–P5): a field whose entry was erased is a change back to
 * empty, audited; only enrolled students and entries with a real time reach SQL; anything else
 * is skipped and recorded as an integrity alert, and never stops the rest of the update.
 */
import { orderedPerKey } from '../ordered-per-key';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { enrolments, homeroomAudit, homeroomEntries } from '../../../../drizzle/schema';
import { parseDocumentName } from '../../ydoc/document-name';
import { HOMEROOM_FIELDS, emptyValues, readHomeroom, recordKey, storedFieldName, type HomeroomEntry, type HomeroomField, type HomeroomValues } from '../../ydoc/homeroom';
import type { DocumentEvent, ProjectedStudents } from '../grades/grade-projection';
import { recordProblems, type IntegrityProblem } from '../integrity/alerts';
import { screen, type Screened } from '../integrity/screen';
import { isSaneTimestamp } from '../integrity/timestamps';

export interface HomeroomProjection {
	hook: (event: DocumentEvent) => Promise<void> | void;
	/** Resolves when every queued projection has been written (tests, shutdown). */
	idle(): Promise<void>;
	/** Projections queued or waiting to be retried (/healthz). */
	backlog(): number;
}

interface FieldChange {
	studentId: string;
	field: HomeroomField;
	oldValue: string | null;
	newValue: string | null;
	entry: HomeroomEntry | undefined;
}

/** A field as audit text: the level, the number of sessions, the comment; null when unset. */
export function fieldText(value: HomeroomValues[keyof HomeroomValues]): string | null {
	if (value === null || value === '') return null;
	return String(value);
}

/** Every field that differs, over the students of both readings (an erased record is a change too). */
function changesOf(
	before: ReadonlyMap<string, HomeroomValues>,
	after: ReadonlyMap<string, HomeroomValues>,
	entries: ReadonlyMap<string, HomeroomEntry>
): FieldChange[] {
	const changes: FieldChange[] = [];
	for (const studentId of new Set([...before.keys(), ...after.keys()])) {
		const old = before.get(studentId) ?? emptyValues();
		const values = after.get(studentId) ?? emptyValues();
		for (const field of HOMEROOM_FIELDS) {
			const oldValue = fieldText(old[field]);
			const newValue = fieldText(values[field]);
			if (oldValue !== newValue) changes.push({ studentId, field, oldValue, newValue, entry: entries.get(recordKey(studentId, field)) });
		}
	}
	return changes;
}

/** The class's enrolled students: the only ones a homeroom projection may hold (P2). */
export async function enrolledStudents(db: Database, ref: { school: string; year: string; classCode: string }): Promise<Set<string>> {
	const rows = await db
		.select({ id: enrolments.studentId })
		.from(enrolments)
		.where(and(eq(enrolments.schoolId, ref.school), eq(enrolments.year, ref.year), eq(enrolments.classCode, ref.classCode)));
	return new Set(rows.map((r) => r.id));
}

/** The problem that keeps a field change out of SQL, or null when it may be projected. */
export function homeroomProblem(studentId: string, entry: HomeroomEntry | undefined, students: ReadonlySet<string>): IntegrityProblem['kind'] | null {
	if (!students.has(studentId)) return 'off-roster-student';
	if (entry && !isSaneTimestamp(entry.at)) return 'bad-timestamp';
	return null;
}

function screenFields(changes: readonly FieldChange[], students: ReadonlySet<string>): Screened<FieldChange> {
	return screen(changes, (change) => recordKey(change.studentId, change.field), (change) => homeroomProblem(change.studentId, change.entry, students));
}

interface Projected {
	/** What SQL holds for the document, by student. */
	values: Map<string, HomeroomValues>;
	/** Document values already skipped and reported, by record key. */
	skipped: Map<string, string | null>;
	students: Set<string>;
}

export function homeroomProjection(db: Database, options: { onProjected?: ProjectedStudents } = {}): HomeroomProjection {
	const projected = new Map<string, Projected>();
	const ordered = orderedPerKey();

	async function projectedState(document: string, ref: { school: string; year: string; classCode: string }): Promise<Projected> {
		const known = projected.get(document);
		if (known) return known;
		const [values, students] = await Promise.all([projectedValuesOf(db, document), enrolledStudents(db, ref)]);
		const state: Projected = { values, skipped: new Map(), students };
		projected.set(document, state);
		return state;
	}

	async function write(
		ref: { document: string; school: string; year: string; term: string; classCode: string },
		records: ReadonlyMap<string, HomeroomValues>,
		changes: readonly FieldChange[],
		actor: DocumentEvent['actor']
	): Promise<void> {
		if (changes.length === 0) return;
		const students = [...records.keys()];
		await db.transaction(async (tx) => {
			await tx.insert(homeroomAudit).values(
				changes.map((change) => ({
					document: ref.document,
					studentId: change.studentId,
					// The document's key, so the old undivided count keeps its name (`absences`) in the trail.
					field: storedFieldName(change.field),
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
						absencesExcused: sql`excluded.absences_excused`,
						absencesUnexcused: sql`excluded.absences_unexcused`,
						absencesUnclassified: sql`excluded.absences`,
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
		if (!read.ok) {
			if (read.reason === 'empty') return;
			return ordered.run(document, () => recordProblems(db, document, [{ kind: 'unreadable', key: '', note: read.reason }]));
		}
		const { records, entries } = read;
		return ordered.run(document, async () => {
			const state = await projectedState(document, { school, year, classCode });
			const fresh = changesOf(state.values, records, entries).filter((c) => {
				const key = recordKey(c.studentId, c.field);
				return !(state.skipped.has(key) && state.skipped.get(key) === c.newValue);
			});
			if (fresh.some((c) => !state.students.has(c.studentId))) state.students = await enrolledStudents(db, { school, year, classCode });
			const { accepted, skipped, problems } = screenFields(fresh, state.students);
			// The rows SQL will hold: what it holds now with only the accepted fields changed.
			const next = new Map<string, HomeroomValues>();
			for (const change of accepted) {
				const values = next.get(change.studentId) ?? { ...(state.values.get(change.studentId) ?? emptyValues()) };
				(values as unknown as Record<HomeroomField, unknown>)[change.field] = records.get(change.studentId)?.[change.field] ?? emptyValues()[change.field];
				next.set(change.studentId, values);
			}
			try {
				await write({ document, school, year, term, classCode }, next, accepted, actor);
			} catch (error) {
				// The commit may have landed before the connection dropped: the retry diffs against
				// what the database holds, not against this cache, so no audit row is written twice.
				projected.delete(document);
				throw error;
			}
			for (const [studentId, values] of next) state.values.set(studentId, values);
			for (const change of accepted) state.skipped.delete(recordKey(change.studentId, change.field));
			for (const [key, value] of skipped) state.skipped.set(key, value);
			if (next.size > 0) options.onProjected?.(document, [...next.keys()]);
			await recordProblems(db, document, problems);
		});
	}

	return {
		hook,
		idle: ordered.idle,
		backlog: ordered.backlog
	};
}

/** What SQL holds for one homeroom document, by student. */
export async function projectedValuesOf(db: Database, document: string): Promise<Map<string, HomeroomValues>> {
	const rows = await db.select().from(homeroomEntries).where(eq(homeroomEntries.document, document));
	return new Map(rows.map((row) => [row.studentId, valuesOfRow(row)]));
}

export function valuesOfRow(row: typeof homeroomEntries.$inferSelect): HomeroomValues {
	return {
		conduct: row.conduct as HomeroomValues['conduct'],
		conductComment: row.conductComment,
		absencesExcused: row.absencesExcused,
		absencesUnexcused: row.absencesUnexcused,
		absencesUnclassified: row.absencesUnclassified,
		comment: row.comment
	};
}

/** The audit trail of one homeroom document, newest first. */
export async function homeroomAuditOf(db: Database, document: string) {
	return db.select().from(homeroomAudit).where(eq(homeroomAudit.document, document)).orderBy(sql`${homeroomAudit.id} desc`);
}
