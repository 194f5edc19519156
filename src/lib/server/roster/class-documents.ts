/**
 * Roster RI15: the class documents (gradebooks, the homeroom record) list the students who have a
 * row. Only the server writes that list (sync-server SPEC V3, V12), so after an import changed a
 * class's students the server writes them into every document of the class that exists, through
 * the sync server (`SyncControl.change`): teachers with the book open see the new row at once, and
 * the change is persisted and fanned out like any other. Students are added and renamed, never
 * removed (a student who left keeps the row, V19).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { enrolments, people, students, yjsDocuments } from '../../../../drizzle/schema';
import { mergeRoster, type RosterEntry } from '../../ydoc/roster';
import type { SyncControl } from '../services';

/** The roster of each class asked for, from SQL: every enrolment of the year, whatever its state. */
async function classRosters(db: Database, school: string, year: string, classCodes: readonly string[]): Promise<Map<string, RosterEntry[]>> {
	const rows = await db
		.select({ classCode: enrolments.classCode, id: students.id, name: people.fullName, code: students.moetCode })
		.from(enrolments)
		.innerJoin(students, eq(students.id, enrolments.studentId))
		.innerJoin(people, eq(people.id, students.personId))
		.where(and(eq(enrolments.schoolId, school), eq(enrolments.year, year), inArray(enrolments.classCode, [...classCodes])))
		.orderBy(asc(students.id));
	const rosters = new Map<string, RosterEntry[]>();
	for (const r of rows) {
		const list = rosters.get(r.classCode) ?? [];
		list.push({ id: r.id, name: r.name, code: r.code });
		rosters.set(r.classCode, list);
	}
	return rosters;
}

/**
 * Writes the classes' rosters into their existing gradebooks and homeroom records; returns how
 * many it wrote into. The import has committed already: a document that cannot be written now is
 * logged and skipped (its roster is written again by the next import touching the class), not
 * turned into a failed import. A class without documents has nothing to write into (the app does
 * not create gradebooks yet; the demo seeds them).
 */
export async function writeClassRosters(db: Database, sync: Pick<SyncControl, 'change'>, school: string, year: string, classCodes: readonly string[]): Promise<number> {
	const classes = [...new Set(classCodes)];
	if (classes.length === 0) return 0;
	const rosters = await classRosters(db, school, year, classes);
	const documents = await db
		.select({ name: yjsDocuments.name, classCode: yjsDocuments.classCode })
		.from(yjsDocuments)
		.where(and(eq(yjsDocuments.school, school), eq(yjsDocuments.year, year), inArray(yjsDocuments.kind, ['gradebook', 'homeroom']), inArray(yjsDocuments.classCode, classes)))
		.orderBy(asc(yjsDocuments.name));
	let written = 0;
	for (const d of documents) {
		const roster = rosters.get(d.classCode ?? '');
		if (!roster) continue;
		try {
			// A registered document with no header yet is not a class's book to write into.
			await sync.change(d.name, (doc) => doc.getMap('meta').size > 0 && mergeRoster(doc, roster));
			written += 1;
		} catch (error) {
			console.error(`[roster] ${d.name}: the new roster could not be written now (${error instanceof Error ? error.message : String(error)})`);
		}
	}
	return written;
}
