import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireViewer } from '$lib/server/access';
import { services } from '$lib/server/services';
import { copyVersion, createFirstVersion, listVersions, timetableSchoolOf, VersionError } from '$lib/server/timetable/versions';
import type { Actions, PageServerLoad } from './$types';

async function requireTimetableSchool(locals: App.Locals) {
	const viewer = await requireViewer(locals);
	const school = await timetableSchoolOf(services().db, viewer.grants);
	if (!school) error(403, 'Chỉ cán bộ, giáo viên của trường mới xem được thời khóa biểu.');
	return { viewer, ...school };
}

export const load: PageServerLoad = async ({ locals }) => {
	const { school, year, access } = await requireTimetableSchool(locals);
	const versions = await listVersions(services().db, school, year);
	return { year, access, versions };
};

const DATE = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày áp dụng không hợp lệ.'));
const CreateForm = v.object({ effectiveFrom: DATE });
const CopyForm = v.object({ from: v.pipe(v.string(), v.regex(/^v[1-9][0-9]{0,3}$/)), effectiveFrom: DATE });

/** TT1: creating and copying need write on the school's timetables (scheduler, vice-principal). */
async function requireWriter(locals: App.Locals) {
	const found = await requireTimetableSchool(locals);
	if (found.access !== 'write') error(403, 'Chỉ người xếp thời khóa biểu (phó hiệu trưởng) mới tạo được phiên bản.');
	return found;
}

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const { viewer, school, year } = await requireWriter(locals);
		const parsed = v.safeParse(CreateForm, Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { message: 'Hãy chọn ngày bắt đầu áp dụng.' });
		const { db, sync } = services();
		try {
			await createFirstVersion(db, sync, school, year, parsed.output.effectiveFrom, { personId: viewer.person.id, name: viewer.person.fullName });
		} catch (e) {
			if (e instanceof VersionError) return fail(409, { message: e.message });
			throw e;
		}
		redirect(303, '/quan-ly/thoi-khoa-bieu/v1');
	},
	copy: async ({ request, locals }) => {
		const { viewer, school, year } = await requireWriter(locals);
		const parsed = v.safeParse(CopyForm, Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { message: 'Hãy chọn phiên bản nguồn và ngày bắt đầu áp dụng.' });
		const { db, sync } = services();
		let name: string;
		try {
			name = await copyVersion(db, sync, school, year, parsed.output.from, parsed.output.effectiveFrom, { personId: viewer.person.id, name: viewer.person.fullName });
		} catch (e) {
			if (e instanceof VersionError) return fail(409, { message: e.message });
			throw e;
		}
		redirect(303, `/quan-ly/thoi-khoa-bieu/${name.split('/').at(-1)}`);
	}
};
