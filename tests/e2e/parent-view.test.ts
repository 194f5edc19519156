import { expect, test, type Page, type WebSocket } from '@playwright/test';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { generateDemoSchool } from '../../scripts/demo/demo-school';
import { STUDENT_VIEW_ROOTS } from '../../src/lib/ydoc/student-view';
import { acceptNoticeIfAsked, cell, signedInContext } from './helpers';

/**
 * The parents' view as a parent lives it (parents SPEC PV1–PV8): sign in through the VNeID
 * simulator, land on the one verified child, see a mark appear live while a teacher types it,
 * reload offline and still see it with its freshness. Wire isolation: every WebSocket frame
 * (decoded into a Y.Doc, and as raw bytes) and every HTTP response body the parent's browser
 * receives in the whole session holds no other student's name, code or ID number.
 *
 * The other students come from the demo school the server seeded (generateDemoSchool is that
 * seed's only source, and the e2e server's embedded database is held by the server process).
 */

interface Recorded {
	bodies: string[];
	frames: Buffer[];
	docs: Map<WebSocket, Y.Doc>;
}

function record(page: Page): Recorded {
	const recorded: Recorded = { bodies: [], frames: [], docs: new Map() };
	page.context().on('response', (response) => {
		void response
			.body()
			.then((body) => recorded.bodies.push(body.toString('utf8')))
			.catch(() => undefined); // redirects have no body
	});
	page.on('websocket', (ws) => {
		const doc = new Y.Doc();
		recorded.docs.set(ws, doc);
		ws.on('framereceived', ({ payload }) => {
			const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
			recorded.frames.push(bytes);
			// y-websocket framing: message type 0 = sync; then step1 (0) / step2 (1) / update (2).
			const decoder = decoding.createDecoder(new Uint8Array(bytes));
			if (decoding.readVarUint(decoder) !== 0) return;
			const kind = decoding.readVarUint(decoder);
			if (kind === 1 || kind === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
		});
	});
	return recorded;
}

/** Every root a student view has, and any other root the frames created. */
function serialise(doc: Y.Doc): string {
	const roots = new Set([...Object.values(STUDENT_VIEW_ROOTS), ...doc.share.keys()]);
	return JSON.stringify(Object.fromEntries([...roots].map((key) => [key, doc.getMap(key).toJSON()])));
}

test('a parent sees their child live and offline, and nothing of any other child reaches their browser', async ({ browser }) => {
	test.setTimeout(180_000);
	const demo = generateDemoSchool();
	const people = new Map(demo.people.map((p) => [p.id, p]));
	const staffIds = new Set(demo.staff.map((s) => s.personId));
	const links = (guardianId: string) => demo.guardianships.filter((g) => g.guardianId === guardianId);
	// A parent who is nothing else, with exactly one child, verified, in a class whose Toán has a teacher.
	const link = demo.guardianships.find(
		(g) => g.verification === 'school-checked' && links(g.guardianId).length === 1 && !staffIds.has(g.guardianId)
	)!;
	const guardian = people.get(link.guardianId)!;
	const child = demo.students.find((s) => s.personId === link.studentId)!;
	const childName = people.get(child.personId)!.fullName;
	const assignment = demo.teachingAssignments.find((a) => a.classCode === child.classCode && a.subjectCode === 'toan')!;
	const teacher = people.get(assignment.teacherId)!;
	const year = demo.schoolYear.code;
	const bookPath = `/so-diem/gradebook/${demo.school.code}/${year}/hk2/${child.classCode}/toan`;

	const parentContext = await browser.newContext();
	const parent = await parentContext.newPage();
	const recorded = record(parent);

	// Sign in through the simulator; the purpose notice first (privacy SPEC PR1), then with one
	// verified child straight to the child's page.
	await parent.goto(`/login/vneid?login_hint=${guardian.citizenId}`);
	await acceptNoticeIfAsked(parent);
	await expect(parent).toHaveURL(new RegExp(`/con/${child.personId}$`));
	await expect(parent.getByRole('heading', { level: 1, name: childName })).toBeVisible();
	await parent.getByRole('tab', { name: 'Học kì II' }).click();
	const tx1 = parent.locator('[data-subject="toan"] .tx .mark').first();
	await expect(tx1).toBeVisible();
	await expect(parent.getByText(/Cập nhật lúc \d\d:\d\d hôm nay/)).toBeVisible();
	await expect(parent.getByRole('link', { name: 'Ai đã xem dữ liệu của con' })).toHaveAttribute('href', `/con/${child.personId}/ai-da-xem`);
	await expect(parent.getByRole('link', { name: 'Tải toàn bộ dữ liệu của con' })).toHaveAttribute('href', `/con/${child.personId}/du-lieu`);
	// The demo school has published its week (timetable SPEC TT9): the child's class week shows.
	await expect(parent.getByTestId('child-timetable').getByRole('heading', { name: 'Thời khóa biểu tuần này' })).toBeVisible();

	// A teacher types a mark; the parent sees it appear.
	const before = (await tx1.textContent())!.trim();
	const typed = before === '3,5' ? '4,5' : '3,5';
	const t = await signedInContext(browser, teacher.citizenId);
	await t.page.goto(bookPath);
	await expect(t.page.getByRole('grid')).toBeVisible();
	await cell(t.page, child.personId, 'tx1').click();
	await t.page.keyboard.type(typed);
	await t.page.keyboard.press('Enter');
	await expect(cell(t.page, child.personId, 'tx1')).toHaveText(new RegExp(typed));
	await expect(tx1).toHaveText(typed, { timeout: 15_000 });
	// The subject teacher's comment on the child reaches the child's page the same way (parents SPEC PV9).
	const comment = `Con tiến bộ rõ ở phần hình học (${typed}).`;
	await cell(t.page, child.personId, 'comment').click();
	await t.page.keyboard.type(comment);
	await t.page.keyboard.press('Enter');
	await expect(cell(t.page, child.personId, 'comment')).toContainText(comment);
	const shownComment = parent.locator('[data-subject="toan"] .teacher-comment');
	await expect(shownComment).toHaveText(`Nhận xét của giáo viên bộ môn: ${comment}`, { timeout: 15_000 });
	await t.context.close();
	for (const [width, height] of [
		[390, 844],
		[1366, 768]
	] as const) {
		await parent.setViewportSize({ width, height });
		await parent.screenshot({ path: test.info().outputPath(`child-page-with-comment-${width}.png`), fullPage: true });
	}

	// Offline: a reload still shows the mark, with how fresh it is.
	await parentContext.setOffline(true);
	await parent.reload();
	await expect(parent.getByText(/Bạn đang ngoại tuyến/)).toBeVisible();
	await expect(parent.getByText(/cập nhật lúc \d\d:\d\d hôm nay/)).toBeVisible();
	await parent.getByRole('tab', { name: 'Học kì II' }).click();
	await expect(parent.locator('[data-subject="toan"] .tx .mark').first()).toHaveText(typed);
	await expect(parent.locator('[data-subject="toan"] .teacher-comment')).toContainText(comment);
	await parentContext.setOffline(false);
	await parentContext.close();

	// Wire isolation.
	const decoded = [...recorded.docs.values()].map(serialise);
	expect(decoded.join('')).toContain(childName);
	const raw = recorded.frames.map((frame) => frame.toString('utf8'));
	const others = demo.students.filter((s) => s.personId !== child.personId).map((s) => ({ ...s, person: people.get(s.personId)! }));
	expect(others.length).toBeGreaterThan(400);
	const everything = [...recorded.bodies, ...decoded, ...raw];
	expect(recorded.bodies.length).toBeGreaterThan(5);
	for (const other of others) {
		const needles = [other.studentCode, other.person.citizenId, `"${other.personId}"`, `/${other.personId}/`];
		// Two children may share a full name; only a name that is not the child's (or the parent's) betrays another child.
		if (other.person.fullName !== childName && other.person.fullName !== guardian.fullName) needles.push(other.person.fullName);
		for (const needle of needles) {
			const leak = everything.find((text) => text.includes(needle));
			expect(leak === undefined, `${needle} reached the parent's browser`).toBe(true);
		}
	}
});
