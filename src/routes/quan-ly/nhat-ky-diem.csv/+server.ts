import { desc, like } from 'drizzle-orm';
import { gradeAudit } from '../../../../drizzle/schema';
import { requireLeader } from '$lib/server/leadership';
import { services } from '$lib/server/services';
import { columnLabel, describer } from '$lib/server/grades/describe';
import { neutraliseText } from '$lib/server/exports/spreadsheet-text';
import type { RequestHandler } from './$types';

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break. Student ids, column keys and
 * names come from documents and people: text that could start a formula is neutralised (P7).
 */
function field(value: string | null | undefined): string {
	const text = neutraliseText(value ?? '');
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The school's whole mark audit trail as CSV (UTF-8 with BOM so Excel reads the diacritics). */
export const GET: RequestHandler = async ({ locals }) => {
	const leader = await requireLeader(locals);
	const { db } = services();
	const rows = await db.select().from(gradeAudit).where(like(gradeAudit.document, `gradebook/${leader.school}/%`)).orderBy(desc(gradeAudit.id));
	const describe = await describer(
		db,
		[...new Set(rows.map((r) => r.document))],
		rows.map((r) => r.studentId)
	);
	const header = ['Thời điểm ghi nhận', 'Sổ điểm', 'Học sinh', 'Mã học sinh', 'Cột', 'Điểm cũ', 'Điểm mới', 'Người sửa', 'Mã người sửa', 'Nhập lúc', 'Ngoại tuyến'];
	const lines = rows.map((r) =>
		[
			r.recordedAt.toISOString(),
			describe.document(r.document),
			describe.person(r.studentId),
			r.studentId,
			columnLabel(r.columnKey),
			r.oldValue,
			r.newValue,
			r.personName,
			r.personId,
			r.enteredAt?.toISOString() ?? '',
			r.offline ? 'có' : 'không'
		]
			.map(field)
			.join(',')
	);
	return new Response(`\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="nhat-ky-diem-${leader.school}-${leader.year}.csv"`
		}
	});
};
