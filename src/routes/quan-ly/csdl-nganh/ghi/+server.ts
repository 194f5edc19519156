import { error, json } from '@sveltejs/kit';
import { exchangeRequest } from '$lib/server/exchange/requests';
import { commitStudentExport } from '$lib/server/exchange/student-import';
import { provisionClassDocuments } from '$lib/server/roster/class-documents';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * Applies the changes a leader selected and confirmed (exchange SPEC CX8): a form with the file
 * (`tep`) and the selected export lines (`dong`, one field per line). One transaction.
 */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	const form = await request.formData().catch(() => error(400, 'Yêu cầu không hợp lệ.'));
	const file = form.get('tep');
	if (!(file instanceof File)) error(400, 'Thiếu tệp.');
	const selected = new Set(form.getAll('dong').map((v) => Number(v)).filter((n) => Number.isInteger(n) && n > 0));
	const { leader, workbook, target } = await exchangeRequest(locals, request, url, new Uint8Array(await file.arrayBuffer()));
	if (!workbook.ok) return json({ ok: false, message: workbook.message, fix: workbook.fix }, { status: 400 });
	const { db, keys, sync } = services();
	const result = await commitStudentExport(db, keys, target, workbook.sheets, selected);
	// Students who left take no new marks from now on, on every sync server (sync-server SPEC V19).
	if (result.ok && result.applied > 0) await sync.refreshClassStudents?.(target.schoolId, target.year);
	// Students who joined get their row in the class's gradebooks and homeroom records, created now
	// if the class had none (roster RI15, RI16).
	if (result.ok) await provisionClassDocuments(db, sync, target.schoolId, target.year, result.classes);
	console.info(`[csdl] ${leader.person.id} at ${leader.school}: ${result.ok ? `applied ${result.applied}, skipped ${result.skipped}` : 'refused'}`);
	return json(result, { status: result.ok ? 200 : 422 });
};
