/** What the education-database endpoints share: who may use them, the uploaded workbook, the target. */
import { error } from '@sveltejs/kit';
import { desc, eq } from 'drizzle-orm';
import { exchangeRuns, people } from '../../../../drizzle/schema';
import { requireLeader } from '../leadership';
import { vietnamToday } from '../roster/roster-import';
import { services } from '../services';
import { readWorkbook } from './workbook';

/** The leader (principal or vice-principal), the workbook and the school year it goes to. */
export async function exchangeRequest(locals: App.Locals, request: Request, url: URL, bytes?: Uint8Array) {
	const leader = await requireLeader(locals);
	if (request.headers.get('origin') !== url.origin) error(403, 'Yêu cầu từ trang khác bị từ chối.');
	const workbook = readWorkbook(bytes ?? new Uint8Array(await request.arrayBuffer()));
	const { now } = services();
	const target = { schoolId: leader.school, year: leader.year, today: vietnamToday(now()), actorId: leader.person.id, now: now() };
	return { leader, workbook, target };
}

const KIND_NAMES = { student_import: 'Nhập danh sách học sinh', teacher_import: 'Nhập danh sách cán bộ', results_export: 'Xuất kết quả học tập' } as const;
const OUTCOME_NAMES = { done: 'Xong', failed: 'Không thành công', pending: 'Đang chờ' } as const;

/** CX10: the school's latest exchanges with the education database, newest first. */
export async function recentExchanges(schoolId: string, limit = 20) {
	const { db } = services();
	const rows = await db
		.select({ kind: exchangeRuns.kind, classCode: exchangeRuns.classCode, outcome: exchangeRuns.outcome, detail: exchangeRuns.detail, at: exchangeRuns.at, actor: people.fullName })
		.from(exchangeRuns)
		.innerJoin(people, eq(people.id, exchangeRuns.actorId))
		.where(eq(exchangeRuns.schoolId, schoolId))
		.orderBy(desc(exchangeRuns.at), desc(exchangeRuns.id))
		.limit(limit);
	return rows.map((r) => ({ kind: KIND_NAMES[r.kind], classCode: r.classCode, outcome: OUTCOME_NAMES[r.outcome], failed: r.outcome === 'failed', detail: r.detail, at: r.at.toISOString(), actor: r.actor }));
}
