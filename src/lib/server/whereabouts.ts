/** Where a staff member is: each organisation of the acting capacity, its current year and term, their roles there. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import { organisations, schoolYears } from '../../../drizzle/schema';
import type { Term } from '../domain/access/document-ref';
import type { Grants, StaffRole } from '../domain/access/grants';
import { staffRoleNames } from '../domain/access/staff-role-names';
import { termOnDate } from '../domain/calendar/term-on-date';
import { vietnamToday } from '../domain/calendar/vietnam-time';

export interface Whereabouts {
	organisation: string;
	/** Null for a district office, or a school with no current year yet. */
	year: string | null;
	term: Term | null;
	roles: string[];
}

export async function whereaboutsOf(db: Database, grants: Grants, now: Date): Promise<Whereabouts[]> {
	const held = new Map<string, StaffRole[]>();
	for (const { organisation, role } of grants.roles) held.set(organisation, [...(held.get(organisation) ?? []), role]);
	if (held.size === 0) return [];
	const ids = [...held.keys()];
	const names = new Map((await db.select().from(organisations).where(inArray(organisations.id, ids))).map((o) => [o.id, o.name]));
	const years = new Map(
		(await db.select().from(schoolYears).where(and(inArray(schoolYears.schoolId, ids), eq(schoolYears.current, true)))).map((y) => [y.schoolId, y.year])
	);
	const today = vietnamToday(now);
	return ids.map((id) => {
		const year = years.get(id) ?? null;
		return { organisation: names.get(id) ?? id, year, term: year ? termOnDate(year, today) : null, roles: staffRoleNames(held.get(id)!) };
	});
}
