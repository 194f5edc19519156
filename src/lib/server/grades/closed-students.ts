/**
 * Students whose marks and homeroom records are read-only because they left (sync-server SPEC
 * V19, exchange SPEC CX9): the enrolments of a gradebook's or homeroom record's class and year whose state is a leaving one (chuyển đi, thôi
 * học, …, exchange CX5). The sync server asks when a gradebook loads, at every attach and when the
 * app says the students of a school's year changed; the gradebook page asks to show the rows.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { enrolments } from '../../../../drizzle/schema';
import { STUDENT_STATUSES } from '../../domain/exchange/student-export';
import { parseDocumentName } from '../../ydoc/document-name';

type Reader = Pick<Database, 'select'>;

export const LEAVING_STATUSES: readonly string[] = STUDENT_STATUSES.filter((s) => !s.enrolled).map((s) => s.code);

export interface LeftStudent {
	studentId: string;
	status: string;
	/** Vietnamese name of the state: "Chuyển đi", "Thôi học", … */
	statusName: string;
	/** ISO date the state was recorded, or null. */
	statusDate: string | null;
}

/** The class's students who have left, with their state and its date. */
export async function leftStudentsOfClass(db: Reader, school: string, year: string, classCode: string): Promise<LeftStudent[]> {
	const rows = await db
		.select({ studentId: enrolments.studentId, status: enrolments.status, statusDate: enrolments.statusDate })
		.from(enrolments)
		.where(and(eq(enrolments.schoolId, school), eq(enrolments.year, year), eq(enrolments.classCode, classCode), inArray(enrolments.status, [...LEAVING_STATUSES])));
	return rows.map((r) => ({ ...r, statusName: STUDENT_STATUSES.find((s) => s.code === r.status)?.name ?? r.status }));
}

/** SPEC V19 for the sync server: the students who have left, of a gradebook's or a homeroom record's class; no one for other kinds. */
export function closedStudentsLookup(db: Reader) {
	return async (document: string): Promise<ReadonlySet<string>> => {
		const parsed = parseDocumentName(document);
		if (!parsed.ok || (parsed.ref.kind !== 'gradebook' && parsed.ref.kind !== 'homeroom')) return new Set();
		const { school, year, classCode } = parsed.ref;
		return new Set((await leftStudentsOfClass(db, school, year, classCode)).map((s) => s.studentId));
	};
}

/** What a left student's row says: "Đã chuyển đi 20/11/2026", "Thôi học 02/12/2026". */
export function leftLabel(student: Pick<LeftStudent, 'status' | 'statusName' | 'statusDate'>): string {
	const name = student.status === 'chuyen-di' ? 'Đã chuyển đi' : student.statusName;
	return student.statusDate ? `${name} ${student.statusDate.split('-').reverse().join('/')}` : name;
}
