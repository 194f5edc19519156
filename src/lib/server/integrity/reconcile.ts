/**
 * Reconciliation (projections SPEC P6): compares each gradebook's and homeroom document's SQL
 * projection with what the stored document says it should hold — the same rules the projection
 * hooks apply (P2–P4) — and records every disagreement as a `drift` integrity alert. Cells the
 * rules keep out of SQL are not drift: they are recorded as the problems they are.
 *
 * The document is read from storage (`yjs_updates`), so an edit still in flight (applied and
 * projected but not yet committed, or the other way round) can look like drift for a moment: a
 * document that disagrees is read again after `settle()` and only a lasting disagreement counts.
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../../../../drizzle/database';
import { classes, gradeEntries, homeroomEntries, yjsDocuments, yjsUpdates } from '../../../../drizzle/schema';
import { parseDocumentName } from '../../ydoc/document-name';
import { cellKey, readGradebook, splitCellKey } from '../../ydoc/gradebook';
import { HOMEROOM_FIELDS, emptyValues, readHomeroom, recordKey, type HomeroomValues } from '../../ydoc/homeroom';
import { cellChanges } from '../grades/cell-changes';
import { gradebookScope, screenChanges } from '../grades/gradebook-scope';
import { enrolledStudents, fieldText, homeroomProblem, projectedValuesOf, valuesOfRow } from '../homeroom/homeroom-projection';
import { displayKey, recordProblems, type IntegrityProblem } from './alerts';

export interface DocumentCheck {
	document: string;
	/** Cells (`student:column` or `student:field`) whose SQL value differs from the document's. */
	drift: IntegrityProblem[];
	/** Content the projection rules keep out of SQL. */
	problems: IntegrityProblem[];
}

export interface ReconciliationReport {
	documents: number;
	drifted: DocumentCheck[];
	problems: number;
}

export async function loadStoredDocument(db: Database, document: string): Promise<Y.Doc> {
	const rows = await db.select({ data: yjsUpdates.data }).from(yjsUpdates).where(eq(yjsUpdates.document, document)).orderBy(yjsUpdates.id);
	const doc = new Y.Doc();
	Y.transact(doc, () => {
		for (const row of rows) Y.applyUpdate(doc, row.data);
	});
	return doc;
}

type ClassRef = { school: string; year: string; classCode: string };

/**
 * What a check reads from SQL. A run reads each school's projections in two queries up front and
 * each class's enrolment and grade once; a document that disagrees is checked again with fresh reads.
 */
interface Sources {
	marks(document: string): Promise<Map<string, string | null>>;
	homeroom(document: string): Promise<Map<string, HomeroomValues>>;
	enrolled(ref: ClassRef): Promise<Set<string>>;
	grade(ref: ClassRef): Promise<number | undefined>;
}

function memo<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
	const cache = new Map<string, Promise<T>>();
	return (key) => {
		let value = cache.get(key);
		if (!value) cache.set(key, (value = load(key)));
		return value;
	};
}

function classSources(db: Database): Pick<Sources, 'enrolled' | 'grade'> {
	const enrolled = memo((key) => {
		const [school, year, classCode] = key.split('/') as [string, string, string];
		return enrolledStudents(db, { school, year, classCode });
	});
	const grade = memo(async (key) => {
		const [school, year, classCode] = key.split('/') as [string, string, string];
		const [row] = await db
			.select({ grade: classes.grade })
			.from(classes)
			.where(and(eq(classes.schoolId, school), eq(classes.year, year), eq(classes.code, classCode)));
		return row?.grade;
	});
	const keyOf = (ref: ClassRef) => `${ref.school}/${ref.year}/${ref.classCode}`;
	return { enrolled: (ref) => enrolled(keyOf(ref)), grade: (ref) => grade(keyOf(ref)) };
}

function freshSources(db: Database): Sources {
	return {
		marks: async (document) => {
			const rows = await db.select().from(gradeEntries).where(eq(gradeEntries.document, document));
			return new Map(rows.map((row) => [cellKey(row.studentId, row.columnKey), row.value]));
		},
		homeroom: (document) => projectedValuesOf(db, document),
		...classSources(db)
	};
}

/** The school a gradebook or homeroom document belongs to. */
function schoolOf(name: string): string[] {
	const parsed = parseDocumentName(name);
	return parsed.ok && 'school' in parsed.ref ? [parsed.ref.school] : [];
}

async function preloadedSources(db: Database, documents: readonly string[]): Promise<Sources> {
	const schools = [...new Set(documents.flatMap(schoolOf))];
	const marks = new Map<string, Map<string, string | null>>();
	const homeroom = new Map<string, Map<string, HomeroomValues>>();
	for (const school of schools) {
		for (const row of await db.select().from(gradeEntries).where(inArray(gradeEntries.document, db.select({ name: yjsDocuments.name }).from(yjsDocuments).where(and(eq(yjsDocuments.school, school), eq(yjsDocuments.kind, 'gradebook')))))) {
			const map = marks.get(row.document) ?? new Map<string, string | null>();
			map.set(cellKey(row.studentId, row.columnKey), row.value);
			marks.set(row.document, map);
		}
		for (const row of await db.select().from(homeroomEntries).where(eq(homeroomEntries.school, school))) {
			const map = homeroom.get(row.document) ?? new Map<string, HomeroomValues>();
			map.set(row.studentId, valuesOfRow(row));
			homeroom.set(row.document, map);
		}
	}
	return {
		marks: async (document) => marks.get(document) ?? new Map(),
		homeroom: async (document) => homeroom.get(document) ?? new Map(),
		...classSources(db)
	};
}

function disagreement(key: string, inSql: string | null, inDocument: string | null): IntegrityProblem {
	return { kind: 'drift', key, note: `báo cáo: ${displayKey(inSql ?? 'trống')}, sổ: ${displayKey(inDocument ?? 'trống')}` };
}

async function checkGradebook(sources: Sources, document: string, doc: Y.Doc, ref: ClassRef & { subject: string }): Promise<DocumentCheck> {
	const read = readGradebook(doc);
	if (!read.ok) return { document, drift: [], problems: read.reason === 'empty' ? [] : [{ kind: 'unreadable', key: '', note: read.reason }] };
	const [inSql, students, grade] = await Promise.all([sources.marks(document), sources.enrolled(ref), sources.grade(ref)]);
	const scope = gradebookScope(students, grade, ref.subject);
	// What the projection would do to SQL now: nothing, when the two agree.
	const changes = cellChanges(inSql, read.cells);
	const { accepted, problems } = screenChanges(changes, scope);
	// Rows SQL should not hold at all (written before P2–P3, or a student who has left the class).
	const changed = new Set(changes.map((c) => cellKey(c.studentId, c.columnKey)));
	const outside = [...inSql.keys()].flatMap((key): IntegrityProblem[] => {
		if (changed.has(key)) return [];
		const [studentId, columnKey] = splitCellKey(key);
		const kind = !scope.students.has(studentId) ? 'off-roster-student' : !scope.columns.has(columnKey) ? 'unknown-column' : null;
		return kind ? [{ kind, key, note: 'còn trong báo cáo' }] : [];
	});
	return {
		document,
		drift: accepted.map((c) => disagreement(cellKey(c.studentId, c.columnKey), c.oldValue, c.newValue)),
		problems: [...problems.filter((p) => p.kind !== 'erased-history'), ...outside]
	};
}

async function checkHomeroom(sources: Sources, document: string, doc: Y.Doc, ref: ClassRef): Promise<DocumentCheck> {
	const read = readHomeroom(doc);
	if (!read.ok) return { document, drift: [], problems: read.reason === 'empty' ? [] : [{ kind: 'unreadable', key: '', note: read.reason }] };
	const [inSql, students] = await Promise.all([sources.homeroom(document), sources.enrolled(ref)]);
	const check: DocumentCheck = { document, drift: [], problems: [] };
	for (const studentId of inSql.keys()) {
		if (!students.has(studentId)) check.problems.push({ kind: 'off-roster-student', key: studentId, note: 'còn trong báo cáo' });
	}
	for (const studentId of new Set([...inSql.keys(), ...read.records.keys()])) {
		const projected = inSql.get(studentId) ?? emptyValues();
		const values = read.records.get(studentId) ?? emptyValues();
		for (const field of HOMEROOM_FIELDS) {
			const key = recordKey(studentId, field);
			const [sqlText, documentText] = [fieldText(projected[field]), fieldText(values[field])];
			if (sqlText === documentText) continue;
			const kind = homeroomProblem(studentId, read.entries.get(key), students);
			if (kind) check.problems.push({ kind, key });
			else check.drift.push(disagreement(key, sqlText, documentText));
		}
	}
	return check;
}

async function checkDocument(db: Database, sources: Sources, document: string): Promise<DocumentCheck | null> {
	const parsed = parseDocumentName(document);
	if (!parsed.ok || (parsed.ref.kind !== 'gradebook' && parsed.ref.kind !== 'homeroom')) return null;
	const doc = await loadStoredDocument(db, document);
	try {
		return parsed.ref.kind === 'gradebook' ? await checkGradebook(sources, document, doc, parsed.ref) : await checkHomeroom(sources, document, doc, parsed.ref);
	} finally {
		doc.destroy();
	}
}

/** The gradebooks and homeroom documents of one school, or of every school. */
export async function projectedDocuments(db: Database, school?: string): Promise<string[]> {
	const rows = await db
		.select({ name: yjsDocuments.name })
		.from(yjsDocuments)
		.where(
			school === undefined
				? or(eq(yjsDocuments.kind, 'gradebook'), eq(yjsDocuments.kind, 'homeroom'))
				: and(eq(yjsDocuments.school, school), or(eq(yjsDocuments.kind, 'gradebook'), eq(yjsDocuments.kind, 'homeroom')))
		)
		.orderBy(yjsDocuments.name);
	return rows.map((r) => r.name);
}

/** Checks every document named, records drift and problems as alerts, and reports what it found. */
export async function reconcileProjections(
	db: Database,
	documents: readonly string[],
	options: { settle?: () => Promise<void>; now?: () => Date } = {}
): Promise<ReconciliationReport> {
	const report: ReconciliationReport = { documents: 0, drifted: [], problems: 0 };
	const sources = await preloadedSources(db, documents);
	for (const document of documents) {
		let check = await checkDocument(db, sources, document);
		if (!check) continue;
		report.documents++;
		if (check.drift.length > 0 && options.settle) {
			await options.settle();
			check = (await checkDocument(db, freshSources(db), document))!;
		}
		if (check.drift.length > 0) report.drifted.push(check);
		report.problems += check.problems.length;
		await recordProblems(db, document, [...check.drift, ...check.problems], options.now?.());
	}
	return report;
}
