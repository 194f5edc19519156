/**
 * A gradebook as the server provisions it (header + roster, written server-side) for sync tests,
 * and the marks teachers write into it the way the app does (applyEdits), so every test update
 * passes the server's schema (sync-server SPEC V3–V8) unless a test means otherwise.
 */
import * as Y from 'yjs';
import { parseDocumentName } from '../../../src/lib/ydoc/document-name';
import { applyEdits, initGradebook, readGradebook, type CellValue } from '../../../src/lib/ydoc/gradebook';

export const TEST_COLUMNS = ['tx1', 'tx2', 'tx3', 'tx4', 'gk', 'ck'] as const;
export const TEST_STUDENT_COUNT = 50;
export const testStudent = (index: number) => `hs-${String(index).padStart(2, '0')}`;

/** The name tickets carry for `personId` (sync-clients.ts `ticketFor`): the author the server expects. */
export const teacherName = (personId: string) => `Giáo viên ${personId}`;

/** The server's first update of `document`: header (score subject, six columns) and a roster of 50. */
export function gradebookSeed(document: string): Uint8Array {
	const parsed = parseDocumentName(document);
	if (!parsed.ok || parsed.ref.kind !== 'gradebook') throw new Error(`not a gradebook: ${document}`);
	const { school, year, term, classCode, subject } = parsed.ref;
	const doc = new Y.Doc();
	initGradebook(
		doc,
		{
			school,
			year,
			term,
			classCode,
			className: classCode.toUpperCase(),
			subjectCode: subject,
			subjectName: subject,
			assessment: 'score',
			columns: TEST_COLUMNS.map((key) => ({ key, label: key.toUpperCase(), kind: key === 'gk' ? 'mid-term' : key === 'ck' ? 'end-of-term' : 'regular' }))
		},
		Array.from({ length: TEST_STUDENT_COUNT }, (_, index) => ({ id: testStudent(index), name: `Học sinh ${index}`, code: `${index}` }))
	);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

/** A teacher's mark, as the grid writes it. */
export function writeMark(doc: Y.Doc, personId: string, studentId: string, columnKey: string, value: CellValue): void {
	applyEdits(doc, [{ kind: 'mark', studentId, columnKey, value }], { actor: { id: personId, name: teacherName(personId) }, at: Date.now(), offline: false });
}

/** Every mark the document shows, by cell key (`hs-01:tx1`). */
export function marksOf(doc: Y.Doc): Record<string, CellValue> {
	const read = readGradebook(doc);
	if (!read.ok) return {};
	return Object.fromEntries([...read.cells].map(([key, entry]) => [key, entry.value]));
}
