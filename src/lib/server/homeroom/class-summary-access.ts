/** The guard every class-summary route runs first: signed in, the class exists, the policy allows. */
import { error } from '@sveltejs/kit';
import { classSummaryAccess } from '../../domain/access/class-summary';
import { requireViewer, type Viewer } from '../access';
import { services } from '../services';
import { classInfo, type ClassInfo } from './class-summary-data';

export async function requireClassSummary(
	locals: App.Locals,
	params: { school: string; year: string; class: string }
): Promise<{ info: ClassInfo; as: 'homeroom' | 'leader'; viewer: Viewer }> {
	// The grants of the capacity the session acts in: a GVCN signed in as a parent sees no class.
	const viewer = await requireViewer(locals);
	const as = classSummaryAccess(viewer.grants, { school: params.school, year: params.year, classCode: params.class });
	// Decided before looking the class up, so a refusal tells nothing about which classes exist.
	if (as === 'none') error(403, 'Chỉ giáo viên chủ nhiệm của lớp và ban giám hiệu mới xem được tổng kết lớp này.');
	const info = await classInfo(services().db, params.school, params.year, params.class);
	if (!info) error(404, 'Không tìm thấy lớp này.');
	return { info, as, viewer };
}
