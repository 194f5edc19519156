/**
 * Everything the system holds about one child, for their verified guardian (privacy SPEC PR10–PR12).
 * Every query is narrowed by the child's student id (or the child's person id); other guardians
 * appear with name and relation only; the requesting guardian's own consent records only.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import {
	classes,
	correctionCells,
	correctionRequests,
	enrolments,
	gradeAudit,
	gradeEntries,
	guardianships,
	homeroomAudit,
	homeroomEntries,
	organisations,
	people,
	students
} from '../../../../drizzle/schema';
import { relationName } from '../../domain/privacy/view-log';
import { columnLabel, describer } from '../grades/describe';
import { consentRecordsOf } from './consent';
import { childLog } from './view-log';

const STATE_NAMES: Record<string, string> = {
	declared: 'Đã khai báo, chờ xác minh',
	school_checked: 'Nhà trường đã xác minh',
	authority_confirmed: 'Công an đã xác nhận',
	needs_more_info: 'Cần bổ sung thông tin',
	rejected: 'Không được chấp nhận',
	revoked: 'Đã thu hồi'
};

const STATUS_NAMES: Record<string, string> = { pending: 'Đang chờ duyệt', approved: 'Đã duyệt', rejected: 'Không duyệt' };

export interface ChildExport {
	generatedAt: string;
	child: { studentId: string; fullName: string; birthDate: string; gender: string; personalIdMasked: string | null; moetCode: string; school: string };
	enrolments: Array<{ year: string; className: string; school: string }>;
	guardians: Array<{ fullName: string; relation: string; you: boolean; state?: string; personalIdMasked?: string | null; phone?: string | null }>;
	marks: Array<{ book: string; column: string; value: string | null; updatedAt: string }>;
	markHistory: Array<{ book: string; column: string; oldValue: string | null; newValue: string | null; by: string; at: string; offline: boolean; source: string }>;
	homeroom: Array<{ book: string; conduct: string | null; conductComment: string; absencesExcused: number | null; absencesUnexcused: number | null; absencesUnclassified: number | null; comment: string; updatedAt: string }>;
	homeroomHistory: Array<{ book: string; field: string; oldValue: string | null; newValue: string | null; by: string; at: string; offline: boolean }>;
	corrections: Array<{ book: string; column: string; oldValue: string | null; newValue: string | null; requestedBy: string; status: string; requestedAt: string; decidedAt: string | null; reason: string | null }>;
	consents: Array<{ version: string; acceptedAt: string }>;
	viewLog: Array<{ at: string; who: string; role: string; what: string }>;
}

const iso = (d: Date) => d.toISOString();

export async function childExport(db: Database, guardianId: string, studentId: string, now: Date): Promise<ChildExport | null> {
	const [child] = await db
		.select({ fullName: people.fullName, birthDate: people.birthDate, gender: people.gender, masked: people.personalIdMasked, moetCode: students.moetCode, school: organisations.name })
		.from(students)
		.innerJoin(people, eq(people.id, students.personId))
		.innerJoin(organisations, eq(organisations.id, students.schoolId))
		.where(eq(students.id, studentId));
	if (!child) return null;
	const [placed, links, marks, audit, homeroom, homeroomChanges, cells, consents, log] = await Promise.all([
		db
			.select({ year: enrolments.year, className: classes.name, school: organisations.name })
			.from(enrolments)
			.innerJoin(classes, and(eq(classes.schoolId, enrolments.schoolId), eq(classes.year, enrolments.year), eq(classes.code, enrolments.classCode)))
			.innerJoin(organisations, eq(organisations.id, enrolments.schoolId))
			.where(eq(enrolments.studentId, studentId))
			.orderBy(asc(enrolments.year)),
		db
			.select({ guardianId: guardianships.guardianId, relation: guardianships.relation, state: guardianships.state, fullName: people.fullName, masked: people.personalIdMasked, phone: people.phone })
			.from(guardianships)
			.innerJoin(people, eq(people.id, guardianships.guardianId))
			.where(eq(guardianships.studentId, studentId)),
		db.select().from(gradeEntries).where(eq(gradeEntries.studentId, studentId)).orderBy(asc(gradeEntries.document), asc(gradeEntries.columnKey)),
		db.select().from(gradeAudit).where(eq(gradeAudit.studentId, studentId)).orderBy(asc(gradeAudit.recordedAt), asc(gradeAudit.id)),
		db.select().from(homeroomEntries).where(eq(homeroomEntries.studentId, studentId)).orderBy(asc(homeroomEntries.document)),
		db.select().from(homeroomAudit).where(eq(homeroomAudit.studentId, studentId)).orderBy(asc(homeroomAudit.recordedAt), asc(homeroomAudit.id)),
		db
			.select({ cell: correctionCells, request: { document: correctionRequests.document, personName: correctionRequests.personName, status: correctionRequests.status, createdAt: correctionRequests.createdAt, decidedAt: correctionRequests.decidedAt, reason: correctionRequests.reason } })
			.from(correctionCells)
			.innerJoin(correctionRequests, eq(correctionRequests.id, correctionCells.requestId))
			.where(eq(correctionCells.studentId, studentId))
			.orderBy(desc(correctionRequests.createdAt)),
		consentRecordsOf(db, guardianId),
		childLog(db, studentId)
	]);
	const documents = [...new Set([...marks, ...audit, ...homeroom, ...homeroomChanges].map((r) => r.document).concat(cells.map((c) => c.request.document)))];
	// Names of documents only: no person ids are passed, so no other person's name is looked up.
	const describe = await describer(db, documents, []);
	return {
		generatedAt: iso(now),
		child: { studentId, fullName: child.fullName, birthDate: child.birthDate, gender: child.gender === 'male' ? 'Nam' : 'Nữ', personalIdMasked: child.masked, moetCode: child.moetCode, school: child.school },
		enrolments: placed,
		guardians: links.map((l) =>
			l.guardianId === guardianId
				? { fullName: l.fullName, relation: relationName(l.relation), you: true, state: STATE_NAMES[l.state] ?? l.state, personalIdMasked: l.masked, phone: l.phone }
				: { fullName: l.fullName, relation: relationName(l.relation), you: false }
		),
		marks: marks.map((m) => ({ book: describe.document(m.document), column: columnLabel(m.columnKey), value: m.value, updatedAt: iso(m.updatedAt) })),
		markHistory: audit.map((a) => ({
			book: describe.document(a.document),
			column: columnLabel(a.columnKey),
			oldValue: a.oldValue,
			newValue: a.newValue,
			by: a.personName ?? 'Hệ thống',
			at: iso(a.recordedAt),
			offline: a.offline,
			source: a.source === 'correction' ? 'Sửa điểm đã duyệt' : 'Nhập điểm'
		})),
		homeroom: homeroom.map((h) => ({
			book: describe.document(h.document),
			conduct: h.conduct,
			conductComment: h.conductComment,
			absencesExcused: h.absencesExcused,
			absencesUnexcused: h.absencesUnexcused,
			absencesUnclassified: h.absencesUnclassified,
			comment: h.comment,
			updatedAt: iso(h.updatedAt)
		})),
		homeroomHistory: homeroomChanges.map((h) => ({ book: describe.document(h.document), field: h.field, oldValue: h.oldValue, newValue: h.newValue, by: h.personName ?? 'Hệ thống', at: iso(h.recordedAt), offline: h.offline })),
		corrections: cells.map(({ cell, request }) => ({
			book: describe.document(request.document),
			column: columnLabel(cell.columnKey),
			oldValue: cell.oldValue,
			newValue: cell.newValue,
			requestedBy: request.personName,
			status: STATUS_NAMES[request.status] ?? request.status,
			requestedAt: iso(request.createdAt),
			decidedAt: request.decidedAt ? iso(request.decidedAt) : null,
			reason: request.reason
		})),
		consents: consents.map((c) => ({ version: c.version, acceptedAt: iso(c.acceptedAt) })),
		viewLog: log.map((r) => ({ at: iso(r.at), who: r.actorName, role: r.roleLabel, what: r.what }))
	};
}

/** The child's full name (for page titles), or null when there is no such student. */
export async function childName(db: Database, studentId: string): Promise<string | null> {
	const [row] = await db.select({ name: people.fullName }).from(students).innerJoin(people, eq(people.id, students.personId)).where(eq(students.id, studentId));
	return row?.name ?? null;
}
