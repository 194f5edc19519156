import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireViewer } from '$lib/server/access';
import { services } from '$lib/server/services';
import { copyVersion, createFirstVersion, listVersions, timetableSchoolOf, VersionError } from '$lib/server/timetable/versions';
import { listPublications, publishRightsOf, publishVersion, PublishError } from '$lib/server/timetable/publish';
import type { Actions, PageServerLoad } from './$types';

async function requireTimetableSchool(locals: App.Locals) {
	const viewer = await requireViewer(locals);
	const school = await timetableSchoolOf(services().db, viewer.grants);
	if (!school) error(403, 'Chỉ cán bộ, giáo viên của trường mới xem được thời khóa biểu.');
	return { viewer, ...school };
}

export const load: PageServerLoad = async ({ locals }) => {
	const { school, year, access, viewer } = await requireTimetableSchool(locals);
	const [versions, publications] = await Promise.all([listVersions(services().db, school, year), listPublications(services().db, school, year)]);
	// TT8: what this person may publish, and the record of what was published (TT10).
	const rights = publishRightsOf(viewer.grants, school, year);
	return {
		year,
		access,
		versions,
		rights,
		publications: publications.map((p) => ({ id: p.id, label: p.label, scope: p.scope, classCode: p.classCode, effectiveFrom: p.effectiveFrom, by: p.publishedByName, at: p.publishedAt }))
	};
};

const DATE = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày áp dụng không hợp lệ.'));
const CreateForm = v.object({ effectiveFrom: DATE });
const PublishForm = v.object({ version: v.pipe(v.string(), v.regex(/^v[1-9][0-9]{0,3}$/)), effectiveFrom: DATE, target: v.pipe(v.string(), v.minLength(1)) });
const CopyForm = v.object({ from: v.pipe(v.string(), v.regex(/^v[1-9][0-9]{0,3}$/)), effectiveFrom: DATE });

/** TT1: creating and copying need write on the school's timetables (scheduler, vice-principal). */
async function requireWriter(locals: App.Locals) {
	const found = await requireTimetableSchool(locals);
	if (found.access !== 'write') error(403, 'Chỉ người xếp thời khóa biểu (phó hiệu trưởng) mới tạo được phiên bản.');
	return found;
}

export const actions: Actions = {
	/** TT8: the school publishes every class (target "school"), a homeroom teacher their class ("class:<code>"). */
	publish: async ({ request, locals }) => {
		const { viewer, school, year } = await requireTimetableSchool(locals);
		const parsed = v.safeParse(PublishForm, Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { message: 'Hãy chọn phiên bản, phạm vi và ngày bắt đầu áp dụng.' });
		const { version, effectiveFrom, target: asked } = parsed.output;
		const rights = publishRightsOf(viewer.grants, school, year);
		const classCode = asked.startsWith('class:') ? asked.slice('class:'.length) : null;
		const allowed = asked === 'school' ? rights.school : classCode !== null && (rights.school || rights.classes.includes(classCode));
		if (!allowed) error(403, 'Chỉ ban giám hiệu, người xếp thời khóa biểu hoặc giáo viên chủ nhiệm của lớp mới công bố được thời khóa biểu.');
		const { db, sync, now } = services();
		try {
			await publishVersion(db, sync, { school, year, version, effectiveFrom, target: classCode === null ? { scope: 'school' } : { scope: 'class', classCode } }, { personId: viewer.person.id, name: viewer.person.fullName }, now());
		} catch (e) {
			if (e instanceof PublishError || e instanceof VersionError) return fail(409, { message: e.message });
			throw e;
		}
		return { published: true, message: null };
	},
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
