/**
 * Roster RI15–RI16: a class's documents (its gradebooks and homeroom records) exist and list the
 * students who have a row. Only the server writes headers and that list (sync-server SPEC V3,
 * V12), so after an import changed a class's students, or a teacher was assigned to it, the
 * server creates what is missing and writes the roster into what exists, through the sync server
 * (`SyncControl.change`): teachers with the book open see the new row at once, and the change is
 * persisted and fanned out like any other. Students are added and renamed, never removed (a
 * student who left keeps the row, V19).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Database } from '../../../../drizzle/database';
import { classes, enrolments, people, students, teachingAssignments, yjsDocuments } from '../../../../drizzle/schema';
import { assessmentColumns, isGrade, isSubjectCode, subjectByCode } from '../../domain/curriculum/subjects';
import { formatDocumentName } from '../../ydoc/document-name';
import { initGradebook } from '../../ydoc/gradebook';
import { initHomeroom } from '../../ydoc/homeroom';
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

/** A class has a homeroom record, and a gradebook per assigned subject, for each of these terms. */
const TERMS = ['hk1', 'hk2'] as const;
/** Documents created at once: each is a room load, one write and one commit. */
const CREATE_CONCURRENCY = 8;

export interface ClassDocumentsResult {
	/** Documents that did not exist and now hold their header and roster (RI16). */
	created: number;
	/** Existing documents the roster was written into (RI15). */
	updated: number;
}

/**
 * Roster RI15 and RI16 for the classes given: every document a class should have exists and lists
 * its students. Missing ones are created by the server — a homeroom record per term for every
 * class, a gradebook per term for every subject a teacher is assigned to in the class — with the
 * header from SQL (class name, the subject's assessment columns for the class's grade) and the
 * class's roster; existing ones get the roster merged in. Everything goes through the sync server
 * (`SyncControl.change`), so it is validated as a server change, persisted, fanned out and shown
 * in any open book. The caller has committed already: a document that cannot be written now is
 * logged and skipped (the next call for the class writes it), never a failed import or assignment.
 * `rewriteExisting: false` (an assignment, which changed no roster) only creates what is missing.
 */
export async function provisionClassDocuments(
	db: Database,
	sync: Pick<SyncControl, 'change'>,
	school: string,
	year: string,
	classCodes: readonly string[],
	options: { rewriteExisting: boolean } = { rewriteExisting: true }
): Promise<ClassDocumentsResult> {
	const codes = [...new Set(classCodes)];
	if (codes.length === 0) return { created: 0, updated: 0 };
	const [classRows, assigned, existing, rosters] = await Promise.all([
		db
			.select({ code: classes.code, name: classes.name, grade: classes.grade })
			.from(classes)
			.where(and(eq(classes.schoolId, school), eq(classes.year, year), inArray(classes.code, codes))),
		db
			.selectDistinct({ classCode: teachingAssignments.classCode, subject: teachingAssignments.subjectCode })
			.from(teachingAssignments)
			.where(and(eq(teachingAssignments.schoolId, school), eq(teachingAssignments.year, year), inArray(teachingAssignments.classCode, codes))),
		db
			.select({ name: yjsDocuments.name, classCode: yjsDocuments.classCode })
			.from(yjsDocuments)
			.where(and(eq(yjsDocuments.school, school), eq(yjsDocuments.year, year), inArray(yjsDocuments.kind, ['gradebook', 'homeroom']), inArray(yjsDocuments.classCode, codes))),
		classRosters(db, school, year, codes)
	]);
	const registered = new Set(existing.map((row) => row.name));
	const plans: DocumentPlan[] = [];
	for (const klass of classRows) {
		const roster = rosters.get(klass.code) ?? [];
		for (const term of TERMS) {
			plans.push({
				name: formatDocumentName({ kind: 'homeroom', school, year, term, classCode: klass.code }),
				roster,
				init: (doc) => initHomeroom(doc, { school, year, term, classCode: klass.code, className: klass.name }, roster)
			});
		}
		for (const { subject: code } of assigned.filter((row) => row.classCode === klass.code)) {
			// Only the programme's subjects have a TT22 assessment scheme to build a book from.
			if (!isSubjectCode(code) || !isGrade(klass.grade)) continue;
			const subject = subjectByCode(code);
			const columns = assessmentColumns(subject, klass.grade).map(({ key, label, kind }) => ({ key, label, kind }));
			for (const term of TERMS) {
				plans.push({
					name: formatDocumentName({ kind: 'gradebook', school, year, term, classCode: klass.code, subject: subject.code }),
					roster,
					init: (doc) =>
						initGradebook(
							doc,
							{ school, year, term, classCode: klass.code, className: klass.name, subjectCode: subject.code, subjectName: subject.name, assessment: subject.assessment, columns },
							roster
						)
				});
			}
		}
	}
	// Books no assignment asks for any more (a subject whose teacher was unassigned) still get the roster.
	const planned = new Set(plans.map((plan) => plan.name));
	for (const row of existing) {
		if (!planned.has(row.name)) plans.push({ name: row.name, roster: rosters.get(row.classCode ?? '') ?? [], init: null });
	}
	const result: ClassDocumentsResult = { created: 0, updated: 0 };
	// An existing book only needs the roster when the class has students to list.
	const work = plans.filter((plan) => !registered.has(plan.name) || (options.rewriteExisting && plan.roster.length > 0));
	for (let next = 0; next < work.length; next += CREATE_CONCURRENCY) {
		await Promise.all(work.slice(next, next + CREATE_CONCURRENCY).map((plan) => provision(sync, plan, result)));
	}
	return result;
}

interface DocumentPlan {
	name: string;
	roster: RosterEntry[];
	/** Writes the header and roster of the new document; null: only ever written into, never created. */
	init: ((doc: Y.Doc) => void) | null;
}

async function provision(sync: Pick<SyncControl, 'change'>, plan: DocumentPlan, result: ClassDocumentsResult): Promise<void> {
	const done: { outcome: keyof ClassDocumentsResult | null } = { outcome: null };
	try {
		await sync.change(plan.name, (doc) => {
			// Decided on the document itself, not on the listing: another request may have created
			// it meanwhile, and a header is written once (sync-server SPEC V3).
			if (doc.getMap('meta').size > 0) {
				mergeRoster(doc, plan.roster);
				done.outcome = 'updated';
			} else if (plan.init) {
				plan.init(doc);
				done.outcome = 'created';
			}
		});
		if (done.outcome) result[done.outcome] += 1;
	} catch (error) {
		console.error(`[roster] ${plan.name}: the class document could not be written now (${error instanceof Error ? error.message : String(error)})`);
	}
}
