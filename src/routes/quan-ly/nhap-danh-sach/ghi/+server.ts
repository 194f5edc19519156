import { json } from '@sveltejs/kit';
import { rosterRequest } from '$lib/server/roster/roster-requests';
import { commitRoster } from '$lib/server/roster/roster-import';
import { recordView } from '$lib/server/privacy/record';
import { provisionClassDocuments } from '$lib/server/roster/class-documents';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Commits an uploaded roster file: all of it in one transaction, or nothing (roster SPEC RI14). */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	const { leader, file, target } = await rosterRequest(locals, request, url);
	if (!file.ok) return json({ ok: false, refused: { message: file.message, fix: file.fix } }, { status: 400 });
	await recordView(leader, {
		kind: 'page',
		target: '/quan-ly/nhap-danh-sach/ghi',
		what: `Ghi danh sách học sinh và phụ huynh vào hệ thống, năm học ${leader.year}`,
		scopes: [{ kind: 'school', school: leader.school, year: leader.year }]
	});
	const { db, keys, now, sync } = services();
	const result = await commitRoster(db, keys, { ...target, actorId: leader.person.id, now: now() }, file.rows);
	// Students who joined get their row in the class's gradebooks and homeroom records, created now
	// if the class had none (RI15, RI16); one who moved class is read-only in the old class's books,
	// on every sync server (V19).
	if (result.ok) await provisionClassDocuments(db, sync, target.schoolId, target.year, result.classes);
	if (result.ok && result.classes.length > 0) await sync.refreshClassStudents?.(target.schoolId, target.year);
	console.info(`[roster] ${leader.person.id} at ${leader.school}: ${result.ok ? 'committed' : 'refused'} ${JSON.stringify(result.counts)}`);
	return json(result, { status: result.ok ? 200 : 422 });
};
