/** Routes for school leaders: who they are and which school and year they manage. */
import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { organisations, schoolYears } from '../../../drizzle/schema';
import { ledSchools } from '../domain/access/leadership';
import { requireRoute, requireViewer } from './access';
import { services } from './services';

/** The signed-in leader (acting as staff) and the school they manage; 403 for everyone else. */
export async function requireLeader(locals: App.Locals) {
	const viewer = await requireViewer(locals);
	const { db } = services();
	const grants = viewer.grants;
	const [school] = ledSchools(grants);
	if (!school) error(403, 'Chỉ ban giám hiệu mới dùng được trang này.');
	requireRoute(viewer, 'school-admin', 'write', { school });
	const [organisation] = await db.select().from(organisations).where(eq(organisations.id, school));
	const [year] = await db.select().from(schoolYears).where(and(eq(schoolYears.schoolId, school), eq(schoolYears.current, true)));
	if (!organisation || !year) error(404, 'Chưa có năm học hiện tại cho trường này.');
	return { person: viewer.person, grants, school, schoolName: organisation.name, year: year.year };
}
