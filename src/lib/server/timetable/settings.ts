/**
 * A timetable version's settings (SPEC TT12; rules TK30–TK36): the period grid with bell times,
 * the daily maximum and session split, the shared rooms and each teacher's unavailable slots.
 * Everything lives in the timetable document and is read and written through the sync server
 * (`SyncControl.change`), so the check and the write see the same live state (edits not yet
 * stored included) and open editors update at once. Each write checks inside the change callback,
 * which runs synchronously in one transaction: nothing can slip in between.
 */
import { checkPeriodSettings, checkUnavailable, hasSlot, roomIdFor, roomNameProblem, slotsOutside, tidyName, type FieldErrors, type PeriodSettingsInput } from '../../domain/timetable/grid-settings';
import { parseSlotKey } from '../../domain/timetable/period-grid';
import { readTimetable, setTeacherUnavailable, setTimetableMeta, setTimetableRooms, splitLessonKey, unavailableOf, type LessonEntry, type TimetableMeta, type TimetableRoster } from '../../ydoc/timetable';
import type { SyncControl, SyncPerson } from '../services';

export interface LiveVersion {
	meta: TimetableMeta;
	roster: TimetableRoster;
	lessons: Map<string, LessonEntry>;
}

/** The live state of a version, through the sync server; null when the document is unreadable. */
export async function readLiveVersion(sync: SyncControl, name: string): Promise<LiveVersion | null> {
	let live: LiveVersion | null = null;
	await sync.change(name, (doc) => {
		const read = readTimetable(doc);
		if (read.ok) live = { meta: read.meta, roster: read.roster, lessons: read.lessons };
	});
	return live;
}

/** The written lessons (a cleared slot is none) of the version. */
function lessonsOf(lessons: Map<string, LessonEntry>): Array<{ slot: string; room: string | null }> {
	return [...lessons].flatMap(([key, entry]) => {
		const parts = splitLessonKey(key);
		return parts && entry.subject !== null ? [{ slot: parts.slot, room: entry.room }] : [];
	});
}

/** TK35: how many lessons of the version use each room. */
export function roomUse(lessons: Map<string, LessonEntry>): Map<string, number> {
	const use = new Map<string, number>();
	for (const { room } of lessonsOf(lessons)) if (room) use.set(room, (use.get(room) ?? 0) + 1);
	return use;
}

export type GridResult = { ok: true } | { ok: false; errors: FieldErrors } | { ok: false; outside: number };

/**
 * TK30–TK34: the grid, bell times, daily maximum and session split as typed. A grid that leaves
 * lessons out is written only when `confirmedOutside` is that very number of lessons (the person
 * saw it and ticked the confirmation); otherwise the answer is the number, nothing written.
 */
export async function saveGridSettings(sync: SyncControl, name: string, input: PeriodSettingsInput, confirmedOutside: number | null, actor: SyncPerson): Promise<GridResult> {
	const checked = checkPeriodSettings(input);
	if (!checked.ok) return checked;
	const { grid, bells, dailyMaximum, noSessionSplit } = checked.value;
	let result: GridResult = { ok: false, errors: { form: 'Không đọc được thời khóa biểu này.' } };
	await sync.change(
		name,
		(doc) => {
			const read = readTimetable(doc);
			if (!read.ok) return;
			const outside = slotsOutside(
				grid,
				lessonsOf(read.lessons).map((l) => l.slot)
			);
			if (outside > 0 && confirmedOutside !== outside) {
				result = { ok: false, outside };
				return;
			}
			setTimetableMeta(doc, { grid, bells, dailyMaximum, noSessionSplit });
			result = { ok: true };
		},
		actor
	);
	return result;
}

export type RoomResult = { ok: true } | { ok: false; field: string; message: string };

/** Runs a room change on the live rooms; `change` returns the new list or a refusal. */
async function changeRooms(
	sync: SyncControl,
	name: string,
	actor: SyncPerson,
	change: (read: LiveVersion) => TimetableRoster['rooms'] | { field: string; message: string }
): Promise<RoomResult> {
	let result: RoomResult = { ok: false, field: 'form', message: 'Không đọc được thời khóa biểu này.' };
	await sync.change(
		name,
		(doc) => {
			const read = readTimetable(doc);
			if (!read.ok) return;
			const next = change(read);
			if (!Array.isArray(next)) {
				result = { ok: false, ...next };
				return;
			}
			setTimetableRooms(doc, next);
			result = { ok: true };
		},
		actor
	);
	return result;
}

/** TK35: a new shared room. */
export function addRoom(sync: SyncControl, name: string, roomName: string, actor: SyncPerson): Promise<RoomResult> {
	return changeRooms(sync, name, actor, ({ roster }) => {
		const problem = roomNameProblem(roomName, roster.rooms.map((r) => r.name));
		if (problem) return { field: 'room-new', message: problem };
		const id = roomIdFor(roomName, new Set(roster.rooms.map((r) => r.id)));
		return [...roster.rooms, { id, name: tidyName(roomName) }];
	});
}

/** TK35: a room's new name; its id (which lessons name) stays. */
export function renameRoom(sync: SyncControl, name: string, id: string, roomName: string, actor: SyncPerson): Promise<RoomResult> {
	return changeRooms(sync, name, actor, ({ roster }) => {
		if (!roster.rooms.some((r) => r.id === id)) return { field: 'form', message: 'Không có phòng này (có thể vừa bị xóa).' };
		const problem = roomNameProblem(roomName, roster.rooms.filter((r) => r.id !== id).map((r) => r.name));
		if (problem) return { field: `room-${id}`, message: problem };
		return roster.rooms.map((r) => (r.id === id ? { id, name: tidyName(roomName) } : r));
	});
}

/** TK35: a room no lesson uses is removed; one in use is refused, naming how many lessons use it. */
export function removeRoom(sync: SyncControl, name: string, id: string, actor: SyncPerson): Promise<RoomResult> {
	return changeRooms(sync, name, actor, ({ roster, lessons }) => {
		const room = roster.rooms.find((r) => r.id === id);
		if (!room) return { field: 'form', message: 'Không có phòng này (có thể vừa bị xóa).' };
		const used = roomUse(lessons).get(id) ?? 0;
		if (used > 0)
			return {
				field: `room-${id}`,
				message: `Không xóa được: ${used} tiết học đang dùng ${room.name}. Hãy chuyển các tiết đó sang phòng khác (hoặc phòng của lớp) trong trang xếp lịch rồi xóa lại.`
			};
		return roster.rooms.filter((r) => r.id !== id);
	});
}

export type UnavailableResult = { ok: true } | { ok: false; message: string };

/** TK36: the weekly slots of the grid a teacher cannot teach, replacing what was set there before. */
export async function saveUnavailable(sync: SyncControl, name: string, teacher: string, slots: readonly string[], actor: SyncPerson): Promise<UnavailableResult> {
	let result: UnavailableResult = { ok: false, message: 'Không đọc được thời khóa biểu này.' };
	await sync.change(
		name,
		(doc) => {
			const read = readTimetable(doc);
			if (!read.ok) return;
			if (!read.roster.teachers.some((t) => t.id === teacher)) {
				result = { ok: false, message: 'Giáo viên này không có trong thời khóa biểu.' };
				return;
			}
			const checked = checkUnavailable(read.meta.grid, slots);
			if (!checked.ok) {
				result = { ok: false, message: 'Có tiết đã chọn không còn trong lưới tiết học. Hãy tải lại trang rồi chọn lại.' };
				return;
			}
			// TK34, TK36: slots a smaller grid left out are kept, as lessons there are, for when it grows again.
			const kept = [...(unavailableOf(read.roster).get(teacher) ?? [])].filter((key) => parseSlotKey(key) !== null && !hasSlot(read.meta.grid, key));
			setTeacherUnavailable(doc, teacher, [...checked.slots, ...kept]);
			result = { ok: true };
		},
		actor
	);
	return result;
}
