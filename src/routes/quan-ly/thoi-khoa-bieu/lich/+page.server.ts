import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireViewer } from '$lib/server/access';
import { services } from '$lib/server/services';
import { activeFeedsOf, createFeed, FEED_WEEKS, FeedError, mayMakeFeed, revokeFeed } from '$lib/server/timetable/calendar-feeds';
import { loadVersionWeeks } from '$lib/server/timetable/day-changes';
import { timetableSchoolOf } from '$lib/server/timetable/versions';
import type { Actions, PageServerLoad } from './$types';

async function requireSchool(locals: App.Locals) {
	const viewer = await requireViewer(locals);
	const school = await timetableSchoolOf(services().db, viewer.grants);
	if (!school) error(403, 'Chỉ cán bộ, giáo viên của trường mới tạo được lịch thời khóa biểu.');
	return { viewer, ...school };
}

/** TT25, TT26: the feeds this person may make, and the ones they have. */
export const load: PageServerLoad = async ({ locals }) => {
	const { viewer, school, year } = await requireSchool(locals);
	const { db } = services();
	const roster = (await loadVersionWeeks(db, school, year)).at(-1)?.roster;
	const grants = viewer.grants;
	const classes = (roster?.classes ?? []).filter((c) => mayMakeFeed(grants, school, year, { kind: 'class', target: c.code })).map((c) => ({ target: c.code, name: `Lớp ${c.name}` }));
	const teachers = (roster?.teachers ?? []).filter((t) => mayMakeFeed(grants, school, year, { kind: 'teacher', target: t.id })).map((t) => ({ target: t.id, name: t.name }));
	const names = new Map<string, string>([...classes.map((c) => [`class:${c.target}`, c.name] as const), ...teachers.map((t) => [`teacher:${t.target}`, t.name] as const)]);
	for (const c of roster?.classes ?? []) if (!names.has(`class:${c.code}`)) names.set(`class:${c.code}`, `Lớp ${c.name}`);
	for (const t of roster?.teachers ?? []) if (!names.has(`teacher:${t.id}`)) names.set(`teacher:${t.id}`, t.name);
	const feeds = (await activeFeedsOf(db, viewer.person.id)).filter((f) => f.school === school).map((f) => ({ id: f.id, kind: f.kind, target: f.target, name: names.get(`${f.kind}:${f.target}`) ?? f.target, createdAt: f.createdAt.toISOString() }));
	return { classes, teachers, feeds, weeks: FEED_WEEKS, selfId: viewer.person.id };
};

const CreateForm = v.object({ kind: v.picklist(['class', 'teacher']), target: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) });
const RevokeForm = v.object({ id: v.pipe(v.string(), v.regex(/^\d{1,15}$/)) });

export const actions: Actions = {
	/** TT26: a new secret URL (replacing this person's earlier one for the same class or teacher), shown once. */
	create: async ({ request, locals, url }) => {
		const { viewer, school, year } = await requireSchool(locals);
		const parsed = v.safeParse(CreateForm, Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { message: 'Hãy chọn lớp hoặc giáo viên.' });
		const { db, now } = services();
		try {
			const { id, token } = await createFeed(db, viewer.grants, school, year, parsed.output, now());
			return { created: { id, url: `${url.origin}/lich/${token}.ics` } };
		} catch (e) {
			if (e instanceof FeedError) return fail(403, { message: e.message });
			throw e;
		}
	},
	/** TT27: the owner revokes; the URL answers 404 from then on. */
	revoke: async ({ request, locals }) => {
		const { viewer } = await requireSchool(locals);
		const parsed = v.safeParse(RevokeForm, Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { message: 'Không rõ lịch nào cần thu hồi.' });
		const { db, now } = services();
		if (!(await revokeFeed(db, viewer.person.id, Number(parsed.output.id), now()))) return fail(404, { message: 'Không tìm thấy lịch này (có thể đã thu hồi).' });
		return { revoked: true };
	}
};
