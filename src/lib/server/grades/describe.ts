/** Human words for documents, students and columns in leaders' pages and exports. */
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, people, students, subjects } from '../../../../drizzle/schema';
import { parseDocumentName } from '../../ydoc/document-name';

const TERM_NAMES: Record<string, string> = { hk1: 'HK I', hk2: 'HK II' };

export function columnLabel(key: string): string {
	if (key === 'gk') return 'ĐĐGgk';
	if (key === 'ck') return 'ĐĐGck';
	const regular = /^tx(\d)$/.exec(key);
	return regular ? `ĐĐGtx${regular[1]}` : key;
}

/**
 * "Toán — 9A1 — HK I" for each gradebook name ("Sổ chủ nhiệm — …" for a homeroom), full names for
 * person/student ids and the Bộ GD&ĐT student code (mã học sinh) for student ids: people read
 * codes and names, never internal ids. An id nobody owns (junk) is shown as it is.
 */
export async function describer(db: Database, documents: string[], personIds: string[]) {
	const ids = [...new Set(personIds)];
	// Only the classes of the schools these documents belong to: never the whole district's.
	const schools = [...new Set(documents.flatMap((name) => {
		const parsed = parseDocumentName(name);
		return parsed.ok && parsed.ref.kind !== 'student' ? [parsed.ref.school] : [];
	}))];
	const [subjectRows, classRows, personRows, studentRows] = await Promise.all([
		db.select().from(subjects),
		schools.length > 0 ? db.select().from(classes).where(inArray(classes.schoolId, schools)) : [],
		ids.length > 0 ? db.select({ id: people.id, name: people.fullName }).from(people).where(inArray(people.id, ids)) : [],
		ids.length > 0
			? db.select({ id: students.id, code: students.moetCode, name: people.fullName }).from(students).innerJoin(people, eq(people.id, students.personId)).where(inArray(students.id, ids))
			: []
	]);
	const subjectNames = new Map(subjectRows.map((s) => [s.code, s.name]));
	const classNames = new Map(classRows.map((c) => [`${c.schoolId}/${c.year}/${c.code}`, c.name]));
	const names = new Map([...personRows.map((p) => [p.id, p.name] as const), ...studentRows.map((s) => [s.id, s.name] as const)]);
	const studentCodes = new Map(studentRows.map((s) => [s.id, s.code]));
	const documentTitles = new Map(
		documents.map((name) => {
			const parsed = parseDocumentName(name);
			if (!parsed.ok || (parsed.ref.kind !== 'gradebook' && parsed.ref.kind !== 'homeroom')) return [name, name];
			const r = parsed.ref;
			const book = r.kind === 'gradebook' ? (subjectNames.get(r.subject) ?? r.subject) : 'Sổ chủ nhiệm';
			return [name, `${book} — ${classNames.get(`${r.school}/${r.year}/${r.classCode}`) ?? r.classCode} — ${TERM_NAMES[r.term]}`];
		})
	);
	return {
		document: (name: string) => documentTitles.get(name) ?? name,
		person: (id: string | null) => (id ? (names.get(id) ?? id) : ''),
		studentCode: (id: string) => studentCodes.get(id) ?? id
	};
}
