/** The fee routes' guard (SPEC FA1): the accountant or the principal of the school, acting as staff; 403 for everyone else. */
import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { organisations, schoolYears } from '../../../../drizzle/schema';
import { feeSchools } from '../../domain/access/fees';
import { isVerifiedGuardianOf } from '../../domain/access/grants';
import { childrenOf } from '../people';
import { requireViewer } from '../access';
import { services } from '../services';

export async function requireFeeOfficer(locals: App.Locals) {
	const viewer = await requireViewer(locals);
	const [school] = feeSchools(viewer.grants);
	if (!school) error(403, 'Chỉ kế toán và hiệu trưởng mới dùng được trang học phí, khoản thu.');
	const { db } = services();
	const [organisation] = await db.select().from(organisations).where(eq(organisations.id, school));
	const [year] = await db.select().from(schoolYears).where(and(eq(schoolYears.schoolId, school), eq(schoolYears.current, true)));
	if (!organisation || !year) error(404, 'Chưa có năm học hiện tại cho trường này.');
	return { person: viewer.person, grants: viewer.grants, school, schoolName: organisation.name, year: year.year };
}

/**
 * FA13: a guardian's fee routes of one child — the person acts as a guardian and is a verified
 * guardian of this student; anyone else gets the same 404 as the child's page (nothing said about
 * whether the student exists).
 */
export async function requireGuardianOf(locals: App.Locals, studentId: string) {
	const viewer = await requireViewer(locals);
	const { db } = services();
	const children = viewer.session.activeRole === 'guardian' ? await childrenOf(db, viewer.person.id) : [];
	const child = children.find((c) => c.studentId === studentId);
	if (!child || !child.verified || !isVerifiedGuardianOf(viewer.grants, child.studentId)) error(404, 'Không tìm thấy học sinh này trong danh sách con của bạn.');
	return { person: viewer.person, child };
}
