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
import { eq, like, or } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../../../../drizzle/database';
import { gradeEntries, yjsDocuments, yjsUpdates } from '../../../../drizzle/schema';
import { parseDocumentName } from '../../ydoc/document-name';
import { readGradebook } from '../../ydoc/gradebook';
import { HOMEROOM_FIELDS, emptyValues, readHomeroom, recordKey } from '../../ydoc/homeroom';
import { cellChanges } from '../grades/cell-changes';
import { loadGradebookScope, screenChanges } from '../grades/gradebook-scope';
import { enrolledStudents, fieldText, homeroomProblem, projectedValuesOf } from '../homeroom/homeroom-projection';
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

async function loadStoredDocument(db: Database, document: string): Promise<Y.Doc> {
	const rows = await db.select({ data: yjsUpdates.data }).from(yjsUpdates).where(eq(yjsUpdates.document, document)).orderBy(yjsUpdates.id);
	const doc = new Y.Doc();
	Y.transact(doc, () => {
		for (const row of rows) Y.applyUpdate(doc, row.data);
	});
	return doc;
}

function disagreement(key: string, inSql: string | null, inDocument: string | null): IntegrityProblem {
	return { kind: 'drift', key, note: `báo cáo: ${displayKey(inSql ?? 'trống')}, sổ: ${displayKey(inDocument ?? 'trống')}` };
}

async function checkGradebook(db: Database, document: string, doc: Y.Doc, ref: { school: string; year: string; classCode: string; subject: string }): Promise<DocumentCheck> {
	const read = readGradebook(doc);
	if (!read.ok) return { document, drift: [], problems: read.reason === 'empty' ? [] : [{ kind: 'unreadable', key: '', note: read.reason }] };
	const rows = await db.select().from(gradeEntries).where(eq(gradeEntries.document, document));
	const inSql = new Map(rows.map((row) => [`${row.studentId}:${row.columnKey}`, row.value]));
	// What the projection would do to SQL now: nothing, when the two agree.
	const { accepted, problems } = screenChanges(cellChanges(inSql, read.cells), await loadGradebookScope(db, ref));
	return {
		document,
		drift: accepted.map((c) => disagreement(`${c.studentId}:${c.columnKey}`, c.oldValue, c.newValue)),
		problems: problems.filter((p) => p.kind !== 'erased-history')
	};
}

async function checkHomeroom(db: Database, document: string, doc: Y.Doc, ref: { school: string; year: string; classCode: string }): Promise<DocumentCheck> {
	const read = readHomeroom(doc);
	if (!read.ok) return { document, drift: [], problems: read.reason === 'empty' ? [] : [{ kind: 'unreadable', key: '', note: read.reason }] };
	const [inSql, students] = await Promise.all([projectedValuesOf(db, document), enrolledStudents(db, ref)]);
	const check: DocumentCheck = { document, drift: [], problems: [] };
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

async function checkDocument(db: Database, document: string): Promise<DocumentCheck | null> {
	const parsed = parseDocumentName(document);
	if (!parsed.ok || (parsed.ref.kind !== 'gradebook' && parsed.ref.kind !== 'homeroom')) return null;
	const doc = await loadStoredDocument(db, document);
	try {
		return parsed.ref.kind === 'gradebook' ? await checkGradebook(db, document, doc, parsed.ref) : await checkHomeroom(db, document, doc, parsed.ref);
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
				: or(like(yjsDocuments.name, `gradebook/${school}/%`), like(yjsDocuments.name, `homeroom/${school}/%`))
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
	for (const document of documents) {
		let check = await checkDocument(db, document);
		if (!check) continue;
		report.documents++;
		if (check.drift.length > 0 && options.settle) {
			await options.settle();
			check = (await checkDocument(db, document))!;
		}
		if (check.drift.length > 0) report.drifted.push(check);
		report.problems += check.problems.length;
		await recordProblems(db, document, [...check.drift, ...check.problems], options.now?.());
	}
	return report;
}
