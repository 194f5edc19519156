/** The classes the home page links to: the person's homeroom classes, and for leaders every class. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, schoolYears } from '../../../../drizzle/schema';
import { homeroomClasses } from '../../domain/access/class-summary';
import { ledSchools } from '../../domain/access/leadership';
import type { Grants } from '../../domain/access/grants';

export interface ClassLink {
	school: string;
	year: string;
	classCode: string;
	className: string;
}

// One collator: localeCompare with a locale builds one per comparison (~15 ms for a school's classes).
const classNameOrder = new Intl.Collator('vi', { numeric: true });
const byName = (a: ClassLink, b: ClassLink) => classNameOrder.compare(a.className, b.className);

/** Classes this person is the homeroom teacher of (GVCN), with their names. */
export async function homeroomLinks(db: Database, grants: Grants): Promise<ClassLink[]> {
	const refs = homeroomClasses(grants);
	if (refs.length === 0) return [];
	const rows = await db
		.select()
		.from(classes)
		.where(and(inArray(classes.schoolId, [...new Set(refs.map((r) => r.school))]), inArray(classes.code, [...new Set(refs.map((r) => r.classCode))])));
	return refs
		.flatMap((ref) => {
			const row = rows.find((c) => c.schoolId === ref.school && c.year === ref.year && c.code === ref.classCode);
			return row ? [{ ...ref, className: row.name }] : [];
		})
		.sort(byName);
}

/** Every class of the current year of the schools this person leads (class summaries). */
export async function leaderClassLinks(db: Database, grants: Grants): Promise<ClassLink[]> {
	const schools = ledSchools(grants);
	if (schools.length === 0) return [];
	const rows = await db
		.select({ school: classes.schoolId, year: classes.year, classCode: classes.code, className: classes.name })
		.from(classes)
		.innerJoin(schoolYears, and(eq(schoolYears.schoolId, classes.schoolId), eq(schoolYears.year, classes.year), eq(schoolYears.current, true)))
		.where(inArray(classes.schoolId, schools));
	return rows.sort(byName);
}
