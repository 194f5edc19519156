import { error } from '@sveltejs/kit';
import { formatLocalDateTime, formatStoredMark } from '$lib/domain/display/vietnamese-format';
import { childExport } from '$lib/server/privacy/child-export';
import { requireGuardianOf } from '$lib/server/privacy/guardian';
import { recordGuardianView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** Dữ liệu của con: the readable, printable form of the export (privacy SPEC PR10–PR12). */
export const load: PageServerLoad = async ({ locals, params }) => {
	const viewer = await requireGuardianOf(locals, params.student);
	await recordGuardianView(viewer, params.student, {
		kind: 'page',
		target: `/con/${params.student}/du-lieu`,
		what: 'Xem toàn bộ dữ liệu của học sinh (trang in được)'
	});
	const { db, now } = services();
	const data = await childExport(db, viewer.person.id, params.student, now());
	if (!data) error(404, 'Không tìm thấy học sinh.');
	const time = (value: string | null) => (value ? formatLocalDateTime(new Date(value)) : '');
	return {
		student: params.student,
		generatedAt: time(data.generatedAt),
		data: {
			...data,
			marks: data.marks.map((m) => ({ ...m, value: formatStoredMark(m.value), updatedAt: time(m.updatedAt) })),
			markHistory: data.markHistory.map((m) => ({ ...m, oldValue: formatStoredMark(m.oldValue), newValue: formatStoredMark(m.newValue), at: time(m.at) })),
			homeroom: data.homeroom.map((h) => ({ ...h, updatedAt: time(h.updatedAt) })),
			homeroomHistory: data.homeroomHistory.map((h) => ({ ...h, at: time(h.at) })),
			corrections: data.corrections.map((c) => ({ ...c, oldValue: formatStoredMark(c.oldValue), newValue: formatStoredMark(c.newValue), requestedAt: time(c.requestedAt), decidedAt: time(c.decidedAt) })),
			consents: data.consents.map((c) => ({ ...c, acceptedAt: time(c.acceptedAt) })),
			viewLog: data.viewLog.map((v) => ({ ...v, at: time(v.at) }))
		}
	};
};
