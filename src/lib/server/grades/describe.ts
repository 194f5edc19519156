/** Human words for documents, students and columns in leaders' pages and exports. */
import { inArray } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, people, subjects } from '../../../../drizzle/schema';
import { parseDocumentName } from '../../ydoc/document-name';

const TERM_NAMES: Record<string, string> = { hk1: 'HK I', hk2: 'HK II' };

export function columnLabel(key: string): string {
	if (key === 'gk') return 'ĐĐGgk';
	if (key === 'ck') return 'ĐĐGck';
	const regular = /^tx(\d)$/.exec(key);
	return regular ? `ĐĐGtx${regular[1]}` : key;
}

/** "Toán — 9A1 — HK I" for each gradebook name ("Sổ chủ nhiệm — …" for a homeroom), and full names for person/student ids. */
export async function describer(db: Database, documents: string[], personIds: string[]) {
	const [subjectRows, classRows, personRows] = await Promise.all([
		db.select().from(subjects),
		db.select().from(classes),
		personIds.length > 0 ? db.select({ id: people.id, name: people.fullName }).from(people).where(inArray(people.id, [...new Set(personIds)])) : []
	]);
	const subjectNames = new Map(subjectRows.map((s) => [s.code, s.name]));
	const classNames = new Map(classRows.map((c) => [`${c.schoolId}/${c.year}/${c.code}`, c.name]));
	const names = new Map(personRows.map((p) => [p.id, p.name]));
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
		person: (id: string | null) => (id ? (names.get(id) ?? id) : '')
	};
}
