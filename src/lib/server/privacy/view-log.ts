/**
 * Writing and reading the view log (privacy SPEC PR4–PR9). Writing fails closed (PR8): a view whose
 * entry cannot be written is not served — the caller gets `ViewLogUnavailable` and answers 503.
 */
import { and, count, desc, eq, gte, inArray, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, enrolments, people, students, viewLog } from '../../../../drizzle/schema';
import { scopeColumns, viewLogCutoff, type ViewScope } from '../../domain/privacy/view-log';

export interface ViewEntry {
	actor: { id: string; name: string };
	roleLabel: string;
	kind: 'document' | 'page' | 'export';
	target: string;
	what: string;
	scopes: ViewScope[];
}

/** The log could not be written: the view must not be served (PR8). */
export class ViewLogUnavailable extends Error {
	readonly status = 503;
	constructor(cause: unknown) {
		super('Không ghi được nhật ký truy cập dữ liệu cá nhân, nên chưa thể hiển thị dữ liệu này. Vui lòng thử lại sau ít phút.', { cause });
	}
}

/**
 * Writes one row per scope in one statement (a class view is one row, PR5). Retried once at once
 * (a dropped pooled connection); a second failure throws `ViewLogUnavailable`.
 */
export async function logView(db: Database, entry: ViewEntry, at: Date): Promise<void> {
	if (entry.scopes.length === 0) return;
	const rows = entry.scopes.map((scope) => ({
		at,
		actorId: entry.actor.id,
		actorName: entry.actor.name,
		roleLabel: entry.roleLabel,
		kind: entry.kind,
		target: entry.target,
		what: entry.what,
		...scopeColumns(scope)
	}));
	for (let attempt = 1; ; attempt++) {
		try {
			await db.insert(viewLog).values(rows);
			return;
		} catch (cause) {
			if (attempt >= 2) {
				console.error('[privacy] view log write failed; the view is refused', cause);
				throw new ViewLogUnavailable(cause);
			}
		}
	}
}

export interface LogRow {
	id: number;
	at: Date;
	actorId: string;
	actorName: string;
	roleLabel: string;
	kind: string;
	what: string;
	year: string | null;
	classCode: string | null;
	studentId: string | null;
}

const columns = {
	id: viewLog.id,
	at: viewLog.at,
	actorId: viewLog.actorId,
	actorName: viewLog.actorName,
	roleLabel: viewLog.roleLabel,
	kind: viewLog.kind,
	what: viewLog.what,
	year: viewLog.year,
	classCode: viewLog.classCode,
	studentId: viewLog.studentId
};

export interface SchoolLogFilter {
	classCode?: string;
	actorId?: string;
	/** Inclusive start and exclusive end instants. */
	from?: Date;
	until?: Date;
}

export const PAGE_SIZE = 50;

/** PR9: one school's log, newest first, a page at a time, for its principal and vice-principals. */
export async function schoolLog(db: Database, school: string, filter: SchoolLogFilter, page: number): Promise<{ rows: LogRow[]; total: number }> {
	const conditions: SQL[] = [eq(viewLog.schoolId, school)];
	if (filter.classCode) {
		// A class filter shows the class's entries and those about a student of that class.
		const inClass = db.select({ id: enrolments.studentId }).from(enrolments).where(and(eq(enrolments.schoolId, school), eq(enrolments.classCode, filter.classCode)));
		conditions.push(or(eq(viewLog.classCode, filter.classCode), inArray(viewLog.studentId, inClass))!);
	}
	if (filter.actorId) conditions.push(eq(viewLog.actorId, filter.actorId));
	if (filter.from) conditions.push(gte(viewLog.at, filter.from));
	if (filter.until) conditions.push(lt(viewLog.at, filter.until));
	const where = and(...conditions);
	const [rows, [total]] = await Promise.all([
		db.select(columns).from(viewLog).where(where).orderBy(desc(viewLog.at), desc(viewLog.id)).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE),
		db.select({ n: count() }).from(viewLog).where(where)
	]);
	return { rows, total: total?.n ?? 0 };
}

/** The people who appear in a school's log, for the filter. */
export async function schoolLogActors(db: Database, school: string): Promise<Array<{ id: string; name: string }>> {
	const rows = await db.selectDistinct({ id: viewLog.actorId, name: viewLog.actorName }).from(viewLog).where(eq(viewLog.schoolId, school)).orderBy(viewLog.actorName);
	return rows;
}

/**
 * PR7: the entries that concern one child — naming the child, a class the child was in that year,
 * or the whole school in a year the child was enrolled there. The query narrows with the same rule
 * as `entryConcernsChild`; nothing about another student can match.
 */
export async function childLog(db: Database, student: string, limit = 500): Promise<LogRow[]> {
	const [child] = await db.select({ school: students.schoolId }).from(students).where(eq(students.id, student));
	if (!child) return [];
	const placed = await db.select({ school: enrolments.schoolId, year: enrolments.year, classCode: enrolments.classCode }).from(enrolments).where(eq(enrolments.studentId, student));
	const conditions: SQL[] = [eq(viewLog.studentId, student)];
	for (const e of placed) {
		conditions.push(and(isNull(viewLog.studentId), eq(viewLog.schoolId, e.school), eq(viewLog.year, e.year), eq(viewLog.classCode, e.classCode))!);
		conditions.push(and(isNull(viewLog.studentId), isNull(viewLog.classCode), eq(viewLog.schoolId, e.school), or(eq(viewLog.year, e.year), isNull(viewLog.year)))!);
	}
	return db.select(columns).from(viewLog).where(or(...conditions)).orderBy(desc(viewLog.at), desc(viewLog.id)).limit(limit);
}

/** Names of the school's students among `ids` (a log page's student entries); ids of other schools stay unnamed. */
export async function studentNamesAt(db: Database, school: string, ids: string[]): Promise<Map<string, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.select({ id: students.id, name: people.fullName })
		.from(students)
		.innerJoin(people, eq(people.id, students.personId))
		.where(and(eq(students.schoolId, school), inArray(students.id, [...new Set(ids)])));
	return new Map(rows.map((r) => [r.id, r.name]));
}

export async function classesOf(db: Database, school: string, year: string): Promise<Array<{ code: string; name: string }>> {
	return db.select({ code: classes.code, name: classes.name }).from(classes).where(and(eq(classes.schoolId, school), eq(classes.year, year))).orderBy(classes.grade, classes.code);
}

/** PR16: removes the entries past retention (at or before `viewLogCutoff(now)`); returns how many. */
export async function pruneViewLog(db: Database, now: Date): Promise<number> {
	const removed = await db.delete(viewLog).where(lte(viewLog.at, viewLogCutoff(now))).returning({ id: viewLog.id });
	return removed.length;
}
