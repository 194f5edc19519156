/**
 * The district officer's figures per school, aggregated in SQL one page of schools at a time: what
 * a page costs follows its page size, not the number of schools the office supervises.
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { gradeEntries, organisations, schoolYears, subjects, yjsDocuments } from '../../../../drizzle/schema';
import { pageWindow } from '../../domain/display/paging';

export const SCHOOLS_PER_PAGE = 20;

export interface SchoolCoverage {
	id: string;
	name: string;
	/** The school's current year, null when it has none. */
	year: string | null;
	classes: number;
	students: number;
	gradebooks: number;
	/** Gradebooks of the current year holding at least one mark. */
	gradebooksWithMarks: number;
}

export interface SchoolPage {
	schools: SchoolCoverage[];
	page: number;
	pages: number;
	total: number;
}

/** One page (1-based) of the supervised schools by name, each with its current year's coverage. */
export async function schoolCoveragePage(db: Database, supervised: readonly string[], page: number): Promise<SchoolPage> {
	if (supervised.length === 0) return { schools: [], page: 1, pages: 1, total: 0 };
	const total = supervised.length;
	const { page: current, pages } = pageWindow(total, page, SCHOOLS_PER_PAGE);
	// Correlated subqueries per school of the page: each one an index lookup on the key columns.
	const rows = await db
		.select({
			id: organisations.id,
			name: organisations.name,
			year: schoolYears.year,
			classes: sql<number>`(select count(*)::int from classes c where c.school_id = ${organisations.id} and c.year = ${schoolYears.year})`,
			students: sql<number>`(select count(*)::int from enrolments e where e.school_id = ${organisations.id} and e.year = ${schoolYears.year})`,
			gradebooks: sql<number>`(select count(*)::int from yjs_documents d where d.school = ${organisations.id} and d.year = ${schoolYears.year} and d.kind = 'gradebook')`,
			gradebooksWithMarks: sql<number>`(select count(*)::int from yjs_documents d where d.school = ${organisations.id} and d.year = ${schoolYears.year} and d.kind = 'gradebook'
				and exists (select 1 from grade_entries g where g.document = d.name and g.value is not null))`
		})
		.from(organisations)
		.leftJoin(schoolYears, and(eq(schoolYears.schoolId, organisations.id), eq(schoolYears.current, true)))
		.where(inArray(organisations.id, [...supervised]))
		.orderBy(asc(organisations.name), asc(organisations.id))
		.limit(SCHOOLS_PER_PAGE)
		.offset((current - 1) * SCHOOLS_PER_PAGE);
	return {
		schools: rows.map((r) => ({ ...r, classes: r.year ? r.classes : 0, students: r.year ? r.students : 0, gradebooks: r.year ? r.gradebooks : 0, gradebooksWithMarks: r.year ? r.gradebooksWithMarks : 0 })),
		page: current,
		pages,
		total
	};
}

export interface SubjectResult {
	subject: string;
	subjectName: string;
	gradebooks: number;
	/** Marks entered (a score or a comment mark). */
	marks: number;
	/** Mean of the scores, exact to two decimals in SQL (numeric), null when there is none. */
	meanScore: string | null;
	/** Comment-assessed subjects: how many marks are "Đ" (đạt) and "CĐ" (chưa đạt). */
	passed: number;
	notPassed: number;
}

/** One school's results of a school year per subject, aggregated in SQL over its gradebooks only. */
export async function schoolResults(db: Database, school: string, year: string): Promise<SubjectResult[]> {
	const rows = await db
		.select({
			subject: yjsDocuments.subject,
			subjectName: subjects.name,
			gradebooks: sql<number>`count(distinct ${yjsDocuments.name})::int`,
			marks: count(gradeEntries.value),
			meanScore: sql<string | null>`round(avg(case when ${gradeEntries.value} ~ '^[0-9]+(\\.[0-9]+)?$' then ${gradeEntries.value}::numeric end), 2)::text`,
			passed: sql<number>`count(*) filter (where ${gradeEntries.value} = 'Đ')::int`,
			notPassed: sql<number>`count(*) filter (where ${gradeEntries.value} = 'CĐ')::int`
		})
		.from(yjsDocuments)
		.leftJoin(gradeEntries, eq(gradeEntries.document, yjsDocuments.name))
		.leftJoin(subjects, eq(subjects.code, yjsDocuments.subject))
		.where(and(eq(yjsDocuments.school, school), eq(yjsDocuments.year, year), eq(yjsDocuments.kind, 'gradebook')))
		.groupBy(yjsDocuments.subject, subjects.name)
		.orderBy(asc(subjects.name));
	return rows.map((r) => ({ ...r, subject: r.subject ?? '', subjectName: r.subjectName ?? r.subject ?? '', marks: Number(r.marks) }));
}

/** A school's name and its school years, newest first, the current one marked. */
export async function schoolWithYears(db: Database, school: string) {
	const [organisation] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, school));
	const years = await db
		.select({ year: schoolYears.year, current: schoolYears.current })
		.from(schoolYears)
		.where(eq(schoolYears.schoolId, school))
		.orderBy(sql`${schoolYears.year} desc`);
	return organisation ? { name: organisation.name, years } : null;
}
