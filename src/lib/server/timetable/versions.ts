/**
 * Timetable versions of a school year (SPEC TT1–TT5): the list, version 1 built from the school's
 * classes, teaching assignments and rooms, and a copy of a version with the date it applies from.
 * Documents are written through the sync server (`SyncControl.change`), so editors with the
 * document open see the new version's existence at once and nothing bypasses storage.
 */
import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../../../../drizzle/database';
import { classes, homeroomAssignments, people, schoolYears, staffRoles, teachingAssignments, yjsDocuments } from '../../../../drizzle/schema';
import { SUBJECTS, type Grade } from '../../domain/curriculum/subjects';
import type { Grants } from '../../domain/access/grants';
import { documentAccess, type AccessLevel } from '../../domain/access/policy';
import { DEFAULT_GRID } from '../../domain/timetable/period-grid';
import { weeklyPlanFor } from '../../domain/timetable/weekly-plan';
import { formatDocumentName, parseDocumentName } from '../../ydoc/document-name';
import {
	ACTIVITY_SUBJECTS,
	defaultBells,
	initTimetable,
	readTimetable,
	setTimetableMeta,
	type TimetableMeta,
	type TimetableRoom,
	type TimetableRoster
} from '../../ydoc/timetable';
import { registerDocuments } from '../documents';
import { loadStoredDocument } from '../integrity/reconcile';
import type { SyncControl, SyncPerson } from '../services';

/** TT3: the rooms a THCS shares besides each class's own room (which needs no entry). */
export const DEFAULT_ROOMS: readonly TimetableRoom[] = [
	{ id: 'phong-may', name: 'Phòng máy tính' },
	{ id: 'phong-thi-nghiem', name: 'Phòng thí nghiệm KHTN' },
	{ id: 'phong-am-nhac', name: 'Phòng âm nhạc' },
	{ id: 'phong-mi-thuat', name: 'Phòng mĩ thuật' },
	{ id: 'nha-da-nang', name: 'Nhà đa năng' },
	{ id: 'san-truong', name: 'Sân trường' }
];

/** TK5's norm at THCS (19 periods a week), minus 4 for a homeroom teacher (TT 05/2025). */
const WEEKLY_NORM = 19;
const HOMEROOM_REDUCTION = 4;

/** TT4: version codes v1, v2, … in the document name. */
const VERSION = /^v([1-9][0-9]{0,3})$/;

export interface TimetableVersion {
	name: string;
	version: string;
	number: number;
	label: string;
	effectiveFrom: string;
	copiedFrom: string | null;
}

export interface SchedulerSchool {
	school: string;
	year: string;
	/** write: scheduler or vice-principal (TT1); read: other staff. */
	access: Exclude<AccessLevel, 'none'>;
}

/**
 * TT1: the school whose timetables this person works on, and how: the access policy's answer for
 * the school's timetables (write for a scheduler or vice-principal, read for other staff).
 */
export async function timetableSchoolOf(db: Database, grants: Grants): Promise<SchedulerSchool | null> {
	const schools = [...new Set(grants.roles.filter((r) => r.role !== 'district_officer').map((r) => r.organisation))];
	if (schools.length === 0) return null;
	const years = await db
		.select({ school: schoolYears.schoolId, year: schoolYears.year })
		.from(schoolYears)
		.where(and(eq(schoolYears.current, true), inArray(schoolYears.schoolId, schools)));
	const candidates = years.map((y) => ({ ...y, access: documentAccess(grants, { kind: 'timetable', school: y.school, year: y.year, version: 'v1' }) }));
	const best = candidates.find((c) => c.access === 'write') ?? candidates.find((c) => c.access === 'read');
	return best && best.access !== 'none' ? { school: best.school, year: best.year, access: best.access } : null;
}

export function timetableName(school: string, year: string, version: string): string {
	return formatDocumentName({ kind: 'timetable', school, year, version });
}

/** TT2: every version of the school's year, oldest first, with what its header says. */
export async function listVersions(db: Database, school: string, year: string): Promise<TimetableVersion[]> {
	const rows = await db
		.select({ name: yjsDocuments.name })
		.from(yjsDocuments)
		.where(and(eq(yjsDocuments.school, school), eq(yjsDocuments.year, year), eq(yjsDocuments.kind, 'timetable')));
	const versions: TimetableVersion[] = [];
	for (const { name } of rows) {
		const parsed = parseDocumentName(name);
		if (!parsed.ok || parsed.ref.kind !== 'timetable') continue;
		const match = VERSION.exec(parsed.ref.version);
		if (!match) continue;
		const doc = await loadStoredDocument(db, name);
		const read = readTimetable(doc);
		doc.destroy();
		if (!read.ok) continue;
		versions.push({ name, version: parsed.ref.version, number: Number(match[1]), label: read.meta.label, effectiveFrom: read.meta.effectiveFrom, copiedFrom: read.meta.copiedFrom });
	}
	return versions.sort((a, b) => a.number - b.number);
}

/** TT3: classes with their programme subjects, assigned teachers and homeroom teacher, the school's teachers and rooms. */
export async function timetableRosterOf(db: Database, school: string, year: string): Promise<TimetableRoster> {
	const classRows = await db.select().from(classes).where(and(eq(classes.schoolId, school), eq(classes.year, year)));
	const assignments = await db
		.select({ teacher: teachingAssignments.personId, classCode: teachingAssignments.classCode, subject: teachingAssignments.subjectCode })
		.from(teachingAssignments)
		.where(and(eq(teachingAssignments.schoolId, school), eq(teachingAssignments.year, year)));
	const homeroom = await db
		.select({ teacher: homeroomAssignments.personId, classCode: homeroomAssignments.classCode })
		.from(homeroomAssignments)
		.where(and(eq(homeroomAssignments.schoolId, school), eq(homeroomAssignments.year, year)));
	const staff = await db
		.select({ id: people.id, name: people.fullName })
		.from(staffRoles)
		.innerJoin(people, eq(people.id, staffRoles.personId))
		.where(and(eq(staffRoles.organisationId, school), eq(staffRoles.role, 'teacher')));
	// Homeroom teachers too: sinh hoạt lớp is theirs (TK43), and a lesson may only name a known teacher (V17).
	const teacherIds = new Set([...staff.map((s) => s.id), ...assignments.map((a) => a.teacher), ...homeroom.map((h) => h.teacher)]);
	const names = new Map(staff.map((s) => [s.id, s.name]));
	const missing = [...teacherIds].filter((id) => !names.has(id));
	if (missing.length > 0) for (const p of await db.select({ id: people.id, name: people.fullName }).from(people).where(inArray(people.id, missing))) names.set(p.id, p.name);
	const homeroomTeachers = new Set(homeroom.map((h) => h.teacher));
	const homeroomOf = new Map(homeroom.map((h) => [h.classCode, h.teacher]));
	const assigned = new Map(assignments.map((a) => [`${a.classCode}|${a.subject}`, a.teacher]));
	const known = new Set<string>(SUBJECTS.map((s) => s.code));
	return {
		classes: classRows.map((c) => {
			const planned = [...weeklyPlanFor(c.grade as Grade, 'hk1').keys()];
			const extra = assignments.filter((a) => a.classCode === c.code && !planned.includes(a.subject)).map((a) => a.subject);
			return {
				code: c.code,
				name: c.name,
				grade: c.grade,
				homeroom: homeroomOf.get(c.code) ?? null,
				subjects: [...planned, ...new Set(extra)].filter((s) => known.has(s)).map((subject) => ({ subject, teacher: assigned.get(`${c.code}|${subject}`) ?? null }))
			};
		}),
		teachers: [...teacherIds].map((id) => ({
			id,
			name: names.get(id) ?? id,
			subjects: [...new Set(assignments.filter((a) => a.teacher === id).map((a) => a.subject))],
			weeklyNorm: WEEKLY_NORM - (homeroomTeachers.has(id) ? HOMEROOM_REDUCTION : 0)
		})),
		rooms: [...DEFAULT_ROOMS],
		subjects: [...SUBJECTS.map((s) => ({ code: s.code, name: s.name, shortName: s.shortName })), ...ACTIVITY_SUBJECTS]
	};
}

export function firstVersionHeader(school: string, year: string, effectiveFrom: string): Omit<TimetableMeta, 'schemaVersion'> {
	return {
		school,
		year,
		version: 'v1',
		label: 'Thời khóa biểu số 1',
		effectiveFrom,
		copiedFrom: null,
		grid: DEFAULT_GRID,
		bells: defaultBells(DEFAULT_GRID),
		dailyMaximum: 5,
		noSessionSplit: true
	};
}

export class VersionError extends Error {}

/** TT2: version 1 of the year, empty, from the school's classes, assignments and rooms. Once only. */
export async function createFirstVersion(db: Database, sync: SyncControl, school: string, year: string, effectiveFrom: string, actor: SyncPerson): Promise<string> {
	if ((await listVersions(db, school, year)).length > 0) throw new VersionError('Năm học này đã có thời khóa biểu. Hãy sao chép một phiên bản để tạo phiên bản mới.');
	const name = timetableName(school, year, 'v1');
	const roster = await timetableRosterOf(db, school, year);
	if (roster.classes.length === 0) throw new VersionError('Năm học này chưa có lớp nào: hãy nhập danh sách lớp trước.');
	await registerDocuments(db, [name]);
	await sync.change(name, (doc) => initTimetable(doc, firstVersionHeader(school, year, effectiveFrom), roster), actor);
	return name;
}

/**
 * TT4: a copy of `from` (lessons, grid, roster as they are now) as the next version, applying
 * from `effectiveFrom`; `from` stays as it was, readable and editable.
 */
export async function copyVersion(db: Database, sync: SyncControl, school: string, year: string, from: string, effectiveFrom: string, actor: SyncPerson): Promise<string> {
	const versions = await listVersions(db, school, year);
	const source = versions.find((v) => v.version === from);
	if (!source) throw new VersionError('Không có phiên bản thời khóa biểu này.');
	const last = versions[versions.length - 1]!;
	if (effectiveFrom <= last.effectiveFrom) throw new VersionError(`Ngày áp dụng phải sau ngày áp dụng của phiên bản mới nhất (${formatDate(last.effectiveFrom)}).`);
	const version = `v${last.number + 1}`;
	const name = timetableName(school, year, version);
	let state: Uint8Array | null = null;
	// Read through the sync server: the live document, with edits not yet in the database.
	await sync.change(source.name, (doc) => {
		state = Y.encodeStateAsUpdate(doc);
	});
	if (!state) throw new VersionError('Không đọc được phiên bản nguồn.');
	const copied: Uint8Array = state;
	await registerDocuments(db, [name]);
	await sync.change(
		name,
		(doc) => {
			Y.applyUpdate(doc, copied);
			setTimetableMeta(doc, { version, label: `Thời khóa biểu số ${last.number + 1}`, effectiveFrom, copiedFrom: from });
		},
		actor
	);
	return name;
}

/** dd/MM/yyyy, as every page shows dates. */
export function formatDate(iso: string): string {
	const [y, m, d] = iso.split('-');
	return `${d}/${m}/${y}`;
}
