/** The guard every class-summary route runs first: signed in, the class exists, the policy allows. */
import { error, redirect } from '@sveltejs/kit';
import { classSummaryAccess } from '../../domain/access/class-summary';
import { loadGrants } from '../grants';
import { services } from '../services';
import { classInfo, type ClassInfo } from './class-summary-data';

export async function requireClassSummary(
	person: App.Locals['person'],
	params: { school: string; year: string; class: string }
): Promise<{ info: ClassInfo; as: 'homeroom' | 'leader' }> {
	if (!person) redirect(303, '/dang-nhap');
	const { db } = services();
	const grants = await loadGrants(db, person.id);
	const as = classSummaryAccess(grants, { school: params.school, year: params.year, classCode: params.class });
	// Decided before looking the class up, so a refusal tells nothing about which classes exist.
	if (as === 'none') error(403, 'Chỉ giáo viên chủ nhiệm của lớp và ban giám hiệu mới xem được tổng kết lớp này.');
	const info = await classInfo(db, params.school, params.year, params.class);
	if (!info) error(404, 'Không tìm thấy lớp này.');
	return { info, as };
}
