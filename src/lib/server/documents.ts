/** The documents a person may open, and the lookups a ticket needs. */
import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import { classes, schoolYears, students, subjects, yjsDocuments } from '../../../drizzle/schema';
import type { DocumentRef } from '../domain/access/document-ref';
import { verifiedChildren, type Grants } from '../domain/access/grants';
import { ledSchools } from '../domain/access/leadership';
import { documentAccess, type AccessLevel, type DocumentContext } from '../domain/access/policy';
import { documentRow, formatDocumentName, isDocumentOfKind, parseDocumentName } from '../ydoc/document-name';
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

/**
 * Registers documents with the key columns their names give (documentRow). Already registered
 * ones are left as they are. Throws on a name that is not a document name: only server code
 * registers documents, so that is a bug.
 */
export async function registerDocuments(db: Database, names: readonly string[]): Promise<void> {
	const rows = names.map((name) => {
		const row = documentRow(name);
		if (!row) throw new Error(`not a document name: ${name}`);
		return row;
	});
	for (let i = 0; i < rows.length; i += 1000) await db.insert(yjsDocuments).values(rows.slice(i, i + 1000)).onConflictDoNothing();
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

/**
 * Which school years a listing covers: each school's current year (the default), or one year the
 * person asked for (a past year on the year switcher).
 */
export interface YearChoice {
	year?: string;
}

const CLASS_KINDS = ['gradebook', 'homeroom'];

/**
 * The year each school's listing shows: the one asked for, or the school's current year (schools
 * without one show nothing). Looked up first, so every branch below puts a literal school and year
 * into its index prefix instead of reading all years' rows and filtering after.
 */
async function listingYearOf(db: Database, schools: readonly string[], choice: YearChoice): Promise<Map<string, string>> {
	if (schools.length === 0) return new Map();
	if (choice.year !== undefined) return new Map(schools.map((s) => [s, choice.year!]));
	const rows = await db
		.select({ school: schoolYears.schoolId, year: schoolYears.year })
		.from(schoolYears)
		.where(and(eq(schoolYears.current, true), inArray(schoolYears.schoolId, [...schools])));
	return new Map(rows.map((r) => [r.school, r.year]));
}

/**
 * The registered documents this person's grants could open, selected by the key columns: every
 * branch starts from a grant (a led school, a taught or homeroom class, a staff school's
 * timetables, a child), so the cost follows the grants and not the size of the district.
 * The policy still decides each candidate (accessibleDocuments).
 */
async function candidateDocuments(db: Database, grants: Grants, choice: YearChoice): Promise<Array<{ name: string; studentSchool: string | null }>> {
	const leads = ledSchools(grants);
	const staffSchools = [...new Set(grants.roles.filter((r) => r.role !== 'district_officer').map((r) => r.organisation))];
	const children = verifiedChildren(grants);
	const d = yjsDocuments;
	const ownSchools = [...new Set([...leads, ...staffSchools, ...grants.teaching.map((t) => t.school), ...grants.homeroom.map((h) => h.school)])];
	const yearOf = await listingYearOf(db, ownSchools, choice);
	const shown = (school: string, year?: string) => yearOf.has(school) && (year === undefined || yearOf.get(school) === year);

	// A school's documents: every branch is (school, year, kind[, class]) literals, a prefix of the
	// (school, year, kind, class) index, so PostgreSQL combines index scans over the shown year only.
	const branches: SQL[] = [];
	const ofYear = (school: string) => and(eq(d.school, school), eq(d.year, yearOf.get(school)!))!;
	for (const school of leads.filter((s) => shown(s))) branches.push(and(ofYear(school), inArray(d.kind, CLASS_KINDS))!);
	for (const school of staffSchools.filter((s) => shown(s))) branches.push(and(ofYear(school), eq(d.kind, 'timetable'))!);
	for (const t of grants.teaching.filter((t) => shown(t.school, t.year))) {
		const ofClass = and(ofYear(t.school), eq(d.classCode, t.classCode));
		branches.push(and(ofClass, or(and(eq(d.kind, 'gradebook'), eq(d.subject, t.subject)), eq(d.kind, 'homeroom')))!);
	}
	for (const h of grants.homeroom.filter((h) => shown(h.school, h.year))) branches.push(and(ofYear(h.school), inArray(d.kind, CLASS_KINDS), eq(d.classCode, h.classCode))!);
	const schoolDocuments =
		branches.length === 0
			? []
			: db
					.select({ name: d.name })
					.from(d)
					.where(or(...branches))
					.then((rows) => rows.map((r) => ({ name: r.name, studentSchool: null })));

	// Student views of a led school's students: the (student, year) index probed with the school's
	// student ids and its shown year. `= any(array(…))` keeps it an index scan; a join let the
	// planner hash-join a seq scan of every student view of the district instead.
	const ledViews = leads
		.filter((s) => shown(s))
		.map((school) =>
			db
				.select({ name: d.name })
				.from(d)
				.where(
					and(
						eq(d.kind, 'student'),
						eq(d.year, yearOf.get(school)!),
						sql`${d.student} = any(array(${db.select({ id: students.id }).from(students).where(eq(students.schoolId, school))}))`
					)
				)
				.then((rows) => rows.map((r) => ({ name: r.name, studentSchool: school })))
		);
	// A parent's children (a handful, at any school): each child's school's current year.
	const current = db.select({ school: schoolYears.schoolId, year: schoolYears.year }).from(schoolYears).where(eq(schoolYears.current, true));
	const childYear = choice.year !== undefined ? eq(d.year, choice.year) : sql`(${students.schoolId}, ${d.year}) in ${current}`;
	const childViews =
		children.length === 0
			? []
			: db
					.select({ name: d.name, studentSchool: students.schoolId })
					.from(students)
					.innerJoin(d, and(eq(d.student, students.id), eq(d.kind, 'student')))
					.where(and(inArray(students.id, children), childYear));

	const [ofSchools, ofChildren, ...ofLed] = await Promise.all([schoolDocuments, childViews, ...ledViews]);
	// A child at a led school is found by both branches: keep one row per name.
	const byName = new Map([...ofSchools, ...ofChildren, ...ofLed.flat()].map((row) => [row.name, row]));
	return [...byName.values()];
}

/**
 * The school years of the person's schools, newest first, each marked when it is a school's
 * current one: what the year switcher offers. Parents follow their children's views, not years.
 */
export async function listingYears(db: Database, grants: Grants): Promise<Array<{ year: string; current: boolean }>> {
	const schools = [...new Set([...grants.roles.map((r) => r.organisation), ...grants.teaching.map((t) => t.school), ...grants.homeroom.map((h) => h.school)])];
	if (schools.length === 0) return [];
	const rows = await db
		.select({ year: schoolYears.year, current: sql<boolean>`bool_or(${schoolYears.current})` })
		.from(schoolYears)
		.where(inArray(schoolYears.schoolId, schools))
		.groupBy(schoolYears.year)
		.orderBy(desc(schoolYears.year));
	return rows.map((r) => ({ year: r.year, current: Boolean(r.current) }));
}

/** Every registered document the policy lets this person open, with the access it grants. */
export async function accessibleDocuments(db: Database, grants: Grants, choice: YearChoice = {}): Promise<Array<{ name: string; access: 'read' | 'write' }>> {
	if (grants.disabled) return [];
	const result: Array<{ name: string; access: 'read' | 'write' }> = [];
	for (const { name, studentSchool } of await candidateDocuments(db, grants, choice)) {
		const parsed = parseDocumentName(name);
		if (!parsed.ok) continue;
		const context: DocumentContext = parsed.ref.kind === 'student' ? { studentSchool: studentSchool ?? undefined } : {};
		const access = documentAccess(grants, parsed.ref, context);
		if (access !== 'none') result.push({ name, access });
	}
	return result.sort((a, b) => a.name.localeCompare(b.name));
}

// One collator for every comparison: localeCompare with a locale builds one per call, which
// dominated a leader's home page (hundreds of gradebooks sorted).
const classNameOrder = new Intl.Collator('vi', { numeric: true });

/** The gradebooks a person may open, with class and subject names for the home page. */
export async function gradebookListings(db: Database, grants: Grants, choice: YearChoice = {}): Promise<GradebookListing[]> {
	const documents = (await accessibleDocuments(db, grants, choice)).filter((d) => isDocumentOfKind(d.name, 'gradebook'));
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
			classNameOrder.compare(a.className, b.className) ||
			a.subjectOrder - b.subjectOrder ||
			a.term.localeCompare(b.term)
	);
}
