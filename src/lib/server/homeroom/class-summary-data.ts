/**
 * Loads a class summary's plain inputs from SQL (the query side: grade_entries and
 * homeroom_entries, kept up to date by the sync hooks) and assembles it with the pure
 * src/lib/domain/reports. Authorisation is the caller's (class-summary-access.ts).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, enrolments, gradeEntries, homeroomEntries, organisations, people, students as studentsTable, yjsDocuments } from '../../../../drizzle/schema';
import { isGrade } from '../../domain/curriculum/subjects';
import { sortByVietnameseName } from '../../domain/identity/vietnamese-name';
import { buildClassSummary, summarySubjects, type ClassSummary, type ClassSummaryInput, type HomeroomRecord, type MarkRecord, type SummaryPeriod } from '../../domain/reports';
import { isLevel } from '../../domain/tt22';
import { parseDocumentName } from '../../ydoc/document-name';

export interface ClassInfo {
	school: string;
	schoolName: string;
	year: string;
	classCode: string;
	className: string;
	grade: number;
}

export async function classInfo(db: Database, school: string, year: string, classCode: string): Promise<ClassInfo | null> {
	const [row] = await db
		.select({ name: classes.name, grade: classes.grade, schoolName: organisations.name })
		.from(classes)
		.innerJoin(organisations, eq(organisations.id, classes.schoolId))
		.where(and(eq(classes.schoolId, school), eq(classes.year, year), eq(classes.code, classCode)));
	return row ? { school, schoolName: row.schoolName, year, classCode, className: row.name, grade: row.grade } : null;
}

export async function loadClassSummaryInput(db: Database, info: ClassInfo): Promise<ClassSummaryInput> {
	const { school, year, classCode } = info;
	const [students, documents, homeroom] = await Promise.all([
		db
			.select({ id: enrolments.studentId, name: people.fullName, code: studentsTable.moetCode })
			.from(enrolments)
			.innerJoin(studentsTable, eq(studentsTable.id, enrolments.studentId))
			.innerJoin(people, eq(people.id, studentsTable.personId))
			.where(and(eq(enrolments.schoolId, school), eq(enrolments.year, year), eq(enrolments.classCode, classCode))),
		db
			.select({ name: yjsDocuments.name })
			.from(yjsDocuments)
			.where(and(eq(yjsDocuments.school, school), eq(yjsDocuments.year, year), eq(yjsDocuments.kind, 'gradebook'), eq(yjsDocuments.classCode, classCode))),
		db.select().from(homeroomEntries).where(and(eq(homeroomEntries.school, school), eq(homeroomEntries.year, year), eq(homeroomEntries.classCode, classCode)))
	]);
	const gradebooks = new Map<string, { subject: string; term: 'hk1' | 'hk2' }>();
	for (const { name } of documents) {
		const parsed = parseDocumentName(name);
		if (parsed.ok && parsed.ref.kind === 'gradebook' && parsed.ref.classCode === classCode) gradebooks.set(name, { subject: parsed.ref.subject, term: parsed.ref.term });
	}
	// Only the four columns a mark needs: a class's year is ~5,000 rows, and parsing the audit
	// columns (a timestamp each) cost more than the query itself.
	const rows =
		gradebooks.size === 0
			? []
			: await db
					.select({ document: gradeEntries.document, studentId: gradeEntries.studentId, columnKey: gradeEntries.columnKey, value: gradeEntries.value })
					.from(gradeEntries)
					.where(inArray(gradeEntries.document, [...gradebooks.keys()]));
	const marks: MarkRecord[] = rows.flatMap((row) => {
		const book = gradebooks.get(row.document);
		return book ? [{ studentId: row.studentId, subject: book.subject, term: book.term, column: row.columnKey, value: row.value }] : [];
	});
	const records: HomeroomRecord[] = homeroom.flatMap((row) =>
		row.term === 'hk1' || row.term === 'hk2'
			? [
					{
						studentId: row.studentId,
						term: row.term,
						conduct: isLevel(row.conduct) ? row.conduct : null,
						absences: { excused: row.absencesExcused, unexcused: row.absencesUnexcused, unclassified: row.absencesUnclassified }
					}
				]
			: []
	);
	const grade = isGrade(info.grade) ? info.grade : 6;
	return {
		subjects: summarySubjects(new Set([...gradebooks.values()].map((b) => b.subject)), grade),
		students: sortByVietnameseName(students, (s) => s.name, (a, b) => a.id.localeCompare(b.id)),
		marks,
		homeroom: records
	};
}

export async function loadClassSummary(db: Database, info: ClassInfo, period: SummaryPeriod): Promise<ClassSummary> {
	return buildClassSummary(await loadClassSummaryInput(db, info), period);
}
