/** The documents a person may open, and the lookups a ticket needs. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import { classes, students, subjects, yjsDocuments } from '../../../drizzle/schema';
import type { DocumentRef } from '../domain/access/document-ref';
import type { Grants } from '../domain/access/grants';
import { documentAccess, type AccessLevel, type DocumentContext } from '../domain/access/policy';
import { formatDocumentName, isDocumentOfKind, parseDocumentName } from '../ydoc/document-name';
import { isClassLocked } from './grades/term-locks';

export interface GradebookListing {
	name: string;
	access: Exclude<AccessLevel, 'none'>;
	school: string;
	year: string;
	term: 'hk1' | 'hk2';
	classCode: string;
	className: string;
	subjectCode: string;
	subjectName: string;
	subjectShortName: string;
	/** Position of the subject in the programme's order. */
	subjectOrder: number;
}

export async function documentExists(db: Database, name: string): Promise<boolean> {
	const rows = await db.select({ name: yjsDocuments.name }).from(yjsDocuments).where(eq(yjsDocuments.name, name));
	return rows.length > 0;
}

/**
 * What the policy needs to know about a document beyond its name: for a gradebook, whether its
 * term is locked for the class; for a student view, the student's school.
 */
export async function documentContext(db: Database, ref: DocumentRef): Promise<DocumentContext> {
	if (ref.kind === 'gradebook') return { locked: await isClassLocked(db, { school: ref.school, year: ref.year, term: ref.term, classCode: ref.classCode }) };
	if (ref.kind !== 'student') return {};
	const [row] = await db.select({ school: students.schoolId }).from(students).where(eq(students.id, ref.student));
	return row ? { studentSchool: row.school } : {};
}

/** Every registered document the policy lets this person open, with the access it grants. */
export async function accessibleDocuments(db: Database, grants: Grants): Promise<Array<{ name: string; access: 'read' | 'write' }>> {
	const schools = new Set([...grants.roles.map((r) => r.organisation), ...grants.districtSchools]);
	const candidates = await db.select({ name: yjsDocuments.name }).from(yjsDocuments);
	const refs = candidates.flatMap(({ name }) => {
		const parsed = parseDocumentName(name);
		return parsed.ok ? [{ name, ref: parsed.ref }] : [];
	});
	const studentIds = [...new Set(refs.flatMap(({ ref }) => (ref.kind === 'student' ? [ref.student] : [])))];
	const studentSchools = new Map(
		studentIds.length === 0
			? []
			: (await db.select({ id: students.id, school: students.schoolId }).from(students).where(inArray(students.id, studentIds))).map((s) => [s.id, s.school])
	);
	const result: Array<{ name: string; access: 'read' | 'write' }> = [];
	for (const { name, ref } of refs) {
		if (ref.kind !== 'student' && !schools.has(ref.school)) continue;
		const context: DocumentContext = ref.kind === 'student' ? { studentSchool: studentSchools.get(ref.student) } : {};
		const access = documentAccess(grants, ref, context);
		if (access !== 'none') result.push({ name, access });
	}
	return result.sort((a, b) => a.name.localeCompare(b.name));
}

/** The gradebooks a person may open, with class and subject names for the home page. */
export async function gradebookListings(db: Database, grants: Grants): Promise<GradebookListing[]> {
	const documents = (await accessibleDocuments(db, grants)).filter((d) => isDocumentOfKind(d.name, 'gradebook'));
	if (documents.length === 0) return [];
	const subjectRows = await db.select().from(subjects);
	const subjectNames = new Map(subjectRows.map((s) => [s.code, s.name]));
	const shortNames = new Map(subjectRows.map((s) => [s.code, s.shortName]));
	const subjectOrder = new Map(subjectRows.map((s, i) => [s.code, i]));
	const refs = documents.flatMap((d) => {
		const parsed = parseDocumentName(d.name);
		return parsed.ok && parsed.ref.kind === 'gradebook' ? [{ ...parsed.ref, access: d.access }] : [];
	});
	const classRows = await db
		.select()
		.from(classes)
		.where(and(inArray(classes.schoolId, [...new Set(refs.map((r) => r.school))]), inArray(classes.code, [...new Set(refs.map((r) => r.classCode))])));
	const classNames = new Map(classRows.map((c) => [`${c.schoolId}/${c.year}/${c.code}`, c.name]));
	const listings = refs.map((ref) => ({
		name: formatDocumentName(ref),
		access: ref.access,
		school: ref.school,
		year: ref.year,
		term: ref.term,
		classCode: ref.classCode,
		className: classNames.get(`${ref.school}/${ref.year}/${ref.classCode}`) ?? ref.classCode.toUpperCase(),
		subjectCode: ref.subject,
		subjectName: subjectNames.get(ref.subject) ?? ref.subject,
		subjectShortName: shortNames.get(ref.subject) ?? ref.subject,
		subjectOrder: subjectOrder.get(ref.subject) ?? 99
	}));
	// Class order 6A1, 6A2, … 9A3; subjects in the programme's order; term I before term II.
	return listings.sort(
		(a, b) =>
			a.className.localeCompare(b.className, 'vi', { numeric: true }) ||
			a.subjectOrder - b.subjectOrder ||
			a.term.localeCompare(b.term)
	);
}
