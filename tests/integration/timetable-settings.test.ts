/**
 * A timetable version's settings (timetable SPEC TT12, rules TK30–TK36) against the composed app
 * on PostgreSQL with the built app served: the settings page and its actions answer only those
 * who may write the version (a teacher's posts change nothing); the period grid, bell times and
 * rooms are written into the live document through the sync server; a grid that leaves lessons
 * out is applied only after confirming that very number; a room in use is not removed; a
 * teacher's unavailable slot shows as a TK7 conflict in an editor that has the document open.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { loadStoredDocument } from '../../src/lib/server/integrity/reconcile';
import { readLiveVersion, removeRoom, saveGridSettings, saveUnavailable } from '../../src/lib/server/timetable/settings';
import { timetableName } from '../../src/lib/server/timetable/versions';
import { TimetableBoard } from '../../src/lib/state/timetable-board.svelte';
import { readTimetable, splitLessonKey, unavailableOf, writeLessons, type TimetableMeta } from '../../src/lib/ydoc/timetable';
import type { PeriodSettingsInput } from '../../src/lib/domain/timetable/grid-settings';
import { DEFAULT_GRID, slotKey, slotsOf } from '../../src/lib/domain/timetable/period-grid';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { waitUntil, whenSynced } from './helpers/sync-clients';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
const V1 = timetableName(SCHOOL, YEAR, 'v1');
const PAGE = '/quan-ly/thoi-khoa-bieu/v1/cai-dat';
type Person = { id: string; name: string };

describe('timetable settings on postgres', () => {
	let running: RunningApp;
	let scheduler: Person;
	let teacher: Person;
	const db = () => running.app.services.db;
	const as = (p: Person) => ({ personId: p.id, name: p.name });

	beforeAll(async () => {
		running = await startComposedApp('postgres', 'sodiem-tt-settings-', { serveApp: true });
		const person = { id: t.people.id, name: t.people.fullName };
		const withRole = async (role: 'vice_principal' | 'teacher' | 'principal') =>
			db().select(person).from(t.staffRoles).innerJoin(t.people, eq(t.people.id, t.staffRoles.personId)).where(eq(t.staffRoles.role, role));
		scheduler = (await withRole('vice_principal'))[0]!;
		const leaders = new Set([...(await withRole('vice_principal')), ...(await withRole('principal'))].map((p) => p.id));
		teacher = (await withRole('teacher')).find((p) => !leaders.has(p.id))!;
	}, 180_000);

	afterAll(async () => {
		await running?.stop();
	});

	const live = async () => (await readLiveVersion(running.app.services.sync, V1))!;
	const stored = async () => {
		const read = readTimetable(await loadStoredDocument(db(), V1));
		if (!read.ok) throw new Error(read.reason);
		return read;
	};
	const post = (fetcher: Awaited<ReturnType<RunningApp['signedIn']>>, action: string, fields: ReadonlyArray<readonly [string, string]>) =>
		fetcher(`${PAGE}?/${action}`, {
			method: 'POST',
			headers: { origin: running.formOrigin, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true', accept: 'application/json' },
			body: new URLSearchParams(fields.map(([k, v]) => [k, v])).toString()
		});
	/** The saved settings as the form would send them, with other days. */
	const settingsOf = (meta: TimetableMeta, days: number[]): PeriodSettingsInput => ({
		days: days.map(String),
		sessions: [...meta.grid.sessions],
		periodsPerSession: String(meta.grid.periodsPerSession),
		dailyMaximum: String(meta.dailyMaximum),
		noSessionSplit: meta.noSessionSplit,
		times: Object.fromEntries(meta.bells.flatMap((b) => [[`start-${b.session}-${b.period}`, b.start], [`end-${b.session}-${b.period}`, b.end]]))
	});
	/** An enhanced form post is answered 200 with the action's outcome in JSON: `success 200`, `failure 400`, `error 403`. */
	const outcome = async (response: Response) => {
		const body = (await response.json()) as { type: string; status: number; data?: string; error?: { message: string } };
		return { kind: `${body.type} ${body.status}`, text: body.data ?? body.error?.message ?? '' };
	};
	/** The grid form as the page sends it: the saved bell times, with `over` changes. */
	const gridFields = async (over: { days?: number[]; periods?: number; times?: Record<string, string>; dailyMaximum?: string; confirm?: number }) => {
		const { meta } = await live();
		const fields: Array<[string, string]> = [];
		for (const d of over.days ?? meta.grid.days) fields.push(['days', String(d)]);
		for (const s of meta.grid.sessions) fields.push(['sessions', s]);
		fields.push(['periodsPerSession', String(over.periods ?? meta.grid.periodsPerSession)], ['dailyMaximum', over.dailyMaximum ?? String(meta.dailyMaximum)], ['noSessionSplit', 'on']);
		for (const b of meta.bells) fields.push([`start-${b.session}-${b.period}`, over.times?.[`start-${b.session}-${b.period}`] ?? b.start], [`end-${b.session}-${b.period}`, b.end]);
		if (over.confirm !== undefined) fields.push(['confirmOutside', 'on'], ['outside', String(over.confirm)]);
		return fields;
	};

	it('TT12 only a writer of the version opens the page or acts: a teacher gets 403 and changes nothing', async () => {
		const asTeacher = await running.signedIn(teacher.id);
		expect((await asTeacher(PAGE)).status).toBe(403);
		const before = await live();
		for (const [action, fields] of [
			['grid', await gridFields({ days: [2, 3, 4, 5, 6] })],
			['addRoom', [['name', 'Phòng của kẻ lạ']]],
			['unavailable', [['teacher', before.roster.teachers[0]!.id], ['slots', '2-sang-1']]]
		] as const) {
			const response = await post(asTeacher, action, fields);
			expect(response.status, action).toBe(403);
			expect((await outcome(response)).text, action).toContain('Chỉ người xếp thời khóa biểu');
		}
		const after = await live();
		expect(after.meta.grid).toEqual(before.meta.grid);
		expect(after.roster.rooms).toEqual(before.roster.rooms);
		expect(after.roster.teachers).toEqual(before.roster.teachers);
		// The scheduler's page loads (its data; the page itself is rendered in the e2e test).
		const asScheduler = await running.signedIn(scheduler.id);
		const page = await asScheduler(`${PAGE}/__data.json`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Phòng máy tính');
	});

	it('TK31 TK32 bad bell times come back with the field\'s message and what was typed; good ones are stored', async () => {
		const asScheduler = await running.signedIn(scheduler.id);
		const bad = await post(asScheduler, 'grid', await gridFields({ times: { 'start-sang-2': '7:3O', 'start-sang-3': '08:00' } }));
		const { kind, text: body } = await outcome(bad);
		expect(kind).toBe('failure 400');
		expect(body).toContain('Giờ vào tiết phải có dạng giờ:phút');
		expect(body).toContain('7:3O');
		expect(body).toContain('Tiết này bắt đầu trước khi tiết 2 buổi sáng kết thúc');
		const good = await post(asScheduler, 'grid', await gridFields({ times: { 'start-sang-1': '6:55' } }));
		expect((await outcome(good)).kind).toBe('success 200');
		await running.app.syncServer.flush();
		expect((await stored()).meta.bells.find((b) => b.session === 'sang' && b.period === 1)?.start).toBe('06:55');
	});

	it('TK34 a grid without Saturday leaves lessons out: asked first, applied only with that number confirmed, the lessons kept', async () => {
		const asScheduler = await running.signedIn(scheduler.id);
		const before = await live();
		const saturday = [...before.lessons].filter(([key, l]) => l.subject !== null && splitLessonKey(key)!.slot.startsWith('7-')).length;
		expect(saturday).toBeGreaterThan(0);
		const noSaturday = [2, 3, 4, 5, 6];
		const asked = await post(asScheduler, 'grid', await gridFields({ days: noSaturday }));
		expect((await outcome(asked)).kind).toBe('failure 409');
		expect((await live()).meta.grid.days).toContain(7);
		const input = (days: number[]) => settingsOf(before.meta, days);
		expect(await saveGridSettings(running.app.services.sync, V1, input(noSaturday), null, as(scheduler))).toEqual({ ok: false, outside: saturday });
		// A confirmation of another number (the lessons changed since it was shown) asks again.
		expect(await saveGridSettings(running.app.services.sync, V1, input(noSaturday), saturday - 1, as(scheduler))).toEqual({ ok: false, outside: saturday });
		expect((await live()).meta.grid.days).toContain(7);
		const confirmed = await post(asScheduler, 'grid', await gridFields({ days: noSaturday, confirm: saturday }));
		expect((await outcome(confirmed)).kind).toBe('success 200');
		const after = await live();
		expect(after.meta.grid.days).toEqual(noSaturday);
		// Kept in the document, every one of them, and back when Saturday is.
		expect([...after.lessons].filter(([key, l]) => l.subject !== null && splitLessonKey(key)!.slot.startsWith('7-'))).toHaveLength(saturday);
		expect(await saveGridSettings(running.app.services.sync, V1, input([2, 3, 4, 5, 6, 7]), null, as(scheduler))).toEqual({ ok: true });
		expect((await live()).meta.grid.days).toEqual([2, 3, 4, 5, 6, 7]);
	});

	it('TK35 rooms: added and renamed over HTTP; one a lesson uses is not removed, the refusal counts the lessons', async () => {
		const asScheduler = await running.signedIn(scheduler.id);
		expect((await outcome(await post(asScheduler, 'addRoom', [['name', '  Phòng  tiếng Anh ']]))).kind).toBe('success 200');
		expect((await live()).roster.rooms).toContainEqual({ id: 'phong-tieng-anh', name: 'Phòng tiếng Anh' });
		const duplicate = await post(asScheduler, 'addRoom', [['name', 'phong tieng anh']]);
		expect(await outcome(duplicate)).toMatchObject({ kind: 'failure 400', text: expect.stringContaining('Đã có phòng tên này.') });
		expect((await outcome(await post(asScheduler, 'renameRoom', [['id', 'phong-tieng-anh'], ['name', 'Phòng ngoại ngữ']]))).kind).toBe('success 200');
		expect((await live()).roster.rooms).toContainEqual({ id: 'phong-tieng-anh', name: 'Phòng ngoại ngữ' });

		// Two lessons in that room, in a slot where neither class has one.
		const { lessons } = await live();
		const free = slotsOf(DEFAULT_GRID)
			.map(slotKey)
			.find((s) => ['6a1', '6a2'].every((c) => !lessons.get(`${c}|${s}`)?.subject))!;
		await running.app.services.sync.change(V1, (doc) =>
			writeLessons(
				doc,
				['6a1', '6a2'].map((classCode) => ({ classCode, slot: free, lesson: { subject: 'ngoai-ngu-1', teacher: null, room: 'phong-tieng-anh' } })),
				{ actor: { id: scheduler.id, name: scheduler.name }, at: Date.now() }
			)
		);
		const refused = await post(asScheduler, 'removeRoom', [['id', 'phong-tieng-anh']]);
		expect(await outcome(refused)).toMatchObject({ kind: 'failure 400', text: expect.stringContaining('Không xóa được: 2 tiết học đang dùng Phòng ngoại ngữ') });
		expect((await live()).roster.rooms.some((r) => r.id === 'phong-tieng-anh')).toBe(true);
		// Cleared from those lessons, it goes.
		await running.app.services.sync.change(V1, (doc) =>
			writeLessons(doc, ['6a1', '6a2'].map((classCode) => ({ classCode, slot: free, lesson: null })), { actor: { id: scheduler.id, name: scheduler.name }, at: Date.now() })
		);
		expect(await removeRoom(running.app.services.sync, V1, 'phong-tieng-anh', as(scheduler))).toEqual({ ok: true });
		expect((await live()).roster.rooms.some((r) => r.id === 'phong-tieng-anh')).toBe(false);
	});

	it('TK36 TK7 a teacher marked unavailable where they teach: the open editor shows the conflict at once; stored, and cleared again', async () => {
		const { lessons } = await live();
		const [key, lesson] = [...lessons].find(([, l]) => l.subject !== null && l.teacher !== null)!;
		const { classCode, slot } = splitLessonKey(key)!;
		const busy = lesson.teacher!;
		const editor = running.connect(V1, scheduler, 'write');
		await whenSynced(editor);
		const board = new TimetableBoard(editor.doc);
		try {
			expect(board.conflicts.filter((c) => c.conflict.rule === 'TK7')).toEqual([]);
			const asScheduler = await running.signedIn(scheduler.id);
			const other = slot === '7-chieu-5' ? '7-chieu-4' : '7-chieu-5';
			const saved = await post(asScheduler, 'unavailable', [['teacher', busy], ['slots', other], ['slots', slot]]);
			expect((await outcome(saved)).kind).toBe('success 200');
			await waitUntil(() => board.conflicts.some((c) => c.conflict.rule === 'TK7'), 'TK7 conflict in the open editor');
			expect(board.conflicts.filter((c) => c.conflict.rule === 'TK7').map((c) => c.conflict)).toEqual([{ rule: 'TK7', id: expect.any(String), teacher: busy, slot, classCode }]);
			expect(board.cellConflicts(classCode, slot).length).toBeGreaterThan(0);
			await running.app.syncServer.flush();
			// Stored in week order, whatever order they came in.
			expect((await stored()).roster.teachers.find((x) => x.id === busy)?.unavailable).toEqual(slotsOf(DEFAULT_GRID).map(slotKey).filter((s) => s === slot || s === other));
			// TK34 TK36: without Saturday its slots are hidden; saving the teacher's slots then keeps them for when Saturday returns.
			const sync = running.app.services.sync;
			const { meta } = await live();
			const asked = await saveGridSettings(sync, V1, settingsOf(meta, [2, 3, 4, 5, 6]), null, as(scheduler));
			expect(await saveGridSettings(sync, V1, settingsOf(meta, [2, 3, 4, 5, 6]), 'outside' in asked ? asked.outside : null, as(scheduler))).toEqual({ ok: true });
			expect(await saveUnavailable(sync, V1, busy, [], as(scheduler))).toEqual({ ok: true });
			const saturday = [slot, other].filter((s) => s.startsWith('7-'));
			expect(unavailableOf((await live()).roster).get(busy)).toEqual(new Set(saturday));
			expect(await saveGridSettings(sync, V1, settingsOf(meta, [2, 3, 4, 5, 6, 7]), null, as(scheduler))).toEqual({ ok: true });
			// A slot outside the grid is refused; an empty choice clears it all.
			expect(await saveUnavailable(running.app.services.sync, V1, busy, ['2-sang-9'], as(scheduler))).toMatchObject({ ok: false });
			expect(await saveUnavailable(running.app.services.sync, V1, busy, [], as(scheduler))).toEqual({ ok: true });
			await waitUntil(() => !board.conflicts.some((c) => c.conflict.rule === 'TK7'), 'TK7 conflict gone');
		} finally {
			board.destroy();
		}
	});
});
