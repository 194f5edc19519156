import { error } from '@sveltejs/kit';
import { isVerifiedGuardianOf } from '$lib/domain/access/grants';
import { requireViewer } from '$lib/server/access';
import { currentYearOf, studentViewName } from '$lib/server/parents/student-view-projection';
import { childrenOf } from '$lib/server/people';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/**
 * A parent's page of one child (parents SPEC PV6, PV7). The server decides: only a verified
 * guardian acting as a parent opens it; a declared but unverified link is told what to do; anyone
 * else gets a 404 that says nothing about whether the student exists. The marks themselves never
 * come from here: the page opens the child's student view document (offline too).
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const viewer = await requireViewer(locals);
	const { db } = services();
	const children = viewer.session.activeRole === 'guardian' ? await childrenOf(db, viewer.person.id) : [];
	const child = children.find((c) => c.studentId === params.student);
	if (!child) error(404, 'Không tìm thấy học sinh này trong danh sách con của bạn. Nếu đây là con bạn, hãy liên hệ giáo viên chủ nhiệm.');
	if (!isVerifiedGuardianOf(viewer.grants, child.studentId) || !child.verified) {
		error(403, 'Nhà trường chưa xác minh bạn là cha, mẹ hoặc người giám hộ của học sinh này. Hãy mang căn cước gắn chip của bạn đến trường để giáo viên xác minh; sau đó bạn sẽ xem được kết quả học tập của con.');
	}
	const year = await currentYearOf(db, child.studentId);
	if (!year) error(404, 'Trường của con chưa mở năm học nào trên Sổ Điểm.');
	// First demand: the view is projected from what SQL holds, so existing marks show (PV6).
	const exists = await services().sync.ensureStudentView?.(child.studentId, year);
	if (exists === false) error(404, 'Con chưa được xếp lớp trong năm học này. Hãy liên hệ nhà trường.');
	return {
		person: { name: viewer.person.fullName },
		canSwitchRole: viewer.actingRoles.length > 1,
		document: studentViewName(child.studentId, year),
		child: { id: child.studentId, name: child.name, className: child.className },
		// The switcher: this guardian's own verified children only.
		children: children.filter((c) => c.verified).map((c) => ({ id: c.studentId, name: c.name, className: c.className }))
	};
};
