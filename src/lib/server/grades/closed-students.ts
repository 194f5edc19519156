/**
 * Students whose marks and homeroom records are read-only in a class's documents (sync-server
 * SPEC V19, exchange SPEC CX9): those of the class and year in a leaving state (chuyển đi, thôi
 * học, …, exchange CX5) and those who moved to another class. The sync server asks when a class
 * document loads, at every attach and when the app says the students of a school's year changed;
 * the gradebook page asks to show the rows before it connects.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, enrolments } from '../../../../drizzle/schema';
import { formatDay } from '../../domain/display/vietnamese-format';
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

/**
 * SPEC V19 for the sync server: the rows of a class document (gradebook, homeroom record) that are
 * read-only now, each with what the row says — students of the class in a leaving state ("Đã
 * chuyển đi 20/11/2025"), and students on the document's roster now enrolled in another class of
 * the school ("Đã chuyển sang lớp 6A2": their marks there are another class's books). No one for
 * other kinds. `roster` is the document's own list of students.
 */
export function closedStudentsLookup(db: Reader) {
	return async (document: string, roster: readonly string[]): Promise<ReadonlyMap<string, string>> => {
		const parsed = parseDocumentName(document);
		if (!parsed.ok || (parsed.ref.kind !== 'gradebook' && parsed.ref.kind !== 'homeroom')) return new Map();
		const { school, year, classCode } = parsed.ref;
		const closed = new Map((await leftStudentsOfClass(db, school, year, classCode)).map((s) => [s.studentId, leftLabel(s)]));
		if (roster.length === 0) return closed;
		const moved = await db
			.select({ studentId: enrolments.studentId, className: classes.name })
			.from(enrolments)
			.innerJoin(classes, and(eq(classes.schoolId, enrolments.schoolId), eq(classes.year, enrolments.year), eq(classes.code, enrolments.classCode)))
			.where(and(eq(enrolments.schoolId, school), eq(enrolments.year, year), ne(enrolments.classCode, classCode), inArray(enrolments.studentId, [...roster])));
		for (const m of moved) closed.set(m.studentId, `Đã chuyển sang lớp ${m.className}`);
		return closed;
	};
}

/** What a left student's row says: "Đã chuyển đi 20/11/2026", "Thôi học 02/12/2026". */
export function leftLabel(student: Pick<LeftStudent, 'status' | 'statusName' | 'statusDate'>): string {
	const name = student.status === 'chuyen-di' ? 'Đã chuyển đi' : student.statusName;
	return student.statusDate ? `${name} ${formatDay(student.statusDate)}` : name;
}
