import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { vietnamDate } from '$lib/domain/calendar/vietnam-time';
import { requireViewer } from '$lib/server/access';
import { services } from '$lib/server/services';
import { affectedOn, dayChangeAccess, DayChangeError, decideChange, loadVersionWeeks, markAbsent, removeAbsence, removeChange } from '$lib/server/timetable/day-changes';
import { timetableSchoolOf } from '$lib/server/timetable/versions';
import { weekdayOf } from '$lib/domain/timetable/day-changes';
import { slotKey, slotsOf } from '$lib/domain/timetable/period-grid';
import type { Actions, PageServerLoad } from './$types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** TT20: the school's staff read day changes; principals, vice-principals and schedulers decide. */
async function requireSchool(locals: App.Locals) {
	const viewer = await requireViewer(locals);
	const school = await timetableSchoolOf(services().db, viewer.grants);
	if (!school) error(403, 'Chỉ cán bộ, giáo viên của trường mới xem được thay đổi thời khóa biểu.');
	const access = dayChangeAccess(viewer.grants, school.school);
	if (access === 'none') error(403, 'Chỉ cán bộ, giáo viên của trường mới xem được thay đổi thời khóa biểu.');
	return { viewer, school: school.school, year: school.year, access };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { school, year, access } = await requireSchool(locals);
	const { db, now } = services();
	const asked = url.searchParams.get('ngay') ?? '';
	const date = DATE.test(asked) && weekdayOf(asked) !== null ? asked : vietnamDate(now());
	const weeks = await loadVersionWeeks(db, school, year);
	const day = await affectedOn(db, school, year, date, weeks);
	const week = day.week;
	const weekday = weekdayOf(date);
	const roster = week?.roster;
	return {
		access,
		date,
		weekday,
		version: week ? { version: week.version, label: week.meta.label, effectiveFrom: week.effectiveFrom } : null,
		teachers: (roster?.teachers ?? []).map((t) => ({ id: t.id, name: t.name })),
		classes: Object.fromEntries((roster?.classes ?? []).map((c) => [c.code, c.name])),
		subjects: Object.fromEntries((roster?.subjects ?? []).map((s) => [s.code, s.name])),
		/** The date's slots with bell times, for choosing the absent periods. */
		slots:
			week && weekday !== null
				? slotsOf(week.meta.grid)
						.filter((s) => s.day === weekday)
						.map((s) => ({ key: slotKey(s), session: s.session, period: s.period, bell: week.meta.bells.find((b) => b.session === s.session && b.period === s.period) ?? null }))
				: [],
		absences: day.absences.map((a) => ({ teacher: a.teacher, slots: a.slots, reason: a.reason, lessons: a.lessons })),
		changes: day.changes.map((c) => ({ classCode: c.classCode, slot: c.slot, kind: c.kind, substitute: c.substitute, originalTeacher: c.originalTeacher }))
	};
};

async function requireWriter(locals: App.Locals) {
	const found = await requireSchool(locals);
	if (found.access !== 'write') error(403, 'Chỉ hiệu trưởng, phó hiệu trưởng hoặc người xếp thời khóa biểu mới ghi được thay đổi.');
	return { ...found, actor: { personId: found.viewer.person.id, name: found.viewer.person.fullName } };
}

const SLOT = v.pipe(v.string(), v.regex(/^[2-7]-(sang|chieu)-[1-9]$/));
const AbsentForm = v.object({ date: v.pipe(v.string(), v.regex(DATE)), teacher: v.pipe(v.string(), v.minLength(1)), whole: v.optional(v.string()), reason: v.optional(v.string(), '') });
const DecideForm = v.object({ date: v.pipe(v.string(), v.regex(DATE)), classCode: v.pipe(v.string(), v.minLength(1)), slot: SLOT, choice: v.pipe(v.string(), v.minLength(1)) });
const LessonForm = v.object({ date: v.pipe(v.string(), v.regex(DATE)), classCode: v.pipe(v.string(), v.minLength(1)), slot: SLOT });
const TeacherForm = v.object({ date: v.pipe(v.string(), v.regex(DATE)), teacher: v.pipe(v.string(), v.minLength(1)) });

/** Runs a write; a rule's refusal comes back to the page as its Vietnamese message, the form kept. */
async function attempt(write: () => Promise<void>, done: string) {
	try {
		await write();
	} catch (e) {
		if (e instanceof DayChangeError) return fail(409, { message: e.message, ok: false });
		throw e;
	}
	return { message: done, ok: true };
}

export const actions: Actions = {
	absent: async ({ request, locals }) => {
		const { school, year, actor } = await requireWriter(locals);
		const form = await request.formData();
		const parsed = v.safeParse(AbsentForm, Object.fromEntries(form));
		if (!parsed.success) return fail(400, { message: 'Hãy chọn ngày và giáo viên nghỉ.', ok: false });
		const slots = parsed.output.whole ? null : form.getAll('slots').map(String);
		return attempt(
			() => markAbsent(services().db, school, year, { teacher: parsed.output.teacher, date: parsed.output.date, slots, reason: parsed.output.reason }, actor),
			'Đã ghi giáo viên nghỉ. Hãy phân công dạy thay hoặc cho lớp nghỉ từng tiết bên dưới.'
		);
	},
	removeAbsence: async ({ request, locals }) => {
		const { school, actor } = await requireWriter(locals);
		const parsed = v.safeParse(TeacherForm, Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { message: 'Thiếu thông tin giáo viên.', ok: false });
		return attempt(() => removeAbsence(services().db, school, parsed.output.teacher, parsed.output.date, actor), 'Đã bỏ ghi nghỉ.');
	},
	decide: async ({ request, locals }) => {
		const { school, year, actor } = await requireWriter(locals);
		const parsed = v.safeParse(DecideForm, Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { message: 'Hãy chọn giáo viên dạy thay hoặc cho lớp nghỉ tiết này.', ok: false });
		const { date, classCode, slot, choice } = parsed.output;
		const change = choice === 'cancel' ? { date, classCode, slot, kind: 'cancelled' as const, substitute: null } : { date, classCode, slot, kind: 'substitute' as const, substitute: choice };
		// TT29: the class's guardians see it through the student views, re-projected at once.
		return attempt(async () => {
			await decideChange(services().db, school, year, change, actor);
			await services().sync.refreshStudentViews?.({ school, year, classCodes: [classCode] });
		}, 'Đã lưu thay đổi.');
	},
	undo: async ({ request, locals }) => {
		const { school, year, actor } = await requireWriter(locals);
		const parsed = v.safeParse(LessonForm, Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { message: 'Thiếu thông tin tiết học.', ok: false });
		return attempt(async () => {
			await removeChange(services().db, school, parsed.output.date, parsed.output.classCode, parsed.output.slot, actor);
			await services().sync.refreshStudentViews?.({ school, year, classCodes: [parsed.output.classCode] });
		}, 'Đã bỏ thay đổi: tiết học trở lại như thời khóa biểu.');
	}
};
