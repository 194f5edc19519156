/**
 * The principal's coverage dashboard (issue 10 §2, guardianship SPEC GV9): figures per class and
 * for the school, what is missing with a link to fix it, a daily snapshot (the history is a
 * table of days; no chart yet), and the .xlsx export.
 */
import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Database } from '../../../../drizzle/database';
import { classes, coverageSnapshots, enrolments, people, staffRoles, students } from '../../../../drizzle/schema';
import { coverageByClass, coverageOf, coverageShare, type CoverageFigures, type Share } from '../../domain/guardianship/coverage';
import { STATE_NAMES, type GuardianshipState } from '../../domain/guardianship/verification';
import { neutraliseText } from '../exports/spreadsheet-text';
import { vietnamToday } from '../../domain/calendar/vietnam-time';
import { listLinks } from './verification-desk';

export interface MissingItem {
	classCode: string;
	what: string;
	who: string;
	href: string;
}

export interface Coverage {
	school: CoverageFigures & { staffVneid: Share };
	classes: Array<{ classCode: string; className: string; figures: CoverageFigures }>;
	missing: MissingItem[];
	history: Array<{ day: string; figures: CoverageFigures & { staffVneid: Share } }>;
}

export async function loadCoverage(db: Database, schoolId: string, year: string, now: Date): Promise<Coverage> {
	const [classRows, studentRows, links, staff] = await Promise.all([
		db.select({ code: classes.code, name: classes.name }).from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.year, year))),
		db
			.select({ studentId: students.id, classCode: enrolments.classCode, name: people.fullName, hash: people.personalIdHash })
			.from(enrolments)
			.innerJoin(students, eq(students.id, enrolments.studentId))
			.innerJoin(people, eq(people.id, students.personId))
			.where(and(eq(enrolments.schoolId, schoolId), eq(enrolments.year, year))),
		listLinks(db, schoolId, year),
		db.selectDistinct({ id: people.id, verifiedBy: people.verifiedBy }).from(staffRoles).innerJoin(people, eq(people.id, staffRoles.personId)).where(eq(staffRoles.organisationId, schoolId))
	]);
	const sortedClasses = classRows.sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
	const studentFacts = studentRows.map((s) => ({ classCode: s.classCode, hasPersonalId: s.hash !== null }));
	const linkFacts = links.map((l) => ({ classCode: l.classCode ?? '', guardianId: l.guardianId, state: l.state, guardianSignedInWithVneid: l.signedInWithVneid }));
	const school = { ...coverageOf(studentFacts, linkFacts), staffVneid: coverageShare(staff.filter((s) => s.verifiedBy === 'vneid').length, staff.length) };
	const missing: MissingItem[] = [
		...studentRows.filter((s) => s.hash === null).map((s) => ({ classCode: s.classCode, what: 'Học sinh chưa có số định danh', who: s.name, href: '/quan-ly/nhap-danh-sach' })),
		...links
			.filter((l) => l.state === 'declared' || l.state === 'needs_more_info' || l.state === 'school_checked')
			.map((l) => ({
				classCode: l.classCode ?? '',
				what: l.state === 'school_checked' ? 'Chờ công an xác nhận' : `Phụ huynh: ${STATE_NAMES[l.state as GuardianshipState]}`,
				who: `${l.guardianName} — ${l.studentName}`,
				href: `/quan-ly/xac-minh-phu-huynh/${l.guardianId}/${l.studentId}`
			}))
	];
	const day = vietnamDay(now);
	// One snapshot per school and day, refreshed by each visit of that day.
	await db.insert(coverageSnapshots).values({ schoolId, day, figures: JSON.stringify(school) }).onConflictDoUpdate({ target: [coverageSnapshots.schoolId, coverageSnapshots.day], set: { figures: JSON.stringify(school) } });
	const history = await db.select().from(coverageSnapshots).where(eq(coverageSnapshots.schoolId, schoolId)).orderBy(asc(coverageSnapshots.day));
	const names = new Map(sortedClasses.map((c) => [c.code, c.name]));
	return {
		school,
		classes: coverageByClass(sortedClasses.map((c) => c.code), studentFacts, linkFacts).map((c) => ({ ...c, className: names.get(c.classCode) ?? c.classCode })),
		missing: missing.sort((a, b) => (names.get(a.classCode) ?? '').localeCompare(names.get(b.classCode) ?? '', 'vi', { numeric: true })),
		history: history.slice(-60).map((h) => ({ day: h.day, figures: JSON.parse(h.figures) as Coverage['school'] }))
	};
}

/**
 * Demo and tests only: snapshots for the `days` days before `now`, rising towards today's figures
 * (each share's done count scaled by how far back the day is), so the chart has a history. A day
 * that already has a snapshot keeps it (CV1).
 */
export async function seedCoverageHistory(db: Database, schoolId: string, year: string, now: Date, days: number): Promise<void> {
	const today = (await loadCoverage(db, schoolId, year, now)).school;
	const scaled = (s: Share, k: number): Share => coverageShare(Math.floor((s.done * (days + 1 - k)) / (days + 1)), s.total);
	const rows = Array.from({ length: days }, (_, i) => {
		const k = i + 1;
		const figures = {
			students: today.students,
			schoolChecked: scaled(today.schoolChecked, k),
			authorityConfirmed: scaled(today.authorityConfirmed, k),
			guardiansVneid: scaled(today.guardiansVneid, k),
			staffVneid: scaled(today.staffVneid, k)
		};
		return { schoolId, day: vietnamDay(new Date(now.getTime() - k * 86_400_000)), figures: JSON.stringify(figures) };
	});
	if (rows.length > 0) await db.insert(coverageSnapshots).values(rows).onConflictDoNothing();
}

export function vietnamDay(now: Date): string {
	const d = vietnamToday(now);
	return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export const percentText = (s: Share) => (s.percent === null ? '—' : `${s.percent}% (${s.done}/${s.total})`);

export async function coverageWorkbook(coverage: Coverage, classNameOf: (code: string) => string): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Theo lớp');
	sheet.addRow(['Lớp', 'HS có số định danh', 'Liên kết đã kiểm tra', 'Công an đã xác nhận', 'Phụ huynh đăng nhập VNeID']);
	const line = (name: string, f: CoverageFigures) => sheet.addRow([neutraliseText(name), percentText(f.students), percentText(f.schoolChecked), percentText(f.authorityConfirmed), percentText(f.guardiansVneid)]);
	for (const c of coverage.classes) line(c.className, c.figures);
	line('Toàn trường', coverage.school);
	sheet.addRow(['Cán bộ đăng nhập VNeID', percentText(coverage.school.staffVneid)]);
	sheet.getRow(1).font = { bold: true };
	sheet.columns.forEach((column) => (column.width = 24));
	const missing = workbook.addWorksheet('Còn thiếu');
	missing.addRow(['Lớp', 'Việc còn thiếu', 'Người']);
	for (const m of coverage.missing) missing.addRow([neutraliseText(classNameOf(m.classCode)), m.what, neutraliseText(m.who)]);
	missing.getRow(1).font = { bold: true };
	missing.columns.forEach((column) => (column.width = 36));
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

