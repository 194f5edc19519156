/**
 * What routes call to log a view before serving it (privacy SPEC PR4–PR8). A failed write becomes
 * 503 with a clear message: the data is not served (PR8).
 */
import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, guardianships, students, subjects } from '../../../../drizzle/schema';
import type { DocumentRef } from '../../domain/access/document-ref';
import type { Grants } from '../../domain/access/grants';
import { viewerRoleLabel, type RoleContext, type ViewScope } from '../../domain/privacy/view-log';
import { services } from '../services';
import { logView, ViewLogUnavailable, type ViewEntry } from './view-log';

export interface Actor {
	person: { id: string; fullName: string };
	grants: Grants;
}

const TERM_NAMES: Record<string, string> = { hk1: 'HK I', hk2: 'HK II' };

export interface ViewRecord {
	kind: ViewEntry['kind'];
	target: string;
	what: string;
	scopes: ViewScope[];
	/** What the role label is decided against; the first scope's school when omitted. */
	role?: RoleContext;
	className?: string;
}

/** Logs the view or refuses it with 503 (PR8). */
export async function recordView(actor: Actor, record: ViewRecord): Promise<void> {
	const { db, now } = services();
	await recordViewIn(db, actor, record, now());
}

/** A school leader's page over the whole school's students in its current year: one school-wide entry (PR4). */
export async function recordSchoolPageView(leader: Actor & { school: string; year: string }, target: string, what: string): Promise<void> {
	await recordView(leader, { kind: 'page', target, what, scopes: [{ kind: 'school', school: leader.school, year: leader.year }] });
}

export async function recordViewIn(db: Database, actor: Actor, record: ViewRecord, at: Date): Promise<void> {
	const first = record.scopes[0];
	if (!first) return;
	const roleLabel = viewerRoleLabel(actor.grants, record.role ?? { school: first.school }, record.className);
	try {
		await logView(db, { actor: { id: actor.person.id, name: actor.person.fullName }, roleLabel, kind: record.kind, target: record.target, what: record.what, scopes: record.scopes }, at);
	} catch (cause) {
		if (cause instanceof ViewLogUnavailable) error(503, cause.message);
		throw cause;
	}
}

export async function className(db: Database, school: string, year: string, code: string): Promise<string> {
	const [row] = await db.select({ name: classes.name }).from(classes).where(and(eq(classes.schoolId, school), eq(classes.year, year), eq(classes.code, code)));
	return row?.name ?? code.toUpperCase();
}

/**
 * The log record of a sync ticket for a document holding students' data (PR4): a gradebook or a
 * homeroom is one class entry, a student view one student entry; a timetable holds none (null).
 */
export async function documentViewRecord(db: Database, actor: Actor, name: string, ref: DocumentRef): Promise<ViewRecord | null> {
	if (ref.kind === 'timetable') return null;
	if (ref.kind === 'student') {
		const [student] = await db.select({ school: students.schoolId }).from(students).where(eq(students.id, ref.student));
		if (!student) return null;
		const [link] = await db
			.select({ relation: guardianships.relation })
			.from(guardianships)
			.where(and(eq(guardianships.guardianId, actor.person.id), eq(guardianships.studentId, ref.student)));
		const asGuardian = actor.grants.guardianOf.some((g) => g.student === ref.student);
		return {
			kind: 'document',
			target: name,
			what: `Trang kết quả học tập của học sinh, năm học ${ref.year}`,
			scopes: [{ kind: 'student', school: student.school, year: ref.year, student: ref.student }],
			role: { school: student.school, ...(asGuardian && link ? { relation: link.relation } : {}) }
		};
	}
	const klass = await className(db, ref.school, ref.year, ref.classCode);
	const scopes: ViewScope[] = [{ kind: 'class', school: ref.school, year: ref.year, classCode: ref.classCode }];
	if (ref.kind === 'homeroom') {
		return { kind: 'document', target: name, what: `Sổ chủ nhiệm lớp ${klass} — ${TERM_NAMES[ref.term]}`, scopes, role: { school: ref.school, year: ref.year, classCode: ref.classCode }, className: klass };
	}
	const [subject] = await db.select({ name: subjects.name }).from(subjects).where(eq(subjects.code, ref.subject));
	const subjectName = subject?.name ?? ref.subject;
	return {
		kind: 'document',
		target: name,
		what: `Sổ điểm ${subjectName} lớp ${klass} — ${TERM_NAMES[ref.term]}`,
		scopes,
		role: { school: ref.school, year: ref.year, classCode: ref.classCode, subject: { code: ref.subject, name: subjectName } },
		className: klass
	};
}

/**
 * A guardian's view of their own child's data (PR4): one student entry, labelled with their
 * relation ("Phụ huynh (mẹ)"). 404 when the child has no school record.
 */
export async function recordGuardianView(actor: Actor, student: string, record: { kind: ViewEntry['kind']; target: string; what: string }): Promise<void> {
	const { db } = services();
	const [link] = await db
		.select({ school: students.schoolId, relation: guardianships.relation })
		.from(guardianships)
		.innerJoin(students, eq(students.id, guardianships.studentId))
		.where(and(eq(guardianships.guardianId, actor.person.id), eq(guardianships.studentId, student)));
	if (!link) error(404, 'Không tìm thấy học sinh.');
	await recordView(actor, { ...record, scopes: [{ kind: 'student', school: link.school, year: null, student }], role: { school: link.school, relation: link.relation } });
}
