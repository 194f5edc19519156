import { error } from '@sveltejs/kit';
import { parsePeriod } from '$lib/domain/reports';
import { exportClassResults } from '$lib/server/exchange/results-export';
import { requireLeader } from '$lib/server/leadership';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** One class's results for upload to the education database: `?lop=6a1&ky=hk1|hk2|ca-nam&mau=2026` (exchange SPEC CX11). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const leader = await requireLeader(locals);
	const period = parsePeriod(url.searchParams.get('ky'));
	if (!period) error(400, 'Kì phải là hk1, hk2 hoặc ca-nam.');
	const { db, now } = services();
	const file = await exportClassResults(db, { schoolId: leader.school, year: leader.year, actorId: leader.person.id, now: now() }, url.searchParams.get('lop') ?? '', period, url.searchParams.get('mau'));
	if (!file) error(404, 'Không có lớp này trong năm học hiện tại.');
	return new Response(file.body as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'cache-control': 'private, no-store'
		}
	});
};
