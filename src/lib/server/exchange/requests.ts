/** What the education-database endpoints share: who may use them, the uploaded workbook, the target. */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq } from 'drizzle-orm';
import { classes, exchangeRuns, people } from '../../../../drizzle/schema';
import { requireLeader } from '../leadership';
import { vietnamToday } from '../../domain/calendar/vietnam-time';
import { services } from '../services';
import { fileExchange } from './exchange';

/** The leader (principal or vice-principal), the workbook and the school year it goes to. */
export async function exchangeRequest(locals: App.Locals, request: Request, url: URL, bytes?: Uint8Array) {
	const leader = await requireLeader(locals);
	if (request.headers.get('origin') !== url.origin) error(403, 'Yêu cầu từ trang khác bị từ chối.');
	// The file adapter of the exchange (CX13): a platform connector would pull instead of reading the upload.
	const workbook = await fileExchange(bytes ?? new Uint8Array(await request.arrayBuffer())).pullRoster();
	const { now } = services();
	const target = { schoolId: leader.school, year: leader.year, today: vietnamToday(now()), actorId: leader.person.id, now: now() };
	return { leader, workbook, target };
}

const KIND_NAMES = { student_import: 'Nhập danh sách học sinh', teacher_import: 'Nhập danh sách cán bộ', results_export: 'Xuất kết quả học tập' } as const;
const OUTCOME_NAMES = { done: 'Xong', failed: 'Không thành công', pending: 'Đang chờ' } as const;

/** CX10: the school's latest exchanges with the education database, newest first. */
export async function recentExchanges(schoolId: string, year: string, limit = 20) {
	const { db } = services();
	const names = new Map((await db.select({ code: classes.code, name: classes.name }).from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.year, year)))).map((c) => [c.code, c.name]));
	const rows = await db
		.select({ kind: exchangeRuns.kind, classCode: exchangeRuns.classCode, outcome: exchangeRuns.outcome, detail: exchangeRuns.detail, at: exchangeRuns.at, actor: people.fullName })
		.from(exchangeRuns)
		.innerJoin(people, eq(people.id, exchangeRuns.actorId))
		.where(eq(exchangeRuns.schoolId, schoolId))
		.orderBy(desc(exchangeRuns.at), desc(exchangeRuns.id))
		.limit(limit);
	return rows.map((r) => ({ kind: KIND_NAMES[r.kind], classCode: r.classCode === null ? null : (names.get(r.classCode) ?? r.classCode), outcome: OUTCOME_NAMES[r.outcome], failed: r.outcome === 'failed', detail: r.detail, at: r.at.toISOString(), actor: r.actor }));
}

/** CX10: each class of the year with its latest results export (done or failed), for the status section. */
export async function classExports(schoolId: string, year: string) {
	const { db } = services();
	const [list, runs] = await Promise.all([
		db.select({ code: classes.code, name: classes.name }).from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.year, year))).orderBy(asc(classes.grade), asc(classes.name)),
		db
			.select({ classCode: exchangeRuns.classCode, outcome: exchangeRuns.outcome, detail: exchangeRuns.detail, at: exchangeRuns.at })
			.from(exchangeRuns)
			.where(and(eq(exchangeRuns.schoolId, schoolId), eq(exchangeRuns.kind, 'results_export')))
			.orderBy(desc(exchangeRuns.at), desc(exchangeRuns.id))
			.limit(2000)
	]);
	return list.map((c) => {
		const last = runs.find((r) => r.classCode === c.code);
		return { code: c.code, name: c.name, last: last ? { outcome: OUTCOME_NAMES[last.outcome], failed: last.outcome === 'failed', detail: last.detail, at: last.at.toISOString() } : null };
	});
}
