import { error, fail } from '@sveltejs/kit';
import { requireViewer } from '$lib/server/access';
import { documentExists } from '$lib/server/documents';
import { services } from '$lib/server/services';
import { decideDocumentAccess } from '$lib/server/sync-access';
import { timetableName, timetableSchoolOf } from '$lib/server/timetable/versions';
import { addRoom, readLiveVersion, removeRoom, renameRoom, roomUse, saveGridSettings, saveUnavailable, type RoomResult } from '$lib/server/timetable/settings';
import { bellField, hasSlot, MAX_PERIODS, type PeriodSettingsInput } from '$lib/domain/timetable/grid-settings';
import { defaultBells, splitLessonKey, unavailableOf } from '$lib/ydoc/timetable';
import { DEFAULT_GRID } from '$lib/domain/timetable/period-grid';
import type { Actions, PageServerLoad } from './$types';

/**
 * TT12: a version's settings, for whoever may write the version (the same decision as the
 * editor's sync ticket, TT1); every action decides again, whatever the page showed.
 */
async function requireWriter(locals: App.Locals, version: string) {
	const viewer = await requireViewer(locals);
	const { db } = services();
	const school = await timetableSchoolOf(db, viewer.grants);
	if (!school) error(403, 'Chỉ cán bộ, giáo viên của trường mới xem được thời khóa biểu.');
	if (!/^v[1-9][0-9]{0,3}$/.test(version)) error(404, 'Không có phiên bản thời khóa biểu này.');
	const { access } = await decideDocumentAccess(db, viewer.grants, { kind: 'timetable', school: school.school, year: school.year, version });
	if (access !== 'write') error(403, 'Chỉ người xếp thời khóa biểu (phó hiệu trưởng) mới sửa được cài đặt thời khóa biểu.');
	const name = timetableName(school.school, school.year, version);
	if (!(await documentExists(db, name))) error(404, 'Không có phiên bản thời khóa biểu này.');
	return { name, actor: { personId: viewer.person.id, name: viewer.person.fullName } };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { name } = await requireWriter(locals, params.version);
	const live = await readLiveVersion(services().sync, name);
	if (!live) error(409, 'Không đọc được thời khóa biểu này.');
	const { meta, roster, lessons } = live;
	// Only the slots of the grid: those a smaller grid left out are kept but not shown (TK34).
	const unavailable = new Map(
		[...unavailableOf(roster)].map(([id, slots]) => [id, new Set([...slots].filter((key) => hasSlot(meta.grid, key)))])
	);
	const asked = url.searchParams.get('gv');
	const teacher = roster.teachers.find((t) => t.id === asked) ?? roster.teachers[0] ?? null;
	// The chosen teacher's lessons, so the slot grid shows what marking a slot would put in conflict.
	const teaching: Record<string, string[]> = {};
	const classNames = new Map(roster.classes.map((c) => [c.code, c.name]));
	for (const [key, entry] of lessons) {
		const parts = splitLessonKey(key);
		if (!parts || entry.subject === null || !teacher || entry.teacher !== teacher.id) continue;
		(teaching[parts.slot] ??= []).push(classNames.get(parts.classCode) ?? parts.classCode);
	}
	const use = roomUse(lessons);
	return {
		version: params.version,
		label: meta.label,
		grid: { days: [...meta.grid.days], sessions: [...meta.grid.sessions], periodsPerSession: meta.grid.periodsPerSession },
		// Every session × period of the largest grid: the version's bell times, the default ones
		// where it has none (a period added later starts from a sensible time).
		bells: defaultBells(FULL_GRID).map((d) => meta.bells.find((b) => b.session === d.session && b.period === d.period) ?? d),
		dailyMaximum: meta.dailyMaximum,
		noSessionSplit: meta.noSessionSplit,
		rooms: roster.rooms.map((r) => ({ id: r.id, name: r.name, used: use.get(r.id) ?? 0 })),
		teachers: roster.teachers.map((t) => ({ id: t.id, name: t.name, count: unavailable.get(t.id)?.size ?? 0 })),
		teacher: teacher ? { id: teacher.id, name: teacher.name, unavailable: [...(unavailable.get(teacher.id) ?? [])], teaching } : null
	};
};

const FULL_GRID = { ...DEFAULT_GRID, periodsPerSession: MAX_PERIODS };

const text = (form: FormData, key: string) => String(form.get(key) ?? '');

/** The grid form as typed, every bell field of the largest grid (2 sessions × MAX_PERIODS). */
function gridInput(form: FormData): PeriodSettingsInput {
	const times: Record<string, string> = {};
	for (const session of ['sang', 'chieu'] as const)
		for (let period = 1; period <= MAX_PERIODS; period++)
			for (const edge of ['start', 'end'] as const) {
				const field = bellField(edge, session, period);
				times[field] = text(form, field);
			}
	return {
		days: form.getAll('days').map(String),
		sessions: form.getAll('sessions').map(String),
		periodsPerSession: text(form, 'periodsPerSession'),
		dailyMaximum: text(form, 'dailyMaximum'),
		noSessionSplit: form.get('noSessionSplit') !== null,
		times
	};
}

function roomAnswer(result: RoomResult, done: string, typed: string) {
	return result.ok ? { form: 'rooms' as const, message: done } : fail(result.field === 'form' ? 409 : 400, { form: 'rooms' as const, field: result.field, message: result.message, typed });
}

export const actions: Actions = {
	/** TK30–TK34: grid, bell times, daily maximum, session split; a grid leaving lessons out needs confirmation. */
	grid: async ({ request, locals, params }) => {
		const { name, actor } = await requireWriter(locals, params.version);
		const form = await request.formData();
		const values = gridInput(form);
		const confirmed = form.get('confirmOutside') !== null && /^\d+$/.test(text(form, 'outside')) ? Number(text(form, 'outside')) : null;
		const result = await saveGridSettings(services().sync, name, values, confirmed, actor);
		if (result.ok) return { form: 'grid' as const, message: 'Đã lưu lưới tiết học. Trang xếp lịch đang mở cập nhật ngay.' };
		if ('outside' in result) return fail(409, { form: 'grid' as const, values, errors: {} as Record<string, string>, outside: result.outside });
		return fail(400, { form: 'grid' as const, values, errors: result.errors, outside: null });
	},
	addRoom: async ({ request, locals, params }) => {
		const { name, actor } = await requireWriter(locals, params.version);
		const roomName = text(await request.formData(), 'name');
		return roomAnswer(await addRoom(services().sync, name, roomName, actor), `Đã thêm ${roomName.trim()}.`, roomName);
	},
	renameRoom: async ({ request, locals, params }) => {
		const { name, actor } = await requireWriter(locals, params.version);
		const form = await request.formData();
		const roomName = text(form, 'name');
		return roomAnswer(await renameRoom(services().sync, name, text(form, 'id'), roomName, actor), 'Đã đổi tên phòng.', roomName);
	},
	removeRoom: async ({ request, locals, params }) => {
		const { name, actor } = await requireWriter(locals, params.version);
		const form = await request.formData();
		return roomAnswer(await removeRoom(services().sync, name, text(form, 'id'), actor), 'Đã xóa phòng.', '');
	},
	/** TK36: one teacher's unavailable slots, replacing what was set. */
	unavailable: async ({ request, locals, params }) => {
		const { name, actor } = await requireWriter(locals, params.version);
		const form = await request.formData();
		const teacher = text(form, 'teacher');
		const slots = form.getAll('slots').map(String);
		const result = await saveUnavailable(services().sync, name, teacher, slots, actor);
		if (!result.ok) return fail(409, { form: 'unavailable' as const, message: result.message, slots });
		return { form: 'unavailable' as const, message: slots.length === 0 ? 'Đã lưu: giáo viên dạy được mọi tiết.' : `Đã lưu ${slots.length} tiết giáo viên bận.` };
	}
};
