import { requireLeader } from '$lib/server/leadership';
import { rosterTemplate } from '$lib/server/roster/template';
import type { RequestHandler } from './$types';

/** The Vietnamese roster template (roster SPEC RI1). */
export const GET: RequestHandler = async ({ locals }) => {
	await requireLeader(locals);
	return new Response((await rosterTemplate()) as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': 'attachment; filename="mau-danh-sach-hoc-sinh.xlsx"',
			'cache-control': 'private, no-store'
		}
	});
};
