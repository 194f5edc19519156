/**
 * Publishing a timetable version (SPEC TT8–TT11): the school (scheduler, vice-principal,
 * principal) publishes a version for every class, or a homeroom teacher their own class's week,
 * from a date. What was published is recorded as it was at that moment (the version's header and
 * each class's lessons, names resolved) in `timetable_publications` — never updated, the audit
 * trail — and the class's guardians get it through their child's student view (PV3), never the
 * school timetable document. The staff pages read the same records (TK11–TK14).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../../../../drizzle/database';
import { people, timetablePublications, timetablePublishedClasses } from '../../../../drizzle/schema';
import type { Grants } from '../../domain/access/grants';
import {
	classWeek,
	publicationInEffect,
	publicationsFrom,
	type ClassWeekSource,
	type PublicationRef,
	type PublishedFrame,
	type PublishedLesson
} from '../../domain/timetable/week';
import { readTimetable, splitLessonKey } from '../../ydoc/timetable';
import type { StudentTimetableWeek } from '../../ydoc/student-view';
import type { SyncControl, SyncPerson } from '../services';
import { formatDate, listVersions, timetableName } from './versions';

const LEADER_ROLES = new Set(['principal', 'vice_principal', 'scheduler']);

export interface PublishRights {
	/** Scheduler, vice-principal or principal of the school: every class at once (or any one). */
	school: boolean;
	/** The classes the person is homeroom teacher of this year. */
	classes: string[];
}

/** TT8: who may publish what at the school this year. */
export function publishRightsOf(grants: Grants, school: string, year: string): PublishRights {
	if (grants.disabled) return { school: false, classes: [] };
	return {
		school: grants.roles.some((r) => r.organisation === school && LEADER_ROLES.has(r.role)),
		classes: grants.homeroom.filter((h) => h.school === school && h.year === year).map((h) => h.classCode)
	};
}

export type PublishTarget = { scope: 'school' } | { scope: 'class'; classCode: string };

export class PublishError extends Error {}

/**
 * TT8–TT9: records the version `version` as published for the target from `effectiveFrom`, reading
 * the live document through the sync server (edits not yet stored are included), then re-projects
 * the covered classes' student views. The caller has checked the rights (`publishRightsOf`).
 */
export async function publishVersion(
	db: Database,
	sync: SyncControl,
	input: { school: string; year: string; version: string; effectiveFrom: string; target: PublishTarget },
	actor: SyncPerson,
	now: Date
): Promise<number> {
	const { school, year, version, effectiveFrom, target } = input;
	const versions = await listVersions(db, school, year);
	const found = versions.find((v) => v.version === version);
	if (!found) throw new PublishError('Không có phiên bản thời khóa biểu này.');
	if (effectiveFrom < found.effectiveFrom) throw new PublishError(`Ngày công bố áp dụng không được trước ngày áp dụng của phiên bản (${formatDate(found.effectiveFrom)}).`);
	let state: Uint8Array | null = null;
	await sync.change(timetableName(school, year, version), (doc) => {
		state = Y.encodeStateAsUpdate(doc);
	});
	if (!state) throw new PublishError('Không đọc được phiên bản thời khóa biểu.');
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	const read = readTimetable(doc);
	doc.destroy();
	if (!read.ok) throw new PublishError('Không đọc được phiên bản thời khóa biểu.');
	const published = publishedWeeks(read, target);
	if (published.classes.length === 0) throw new PublishError('Phiên bản này không có lớp này.');
	const id = await recordPublication(db, { school, year, version, effectiveFrom, target }, published, actor.personId, now);
	const classes = published.classes;
	await sync.refreshStudentViews?.({ school, year, classCodes: classes.map((c) => c.code) });
	return id;
}

type ReadTimetable = Extract<ReturnType<typeof readTimetable>, { ok: true }>;

export interface PublishedWeeks {
	frame: PublishedFrame;
	classes: Array<{ code: string; name: string; lessons: PublishedLesson[] }>;
}

/** TT9: what publishing `target` records from a version as read now: its frame, and each class's lessons with names resolved, in slot order. */
export function publishedWeeks(read: ReadTimetable, target: PublishTarget): PublishedWeeks {
	const classes = target.scope === 'school' ? read.roster.classes : read.roster.classes.filter((c) => c.code === target.classCode);
	const subjects = new Map(read.roster.subjects.map((s) => [s.code, s.name]));
	const teachers = new Map(read.roster.teachers.map((t) => [t.id, t.name]));
	const rooms = new Map(read.roster.rooms.map((r) => [r.id, r.name]));
	const byClass = new Map<string, PublishedLesson[]>(classes.map((c) => [c.code, []]));
	for (const [key, entry] of read.lessons) {
		const parts = splitLessonKey(key);
		if (!parts || entry.subject === null) continue;
		byClass.get(parts.classCode)?.push({
			slot: parts.slot,
			subject: entry.subject,
			subjectName: subjects.get(entry.subject) ?? entry.subject,
			teacher: entry.teacher,
			teacherName: entry.teacher ? (teachers.get(entry.teacher) ?? null) : null,
			room: entry.room,
			roomName: entry.room ? (rooms.get(entry.room) ?? null) : null
		});
	}
	return {
		frame: { version: read.meta.version, label: read.meta.label, grid: read.meta.grid, bells: read.meta.bells },
		classes: classes.map((c) => ({ code: c.code, name: c.name, lessons: (byClass.get(c.code) ?? []).sort((a, b) => a.slot.localeCompare(b.slot)) }))
	};
}

/** TT9–TT10: one act of publishing, as a new row (never updated) with its classes, in one transaction. Returns its id. */
export async function recordPublication(
	db: Database,
	input: { school: string; year: string; version: string; effectiveFrom: string; target: PublishTarget },
	published: PublishedWeeks,
	publishedBy: string,
	now: Date
): Promise<number> {
	const { school, year, version, effectiveFrom, target } = input;
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(timetablePublications)
			.values({
				schoolId: school,
				year,
				document: timetableName(school, year, version),
				scope: target.scope,
				classCode: target.scope === 'class' ? target.classCode : null,
				effectiveFrom,
				frame: published.frame,
				publishedBy,
				publishedAt: now
			})
			.returning({ id: timetablePublications.id });
		await tx.insert(timetablePublishedClasses).values(published.classes.map((c) => ({ publicationId: row!.id, classCode: c.code, className: c.name, lessons: c.lessons })));
		return row!.id;
	});
}

export interface PublicationRecord extends PublicationRef {
	document: string;
	version: string;
	label: string;
	scope: 'school' | 'class';
	classCode: string | null;
	publishedBy: string;
	publishedByName: string;
}

/** TT10: every publication of the school's year, oldest first, with the classes each covers. */
export async function listPublications(db: Database, school: string, year: string): Promise<PublicationRecord[]> {
	const rows = await db
		.select({ p: timetablePublications, name: people.fullName })
		.from(timetablePublications)
		.innerJoin(people, eq(people.id, timetablePublications.publishedBy))
		.where(and(eq(timetablePublications.schoolId, school), eq(timetablePublications.year, year)))
		.orderBy(asc(timetablePublications.id));
	if (rows.length === 0) return [];
	const covered = await db
		.select({ id: timetablePublishedClasses.publicationId, classCode: timetablePublishedClasses.classCode })
		.from(timetablePublishedClasses)
		.where(
			inArray(
				timetablePublishedClasses.publicationId,
				rows.map((r) => r.p.id)
			)
		);
	return rows.map(({ p, name }) => ({
		id: p.id,
		effectiveFrom: p.effectiveFrom,
		publishedAt: p.publishedAt.getTime(),
		classes: covered.filter((c) => c.id === p.id).map((c) => c.classCode),
		document: p.document,
		version: p.frame.version,
		label: p.frame.label,
		scope: p.scope,
		classCode: p.classCode,
		publishedBy: p.publishedBy,
		publishedByName: name
	}));
}

/** The recorded weeks of (publication, class) pairs, as TK12–TK14 read them. */
async function sourcesOf(db: Database, picks: ReadonlyArray<{ publication: number; classCode: string }>): Promise<Array<ClassWeekSource & { publication: number }>> {
	if (picks.length === 0) return [];
	const ids = [...new Set(picks.map((p) => p.publication))];
	const [headers, weeks] = await Promise.all([
		db.select({ id: timetablePublications.id, frame: timetablePublications.frame, effectiveFrom: timetablePublications.effectiveFrom }).from(timetablePublications).where(inArray(timetablePublications.id, ids)),
		db.select().from(timetablePublishedClasses).where(and(inArray(timetablePublishedClasses.publicationId, ids), inArray(timetablePublishedClasses.classCode, [...new Set(picks.map((p) => p.classCode))])))
	]);
	const wanted = new Set(picks.map((p) => `${p.publication}|${p.classCode}`));
	return weeks
		.filter((w) => wanted.has(`${w.publicationId}|${w.classCode}`))
		.map((w) => {
			const header = headers.find((h) => h.id === w.publicationId)!;
			return { publication: w.publicationId, classCode: w.classCode, className: w.className, effectiveFrom: header.effectiveFrom, frame: header.frame, lessons: w.lessons };
		})
		.sort((a, b) => a.className.localeCompare(b.className, 'vi', { numeric: true }));
}

/** TK11: each class's published week in effect on `date` (classes never published are absent). */
export async function weeksInEffect(db: Database, school: string, year: string, date: string, publications?: PublicationRecord[]): Promise<ClassWeekSource[]> {
	const all = publications ?? (await listPublications(db, school, year));
	const classCodes = [...new Set(all.flatMap((p) => p.classes))];
	const picks = classCodes.flatMap((classCode) => {
		const p = publicationInEffect(all, classCode, date);
		return p ? [{ publication: p.id, classCode }] : [];
	});
	return sourcesOf(db, picks);
}

/**
 * TT9: what a class's guardians are given in the student view: the week in effect on `date` and
 * each later published one (TK11), as the class's week (TK12) — nothing of any other class.
 */
export async function studentTimetable(db: Database, school: string, year: string, classCode: string, date: string): Promise<StudentTimetableWeek[]> {
	// Narrow: only the publications covering this one class, and only its own rows (re-run on every projection).
	const rows = await db
		.select({ id: timetablePublications.id, effectiveFrom: timetablePublications.effectiveFrom, publishedAt: timetablePublications.publishedAt, frame: timetablePublications.frame, className: timetablePublishedClasses.className, lessons: timetablePublishedClasses.lessons })
		.from(timetablePublishedClasses)
		.innerJoin(timetablePublications, eq(timetablePublications.id, timetablePublishedClasses.publicationId))
		.where(and(eq(timetablePublications.schoolId, school), eq(timetablePublications.year, year), eq(timetablePublishedClasses.classCode, classCode)));
	const chosen = publicationsFrom(
		rows.map((r) => ({ ...r, publishedAt: r.publishedAt.getTime(), classes: [classCode] })),
		classCode,
		date
	);
	return chosen.map((p) => ({
		effectiveFrom: p.effectiveFrom,
		label: p.frame.label,
		className: p.className,
		week: classWeek({ classCode, className: p.className, effectiveFrom: p.effectiveFrom, frame: p.frame, lessons: p.lessons })
	}));
}

