import { error, fail } from '@sveltejs/kit';
import { requireRoute, requireViewer, type Viewer } from '$lib/server/access';
import { services } from '$lib/server/services';
import { addClass, addTeacher, assignHomeroom, assignTeaching, listStaff, listStaffAudit, schoolSetup, setDisabled, unassignTeaching, type StaffResult } from '$lib/server/staff';
import type { Actions, PageServerLoad } from './$types';

/** The school this page manages: `?truong=<code>`, or the first school the viewer leads. */
function schoolOf(viewer: Viewer, url: URL): string {
	const led = viewer.grants.roles.filter((r) => r.role === 'principal' || r.role === 'vice_principal').map((r) => r.organisation);
	const school = url.searchParams.get('truong') ?? led[0];
	if (!school) error(403, 'Bạn không có quyền dùng chức năng này.');
	requireRoute(viewer, 'school-admin', 'write', { school });
	return school;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = await requireViewer(locals);
	const school = schoolOf(viewer, url);
	const { db } = services();
	const setup = await schoolSetup(db, school);
	if (!setup) error(404, 'Không tìm thấy trường.');
	const [staff, audit] = await Promise.all([listStaff(db, school, setup.year), listStaffAudit(db, school)]);
	return { ...setup, me: viewer.person.id, staff, audit };
};

/** What the "add a teacher" form sent, echoed back on a refusal so nothing typed is lost. */
const ADD_FIELDS = ['fullName', 'personalId', 'birthDate'] as const;

async function act(
	locals: App.Locals,
	url: URL,
	request: Request,
	run: (form: FormData, ctx: { school: string; year: string; actorId: string }) => Promise<StaffResult>,
	echo: readonly string[] = []
) {
	const viewer = await requireViewer(locals);
	const school = schoolOf(viewer, url);
	const setup = await schoolSetup(services().db, school);
	const form = await request.formData();
	const values = Object.fromEntries(echo.map((name) => [name, text(form, name)]));
	if (!setup?.year) return fail(400, { error: 'Trường chưa có năm học hiện hành.', values });
	const result = await run(form, { school, year: setup.year, actorId: viewer.person.id });
	return result.ok ? { message: result.message } : fail(400, { error: result.error, field: result.field ?? null, values });
}

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim().slice(0, 200) : '';
};

export const actions: Actions = {
	them: ({ locals, url, request }) =>
		act(
			locals,
			url,
			request,
			(form, ctx) => {
				const { db, keys, now } = services();
				const input = { personalId: text(form, 'personalId'), fullName: text(form, 'fullName'), birthDate: text(form, 'birthDate') };
				return addTeacher(db, keys, { schoolId: ctx.school, actorId: ctx.actorId, ...input, now: now() });
			},
			ADD_FIELDS
		),
	'them-lop': ({ locals, url, request }) =>
		act(locals, url, request, (form, ctx) => addClass(services().db, { schoolId: ctx.school, year: ctx.year, name: text(form, 'className'), actorId: ctx.actorId }), ['className']),
	'phan-cong': ({ locals, url, request }) =>
		act(locals, url, request, (form, ctx) => {
			const { db, sync, now } = services();
			return assignTeaching(db, sync, { schoolId: ctx.school, year: ctx.year, personId: text(form, 'personId'), classCode: text(form, 'classCode'), subjectCode: text(form, 'subjectCode'), actorId: ctx.actorId, now: now() });
		}),
	'bo-phan-cong': ({ locals, url, request }) =>
		act(locals, url, request, (form, ctx) => {
			const { db, sync, now } = services();
			return unassignTeaching(db, sync, { schoolId: ctx.school, year: ctx.year, personId: text(form, 'personId'), classCode: text(form, 'classCode'), subjectCode: text(form, 'subjectCode'), actorId: ctx.actorId, now: now() });
		}),
	'chu-nhiem': ({ locals, url, request }) =>
		act(locals, url, request, (form, ctx) => {
			const { db, sync, now } = services();
			return assignHomeroom(db, sync, { schoolId: ctx.school, year: ctx.year, personId: text(form, 'personId'), classCode: text(form, 'classCode'), actorId: ctx.actorId, now: now() });
		}),
	'vo-hieu-hoa': ({ locals, url, request }) =>
		act(locals, url, request, (form, ctx) => {
			const { db, sync, now } = services();
			return setDisabled(db, sync, { schoolId: ctx.school, personId: text(form, 'personId'), actorId: ctx.actorId, disabled: true, now: now() });
		}),
	'kich-hoat': ({ locals, url, request }) =>
		act(locals, url, request, (form, ctx) => {
			const { db, sync, now } = services();
			return setDisabled(db, sync, { schoolId: ctx.school, personId: text(form, 'personId'), actorId: ctx.actorId, disabled: false, now: now() });
		})
};
