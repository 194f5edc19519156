/**
 * The district officer's view of the pilot's identity coverage (guardianship SPEC CV1–CV3): per
 * supervised school, the same figures as the principal's dashboard (GV9), counted in SQL one page
 * of schools at a time (correlated counts per school of the page), plus the school's latest daily
 * snapshot from a week or more before, so the officer sees which schools move. Only counts leave
 * the database: no student's or guardian's name, so the page is not a view of personal data.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { organisations, schoolYears } from '../../../../drizzle/schema';
import { pageWindow } from '../../domain/display/paging';
import { coverageShare, type CoverageFigures, type Share } from '../../domain/guardianship/coverage';
import { SCHOOLS_PER_PAGE } from './school-overview';

export interface SchoolIdentityCoverage {
	id: string;
	name: string;
	year: string | null;
	figures: CoverageFigures & { staffVneid: Share };
	/** The school-checked share of the latest snapshot at least 7 days old, with its day; null when none. */
	weekBefore: { day: string; schoolChecked: Share } | null;
}

export interface IdentityCoveragePage {
	schools: SchoolIdentityCoverage[];
	page: number;
	pages: number;
	total: number;
}

const LIVE = sql.raw(`('declared', 'needs_more_info', 'school_checked', 'authority_confirmed')`);

/** `day` minus 7 days, as yyyy-mm-dd. */
function weekEarlier(day: string): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - 7);
	return d.toISOString().slice(0, 10);
}

export async function identityCoveragePage(db: Database, supervised: readonly string[], page: number, today: string): Promise<IdentityCoveragePage> {
	if (supervised.length === 0) return { schools: [], page: 1, pages: 1, total: 0 };
	const total = supervised.length;
	const { page: current, pages } = pageWindow(total, page, SCHOOLS_PER_PAGE);
	const school = organisations.id;
	const year = schoolYears.year;
	// The school's live guardian links of its current year (as the principal's dashboard counts them).
	const links = (extra: string) =>
		sql<number>`(select count(*)::int from guardianships g join students st on st.id = g.student_id
			join enrolments e on e.student_id = st.id and e.year = ${year}
			where st.school_id = ${school} and g.state in ${LIVE} ${sql.raw(extra)})`;
	const guardians = (extra: string) =>
		sql<number>`(select count(distinct g.guardian_id)::int from guardianships g join students st on st.id = g.student_id
			join enrolments e on e.student_id = st.id and e.year = ${year} join people gp on gp.id = g.guardian_id
			where st.school_id = ${school} and g.state in ${LIVE} ${sql.raw(extra)})`;
	const rows = await db
		.select({
			id: school,
			name: organisations.name,
			year,
			students: sql<number>`(select count(*)::int from enrolments e where e.school_id = ${school} and e.year = ${year})`,
			studentsWithId: sql<number>`(select count(*)::int from enrolments e join students st on st.id = e.student_id join people p on p.id = st.person_id
				where e.school_id = ${school} and e.year = ${year} and p.personal_id_hash is not null)`,
			links: links(''),
			checked: links(`and g.state in ('school_checked', 'authority_confirmed')`),
			confirmed: links(`and g.state = 'authority_confirmed'`),
			guardians: guardians(''),
			guardiansVneid: guardians(`and gp.verified_by = 'vneid'`),
			staff: sql<number>`(select count(distinct sr.person_id)::int from staff_roles sr where sr.organisation_id = ${school})`,
			staffVneid: sql<number>`(select count(distinct sr.person_id)::int from staff_roles sr join people p on p.id = sr.person_id
				where sr.organisation_id = ${school} and p.verified_by = 'vneid')`,
			before: sql<{ day: string; figures: string } | null>`(select json_build_object('day', cs.day::text, 'figures', cs.figures) from coverage_snapshots cs
				where cs.school_id = ${school} and cs.day <= ${weekEarlier(today)}::date order by cs.day desc limit 1)`
		})
		.from(organisations)
		.leftJoin(schoolYears, and(eq(schoolYears.schoolId, organisations.id), eq(schoolYears.current, true)))
		.where(inArray(organisations.id, [...supervised]))
		.orderBy(asc(organisations.name), asc(organisations.id))
		.limit(SCHOOLS_PER_PAGE)
		.offset((current - 1) * SCHOOLS_PER_PAGE);
	return {
		schools: rows.map((r) => {
			const n = (value: number) => (r.year ? Number(value) : 0);
			const before = typeof r.before === 'string' ? (JSON.parse(r.before) as { day: string; figures: string }) : r.before;
			const beforeFigures = before ? (JSON.parse(before.figures) as Partial<CoverageFigures>) : null;
			return {
				id: r.id,
				name: r.name,
				year: r.year,
				figures: {
					students: coverageShare(n(r.studentsWithId), n(r.students)),
					schoolChecked: coverageShare(n(r.checked), n(r.links)),
					authorityConfirmed: coverageShare(n(r.confirmed), n(r.links)),
					guardiansVneid: coverageShare(n(r.guardiansVneid), n(r.guardians)),
					staffVneid: coverageShare(Number(r.staffVneid), Number(r.staff))
				},
				weekBefore: before && beforeFigures?.schoolChecked ? { day: before.day, schoolChecked: beforeFigures.schoolChecked } : null
			};
		}),
		page: current,
		pages,
		total
	};
}
