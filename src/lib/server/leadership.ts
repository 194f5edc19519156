/** Routes for school leaders: who they are and which school and year they manage. */
import { error, redirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { organisations, schoolYears } from '../../../drizzle/schema';
import { ledSchools } from '../domain/access/leadership';
import { loadGrants } from './grants';
import { services } from './services';

export async function requireLeader(person: App.Locals['person']) {
	if (!person) redirect(303, '/dang-nhap');
	const { db } = services();
	const grants = await loadGrants(db, person.id);
	const [school] = ledSchools(grants);
	if (!school) error(403, 'Chỉ ban giám hiệu mới dùng được trang này.');
	const [organisation] = await db.select().from(organisations).where(eq(organisations.id, school));
	const [year] = await db.select().from(schoolYears).where(and(eq(schoolYears.schoolId, school), eq(schoolYears.current, true)));
	if (!organisation || !year) error(404, 'Chưa có năm học hiện tại cho trường này.');
	return { person, grants, school, schoolName: organisation.name, year: year.year };
}
