import { formatLocalDateTime } from '$lib/domain/display/vietnamese-format';
import { requireLeader } from '$lib/server/leadership';
import { classesOf, PAGE_SIZE, schoolLog, schoolLogActors, studentNamesAt, type SchoolLogFilter } from '$lib/server/privacy/view-log';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KIND_NAMES: Record<string, string> = { document: 'Mở sổ', page: 'Xem trang', export: 'Xuất tệp' };

/** Start of a day in Vietnam (UTC+7, no daylight saving) as an instant. */
const vietnamDay = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00+07:00`) + plusDays * 86_400_000);

/**
 * Nhật ký truy cập (privacy SPEC PR9): who viewed students' data at the leader's school, newest
 * first, 50 a page; `?lop=&nguoi=&tu=yyyy-mm-dd&den=yyyy-mm-dd&trang=`.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const leader = await requireLeader(locals);
	const { db } = services();
	const q = (name: string) => url.searchParams.get(name)?.trim() ?? '';
	const from = DAY.test(q('tu')) ? q('tu') : '';
	const to = DAY.test(q('den')) ? q('den') : '';
	const filter: SchoolLogFilter = {
		...(q('lop') ? { classCode: q('lop') } : {}),
		...(q('nguoi') ? { actorId: q('nguoi') } : {}),
		...(from ? { from: vietnamDay(from) } : {}),
		...(to ? { until: vietnamDay(to, 1) } : {})
	};
	const page = Math.max(1, Math.min(10_000, Number.parseInt(q('trang') || '1', 10) || 1));
	const [{ rows, total }, actors, classList] = await Promise.all([schoolLog(db, leader.school, filter, page), schoolLogActors(db, leader.school), classesOf(db, leader.school, leader.year)]);
	const studentNames = await studentNamesAt(db, leader.school, rows.flatMap((r) => (r.studentId ? [r.studentId] : [])));
	const classNames = new Map(classList.map((c) => [c.code, c.name]));
	return {
		schoolName: leader.schoolName,
		filter: { lop: q('lop'), nguoi: q('nguoi'), tu: from, den: to },
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		total,
		actors,
		classes: classList,
		rows: rows.map((r) => ({
			id: r.id,
			at: formatLocalDateTime(r.at),
			who: r.actorName,
			role: r.roleLabel,
			kind: KIND_NAMES[r.kind] ?? r.kind,
			what: r.what,
			about: r.studentId
				? `Học sinh ${studentNames.get(r.studentId) ?? r.studentId}`
				: r.classCode
					? `Lớp ${classNames.get(r.classCode) ?? r.classCode.toUpperCase()}${r.year ? ` (${r.year})` : ''}`
					: `Toàn trường${r.year ? ` (${r.year})` : ''}`
		}))
	};
};
