import { error } from '@sveltejs/kit';
import { formatLocalDateTime } from '$lib/domain/display/vietnamese-format';
import { requireGuardianOf } from '$lib/server/privacy/guardian';
import { childName } from '$lib/server/privacy/child-export';
import { childLog } from '$lib/server/privacy/view-log';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** Ai đã xem: who viewed this child's data (privacy SPEC PR7, PR10) — for the child's verified guardian only. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const viewer = await requireGuardianOf(locals, params.student);
	const { db } = services();
	const name = await childName(db, params.student);
	if (!name) error(404, 'Không tìm thấy học sinh.');
	const rows = await childLog(db, params.student);
	return {
		student: params.student,
		name,
		entries: rows.map((r) => ({ id: r.id, at: formatLocalDateTime(r.at), who: r.actorId === viewer.person.id ? `${r.actorName} (bạn)` : r.actorName, role: r.roleLabel, what: r.what }))
	};
};
