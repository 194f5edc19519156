import { requireLeader } from '$lib/server/leadership';
import { services } from '$lib/server/services';
import { auditTrailOfSchool } from '$lib/server/grades/audit-trail';
import { columnLabel, describer } from '$lib/server/grades/describe';
import { csvDocument } from '$lib/server/exports/csv';
import { formatLocalDateTime, formatStoredMark } from '$lib/domain/display/vietnamese-format';
import type { RequestHandler } from './$types';

/**
 * The school's whole mark audit trail as CSV for Excel in Vietnamese (';'-separated, UTF-8 BOM:
 * see exports/csv.ts). What a person reads: local times, student codes and names, marks with a
 * decimal comma as the grid shows them; the editor by the name the sync server authenticated.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const leader = await requireLeader(locals);
	const { db } = services();
	const rows = await auditTrailOfSchool(db, leader.school);
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
			'content-disposition': `attachment; filename="nhat-ky-diem-${leader.school}-${leader.year}.csv"`
		}
	});
};
