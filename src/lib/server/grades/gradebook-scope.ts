/**
 * What a gradebook's SQL projection may hold (projections SPEC P2–P4), decided from SQL and the
 * curriculum, never from the document: its students are the class's enrolments, its columns the
 * subject's assessment columns for the class's grade, its values scores or Đ/CĐ as the subject
 * is assessed, and every entry carries a real time. A change outside that is skipped and becomes
 * an integrity problem; a cell whose entries were erased is applied (cleared) and reported too.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, enrolments } from '../../../../drizzle/schema';
import { assessmentColumns, isGrade, isSubjectCode, subjectByCode } from '../../domain/curriculum/subjects';
import { cellKey, type CellValue } from '../../ydoc/gradebook';
import type { IntegrityProblem } from '../integrity/alerts';
import { screen, type Screened as ScreenedOf } from '../integrity/screen';
import { isSaneTimestamp } from '../integrity/timestamps';
import type { CellChange } from './cell-changes';

export interface GradebookRefParts {
	school: string;
	year: string;
	classCode: string;
	subject: string;
}

export interface GradebookScope {
	students: ReadonlySet<string>;
	columns: ReadonlySet<string>;
	assessment: 'score' | 'comment' | null;
}

export async function loadGradebookScope(db: Database, ref: GradebookRefParts): Promise<GradebookScope> {
	const [rows, [klass]] = await Promise.all([
		db
			.select({ id: enrolments.studentId })
			.from(enrolments)
			.where(and(eq(enrolments.schoolId, ref.school), eq(enrolments.year, ref.year), eq(enrolments.classCode, ref.classCode))),
		db
			.select({ grade: classes.grade })
			.from(classes)
			.where(and(eq(classes.schoolId, ref.school), eq(classes.year, ref.year), eq(classes.code, ref.classCode)))
	]);
	return gradebookScope(new Set(rows.map((r) => r.id)), klass?.grade, ref.subject);
}

/** The scope of a gradebook of `subject` for a class of `grade` (undefined: no such class) with these students. */
export function gradebookScope(students: ReadonlySet<string>, grade: number | undefined, subject: string): GradebookScope {
	if (grade === undefined || !isGrade(grade) || !isSubjectCode(subject)) return { students, columns: new Set(), assessment: null };
	return {
		students,
		columns: new Set(assessmentColumns(subject, grade).map((c) => c.key)),
		assessment: subjectByCode(subject).assessment
	};
}

function fitsAssessment(value: CellValue, assessment: GradebookScope['assessment']): boolean {
	if (value === null) return true;
	return assessment === 'comment' ? typeof value === 'string' : typeof value === 'number';
}

/** The problem that keeps a change out of SQL, or null when it may be projected. */
function problemOf(change: CellChange, scope: GradebookScope): IntegrityProblem['kind'] | null {
	if (!scope.students.has(change.studentId)) return 'off-roster-student';
	if (!scope.columns.has(change.columnKey)) return 'unknown-column';
	if (change.entry && !fitsAssessment(change.entry.value, scope.assessment)) return 'bad-value';
	if (change.entry && !isSaneTimestamp(change.entry.at)) return 'bad-timestamp';
	return null;
}

export type Screened = ScreenedOf<CellChange>;

export function screenChanges(changes: readonly CellChange[], scope: GradebookScope): Screened {
	return screen(changes, (change) => cellKey(change.studentId, change.columnKey), (change) => problemOf(change, scope));
}
