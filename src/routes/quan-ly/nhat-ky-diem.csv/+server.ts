import { error } from '@sveltejs/kit';
import { auditTrailOf, isSchoolYear } from '$lib/server/grades/audit-trail';
import { requireLeader } from '$lib/server/leadership';
import { recordView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import { columnLabel, describer } from '$lib/server/grades/describe';
import { csvDocument } from '$lib/server/exports/csv';
import { formatLocalDateTime, formatStoredMark } from '$lib/domain/display/vietnamese-format';
import type { RequestHandler } from './$types';

/**
 * The school's mark audit trail of the current school year (`?nam=2024-2025` for a past one) as CSV for Excel in Vietnamese (';'-separated, UTF-8 BOM:
 * see exports/csv.ts). What a person reads: local times, student codes and names, marks with a
 * decimal comma as the grid shows them; the editor by the name the sync server authenticated.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const leader = await requireLeader(locals);
	const { db } = services();
	const year = url.searchParams.get('nam') ?? leader.year;
	if (!(await isSchoolYear(db, leader.school, year))) error(404, 'Trường không có năm học này.');
	// Privacy SPEC PR4/PR8: the whole school's trail, one school-wide entry, logged before the file is built.
	await recordView(leader, {
		kind: 'export',
		target: '/quan-ly/nhat-ky-diem.csv',
		what: `Tệp CSV nhật ký sửa điểm toàn trường, năm học ${year}`,
		scopes: [{ kind: 'school', school: leader.school, year }]
	});
	const rows = await auditTrailOf(db, leader.school, year);
	const describe = await describer(
		db,
		[...new Set(rows.map((r) => r.document))],
		rows.map((r) => r.studentId)
	);
	const header = ['Thời điểm ghi nhận', 'Sổ điểm', 'Học sinh', 'Mã học sinh', 'Cột', 'Điểm cũ', 'Điểm mới', 'Người sửa', 'Nhập lúc', 'Ngoại tuyến'];
	const lines = rows.map((r) => [
		formatLocalDateTime(r.recordedAt),
		describe.document(r.document),
		describe.person(r.studentId),
		describe.studentCode(r.studentId),
		columnLabel(r.columnKey),
		formatStoredMark(r.oldValue),
		formatStoredMark(r.newValue),
		r.personName ?? '',
		r.enteredAt ? formatLocalDateTime(r.enteredAt) : '',
		r.offline ? 'có' : 'không'
	]);
	return new Response(csvDocument(header, lines), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="nhat-ky-diem-${leader.school}-${year}.csv"`
		}
	});
};
