/**
 * The sync hook that keeps SQL in step with homeroom documents (sổ chủ nhiệm), like
 * grade-projection.ts for gradebooks: after every applied update it compares the fields that
 * update wrote (`fieldsWrittenBy`) with what SQL holds for them now, upserts only those fields of
 * `homeroom_entries` and appends one `homeroom_audit` row per changed field with the person the
 * sync server authenticated. Only those fields: with several instances the document may already
 * hold edits another instance received, and that instance projects and audits them under their
 * own sender; and a column this update did not touch is never written, so two instances writing
 * different fields of one student both keep theirs (exactly once, sync-server SPEC F5, F7). Old
 * values are read from SQL, never from a per-process cache, which another instance may have moved
 * on. An update whose fields cannot be told, or a call without one, compares every field.
 * Writes for one document run one at a time, in the order the updates were applied; fields of a
 * task given up (D3) are compared again with the document's next update.
 *
 * As for gradebooks (projections SPEC P1–P5): a field whose entry was erased is a change back to
 * empty, audited; only enrolled students and entries with a real time reach SQL; anything else
 * is skipped and recorded as an integrity alert, and never stops the rest of the update.
 */
import { orderedPerKey } from '../ordered-per-key';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { enrolments, homeroomAudit, homeroomEntries } from '../../../../drizzle/schema';
import { parseDocumentName } from '../../ydoc/document-name';
import {
	HOMEROOM_FIELDS,
	emptyValues,
	fieldsWrittenBy,
	readHomeroom,
	recordKey,
	splitKey,
	storedFieldName,
	type HomeroomEntry,
	type HomeroomField,
	type HomeroomValues
} from '../../ydoc/homeroom';
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

interface FieldChange<F extends HomeroomField = HomeroomField> {
	studentId: string;
	field: F;
	oldValue: string | null;
	newValue: string | null;
	/** What the field holds in the document: the value SQL gets. */
	value: HomeroomValues[F];
	entry: HomeroomEntry | undefined;
}

/** A field as audit text: the level, the number of sessions, the comment; null when unset. */
export function fieldText(value: HomeroomValues[keyof HomeroomValues]): string | null {
	if (value === null || value === '') return null;
	return String(value);
}

/**
 * Every field that differs between SQL and the document: of the fields named (record keys), or
 * of every field of the students of both readings when none are named (an erased record is a
 * change too).
 */
function changesOf(
	stored: ReadonlyMap<string, HomeroomValues>,
	records: ReadonlyMap<string, HomeroomValues>,
	entries: ReadonlyMap<string, HomeroomEntry>,
	only: ReadonlySet<string> | null
): FieldChange[] {
	const fields: Array<[string, HomeroomField]> = only
		? [...only].flatMap((key) => {
				const parts = splitKey(key);
				return parts ? [parts] : [];
			})
		: [...new Set([...stored.keys(), ...records.keys()])].flatMap((studentId) => HOMEROOM_FIELDS.map((field) => [studentId, field] as [string, HomeroomField]));
	const changes: FieldChange[] = [];
	for (const [studentId, field] of fields) {
		const value = (records.get(studentId) ?? emptyValues())[field];
		const oldValue = fieldText((stored.get(studentId) ?? emptyValues())[field]);
		const newValue = fieldText(value);
		if (oldValue !== newValue) changes.push({ studentId, field, oldValue, newValue, value, entry: entries.get(recordKey(studentId, field)) });
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

/** The column of each field in `homeroom_entries`. */
const COLUMN = {
	conduct: homeroomEntries.conduct,
	conductComment: homeroomEntries.conductComment,
	absencesExcused: homeroomEntries.absencesExcused,
	absencesUnexcused: homeroomEntries.absencesUnexcused,
	absencesUnclassified: homeroomEntries.absencesUnclassified,
	comment: homeroomEntries.comment
} as const satisfies Record<HomeroomField, unknown>;

/**
 * The accepted changes as upserts that set only the fields they change: students with the same
 * set of changed fields share one statement.
 */
function upsertsOf(changes: readonly FieldChange[]): Array<{ fields: HomeroomField[]; rows: Map<string, Partial<HomeroomValues>> }> {
	const byStudent = new Map<string, Partial<HomeroomValues>>();
	for (const change of changes) {
		const values = byStudent.get(change.studentId) ?? {};
		(values as Record<HomeroomField, unknown>)[change.field] = change.value;
		byStudent.set(change.studentId, values);
	}
	const groups = new Map<string, { fields: HomeroomField[]; rows: Map<string, Partial<HomeroomValues>> }>();
	for (const [studentId, values] of byStudent) {
		const fields = HOMEROOM_FIELDS.filter((field) => field in values);
		const signature = fields.join(',');
		const group = groups.get(signature) ?? { fields, rows: new Map() };
		group.rows.set(studentId, values);
		groups.set(signature, group);
	}
	return [...groups.values()];
}

interface Known {
	/** Document values already skipped and reported, by record key. */
	skipped: Map<string, string | null>;
	students: Set<string>;
}

export function homeroomProjection(db: Database, options: { onProjected?: ProjectedStudents } = {}): HomeroomProjection {
	const known = new Map<string, Known>();
	/** Per document, record keys written by updates whose projection has not completed yet. */
	const owed = new Map<string, Set<string>>();
	const ordered = orderedPerKey();

	async function knownState(document: string, ref: { school: string; year: string; classCode: string }): Promise<Known> {
		const state = known.get(document);
		if (state) return state;
		const fresh: Known = { skipped: new Map(), students: await enrolledStudents(db, ref) };
		known.set(document, fresh);
		return fresh;
	}

	/** What SQL holds now for the students of these fields (for every student when none are named). */
	async function storedValues(document: string, only: ReadonlySet<string> | null): Promise<Map<string, HomeroomValues>> {
		if (!only) return projectedValuesOf(db, document);
		const students = [...new Set([...only].flatMap((key) => splitKey(key)?.[0] ?? []))];
		if (students.length === 0) return new Map();
		const rows = await db
			.select()
			.from(homeroomEntries)
			.where(and(eq(homeroomEntries.document, document), inArray(homeroomEntries.studentId, students)));
		return new Map(rows.map((row) => [row.studentId, valuesOfRow(row)]));
	}

	async function write(
		ref: { document: string; school: string; year: string; term: string; classCode: string },
		changes: readonly FieldChange[],
		actor: DocumentEvent['actor']
	): Promise<void> {
		if (changes.length === 0) return;
		const updatedBy = actor?.personId ?? null;
		const updatedAt = new Date();
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
			// Per field: a column this update did not change is never written (another instance
			// may have just written it for its own client).
			for (const { fields, rows } of upsertsOf(changes)) {
				await tx
					.insert(homeroomEntries)
					.values([...rows].map(([studentId, values]) => ({ ...ref, studentId, ...values, updatedBy, updatedAt })))
					.onConflictDoUpdate({
						target: [homeroomEntries.document, homeroomEntries.studentId],
						set: {
							...Object.fromEntries(fields.map((field) => [field, sql`excluded.${sql.identifier(COLUMN[field].name)}`])),
							updatedBy: sql`excluded.updated_by`,
							updatedAt: sql`excluded.updated_at`
						}
					});
			}
		});
	}

	function hook({ document, doc, actor, update }: DocumentEvent): Promise<void> | void {
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
		const sent = update ? fieldsWrittenBy(update, doc) : null;
		// Fields of earlier updates whose projection was given up (D3) are compared again now.
		const written = sent ? new Set([...sent, ...(owed.get(document) ?? [])]) : null;
		if (written && written.size === 0) return;
		if (written) owed.set(document, new Set(written));
		return ordered.run(document, async () => {
			const state = await knownState(document, { school, year, classCode });
			// Read in the task, after earlier tasks (and whatever other instances committed): a
			// retry diffs against what the database holds, so a commit whose reply was lost is not
			// audited twice (D3).
			const stored = await storedValues(document, written);
			const fresh = changesOf(stored, records, entries, written).filter((c) => {
				const key = recordKey(c.studentId, c.field);
				return !(state.skipped.has(key) && state.skipped.get(key) === c.newValue);
			});
			if (fresh.some((c) => !state.students.has(c.studentId))) state.students = await enrolledStudents(db, { school, year, classCode });
			const { accepted, skipped, problems } = screenFields(fresh, state.students);
			await write({ document, school, year, term, classCode }, accepted, actor);
			const stillOwed = owed.get(document);
			if (stillOwed) {
				for (const key of written ?? stillOwed) stillOwed.delete(key);
				if (stillOwed.size === 0) owed.delete(document);
			}
			for (const change of accepted) state.skipped.delete(recordKey(change.studentId, change.field));
			for (const [key, value] of skipped) state.skipped.set(key, value);
			// The students whose rows changed: their parents' views follow (parents SPEC).
			const changedStudents = [...new Set(accepted.map((c) => c.studentId))];
			if (changedStudents.length > 0) options.onProjected?.(document, changedStudents);
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
