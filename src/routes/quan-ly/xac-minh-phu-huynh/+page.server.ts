import { fail } from '@sveltejs/kit';
import { pageWindow } from '$lib/domain/display/paging';
import { GUARDIANSHIP_STATES, type GuardianshipState } from '$lib/domain/guardianship/verification';
import { importConfirmationList } from '$lib/server/guardianship/confirmation-import';
import { listLinks } from '$lib/server/guardianship/verification-desk';
import { requireLeader } from '$lib/server/leadership';
import { recordView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

/** Links a page of the desk shows (guardianship SPEC GV10): a school has a thousand or more. */
const LINKS_PER_PAGE = 50;

/** The desk's list: `?lop=<class code>&trang-thai=<state>` narrow it, `?trang=N` pages it (GV10). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const leader = await requireLeader(locals);
	// Class codes are stored lower-case (6a1); a person types 6A1.
	const classCode = url.searchParams.get('lop')?.trim().toLowerCase() || undefined;
	const state = url.searchParams.get('trang-thai');
	const states = GUARDIANSHIP_STATES.includes(state as GuardianshipState) ? [state as GuardianshipState] : undefined;
	// Privacy SPEC PR4: one class entry when narrowed to a class, else one school-wide entry.
	await recordView(leader, {
		kind: 'page',
		target: '/quan-ly/xac-minh-phu-huynh',
		what: classCode ? `Bàn xác minh phụ huynh — danh sách lớp ${classCode.toUpperCase()}` : 'Bàn xác minh phụ huynh — danh sách toàn trường',
		scopes: [classCode ? { kind: 'class', school: leader.school, year: leader.year, classCode } : { kind: 'school', school: leader.school, year: leader.year }]
	});
	const links = await listLinks(services().db, leader.school, leader.year, { ...(classCode ? { classCode } : {}), ...(states ? { states } : {}) });
	const { page, pages, start, end } = pageWindow(links.length, url.searchParams.get('trang'), LINKS_PER_PAGE);
	return {
		schoolName: leader.schoolName,
		year: leader.year,
		links: links.slice(start, end),
		total: links.length,
		first: start + 1,
		page,
		pages,
		classCode: classCode ?? '',
		state: states ? state! : ''
	};
};

export const actions: Actions = {
	'cong-an': async ({ locals, request }) => {
		const leader = await requireLeader(locals);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { error: 'Chọn tệp danh sách xác nhận của công an (.xlsx hoặc .csv).' });
		const { db, keys, sync, now } = services();
		const report = await importConfirmationList(db, keys, sync, { schoolId: leader.school, year: leader.year, actorId: leader.person.id, now: now() }, new Uint8Array(await file.arrayBuffer()));
		return report.ok ? { report } : fail(400, { error: report.message });
	}
};
