/** The classes of one school year, for the leaders' pages (term locks, graduation review). */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import { classes } from '../../../drizzle/schema';

export interface SchoolClass {
	code: string;
	name: string;
	grade: number;
}

/** Every class of the school's year (or of one grade), by grade then code. */
export async function classesOfYear(db: Database, school: string, year: string, grade?: number): Promise<SchoolClass[]> {
	const conditions = [eq(classes.schoolId, school), eq(classes.year, year)];
	if (grade !== undefined) conditions.push(eq(classes.grade, grade));
	return db
		.select({ code: classes.code, name: classes.name, grade: classes.grade })
		.from(classes)
		.where(and(...conditions))
		.orderBy(classes.grade, classes.code);
}
