/**
 * Khóa sổ (term lock): a principal locks a term for a class, a grade or the whole school. Locked
 * gradebooks are read-only on every sync server instance at once (live connections downgraded
 * through a control event, sync-server SPEC F2), new tickets are minted read-only, and every
 * upgrade reads the lock from the database (SPEC C3), so it holds across restarts.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, termLocks, yjsDocuments } from '../../../../drizzle/schema';
import type { Term } from '../../domain/access/document-ref';
import { parseDocumentName } from '../../ydoc/document-name';
import type { SyncControl } from '../services';

export type LockScope = { scope: 'school' } | { scope: 'grade'; grade: number } | { scope: 'class'; classCode: string };

export interface LockTarget {
	school: string;
	year: string;
	term: Term;
}

type LockRow = typeof termLocks.$inferSelect;

function scopeValue(scope: LockScope): string {
	return scope.scope === 'school' ? '' : scope.scope === 'grade' ? String(scope.grade) : scope.classCode;
}

async function gradeOf(db: Database, school: string, year: string): Promise<Map<string, number>> {
	const rows = await db.select().from(classes).where(and(eq(classes.schoolId, school), eq(classes.year, year)));
	return new Map(rows.map((c) => [c.code, c.grade]));
}

function covers(lock: LockRow, classCode: string, grade: number | undefined): boolean {
	if (lock.scope === 'school') return true;
	if (lock.scope === 'grade') return grade !== undefined && lock.scopeValue === String(grade);
	return lock.scopeValue === classCode;
}

export async function locksOf(db: Database, target: LockTarget): Promise<LockRow[]> {
	return db
		.select()
		.from(termLocks)
		.where(and(eq(termLocks.school, target.school), eq(termLocks.year, target.year), eq(termLocks.term, target.term)));
}

export async function isClassLocked(db: Database, target: LockTarget & { classCode: string }): Promise<boolean> {
	const locks = await locksOf(db, target);
	if (locks.length === 0) return false;
	const grade = (await gradeOf(db, target.school, target.year)).get(target.classCode);
	return locks.some((lock) => covers(lock, target.classCode, grade));
}

/** The gradebooks of one school's term, by the key columns (never a scan of the district's names). */
function termGradebooks(target: LockTarget) {
	return and(eq(yjsDocuments.school, target.school), eq(yjsDocuments.year, target.year), eq(yjsDocuments.kind, 'gradebook'), eq(yjsDocuments.term, target.term));
}

/** Gradebook documents of the term that the locks cover. */
async function lockedGradebooks(db: Database, target: LockTarget, locks: LockRow[]): Promise<string[]> {
	if (locks.length === 0) return [];
	const grades = await gradeOf(db, target.school, target.year);
	const documents = await db.select({ name: yjsDocuments.name }).from(yjsDocuments).where(termGradebooks(target));
	return documents
		.map((d) => d.name)
		.filter((name) => {
			const parsed = parseDocumentName(name);
			if (!parsed.ok || parsed.ref.kind !== 'gradebook') return false;
			const ref = parsed.ref;
			if (ref.school !== target.school || ref.year !== target.year || ref.term !== target.term) return false;
			return locks.some((lock) => covers(lock, ref.classCode, grades.get(ref.classCode)));
		});
}

/** How many gradebooks of the term each class has: what a lock of a class, a grade or the school would cover. */
export async function gradebookCountsByClass(db: Database, target: LockTarget): Promise<Map<string, number>> {
	const documents = await db.select({ name: yjsDocuments.name }).from(yjsDocuments).where(termGradebooks(target));
	const counts = new Map<string, number>();
	for (const { name } of documents) {
		const parsed = parseDocumentName(name);
		if (!parsed.ok || parsed.ref.kind !== 'gradebook') continue;
		const ref = parsed.ref;
		if (ref.school === target.school && ref.year === target.year && ref.term === target.term) counts.set(ref.classCode, (counts.get(ref.classCode) ?? 0) + 1);
	}
	return counts;
}

export async function lockTerm(db: Database, sync: SyncControl, target: LockTarget, scope: LockScope, lockedBy: string): Promise<string[]> {
	const row = { ...target, scope: scope.scope, scopeValue: scopeValue(scope), lockedBy };
	await db.insert(termLocks).values(row).onConflictDoNothing();
	const documents = await lockedGradebooks(db, target, [{ ...row, lockedAt: new Date() }]);
	for (const document of documents) sync.capAccess(document, 'read');
	await refreshViews(db, sync, target, scope);
	return documents;
}

export async function unlockTerm(db: Database, sync: SyncControl, target: LockTarget, scope: LockScope): Promise<void> {
	const value = scopeValue(scope);
	const before = await lockedGradebooks(db, target, await locksOf(db, target));
	await db
		.delete(termLocks)
		.where(
			and(
				eq(termLocks.school, target.school),
				eq(termLocks.year, target.year),
				eq(termLocks.term, target.term),
				eq(termLocks.scope, scope.scope),
				eq(termLocks.scopeValue, value)
			)
		);
	const still = new Set(await lockedGradebooks(db, target, await locksOf(db, target)));
	// Lifting the cap makes the sync server ask live clients to reconnect with fresh (write) tickets.
	for (const document of before) if (!still.has(document)) sync.capAccess(document, null);
	await refreshViews(db, sync, target, scope);
}

/** The lock state parents see in their children's views (parents SPEC PV3). */
async function refreshViews(db: Database, sync: SyncControl, target: LockTarget, scope: LockScope): Promise<void> {
	if (!sync.refreshStudentViews) return;
	const grades = await gradeOf(db, target.school, target.year);
	const classCodes = [...grades].filter(([code, grade]) => scope.scope === 'school' || (scope.scope === 'grade' ? grade === scope.grade : code === scope.classCode)).map(([code]) => code);
	await sync.refreshStudentViews({ school: target.school, year: target.year, classCodes });
}
