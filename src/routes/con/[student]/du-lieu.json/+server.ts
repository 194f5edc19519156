import { error } from '@sveltejs/kit';
import { childExport } from '$lib/server/privacy/child-export';
import { requireGuardianOf } from '$lib/server/privacy/guardian';
import { recordGuardianView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Everything held about the child, as JSON to keep (privacy SPEC PR10–PR12); logged first (PR8). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const viewer = await requireGuardianOf(locals, params.student);
	await recordGuardianView(viewer, params.student, {
		kind: 'export',
		target: `/con/${params.student}/du-lieu.json`,
		what: 'Tải về toàn bộ dữ liệu của học sinh (tệp JSON)'
	});
	const { db, now } = services();
	const data = await childExport(db, viewer.person.id, params.student, now());
	if (!data) error(404, 'Không tìm thấy học sinh.');
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="du-lieu-${data.child.moetCode}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
