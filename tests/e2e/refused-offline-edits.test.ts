import { expect, request, test, type Browser, type Page } from '@playwright/test';
import { cell, demoPeople, type DemoPerson, documentsOf, shoot, signedInContext, signInApi, syncStatus } from './helpers';

/**
 * Issue 8, defect 2 (sync SPEC O1–O5): a mark entered offline reaches the server after the term
 * was locked. The server turns it into a correction request; the teacher's device must settle —
 * show the official mark (and averages from it), mark the cell "đang chờ duyệt sửa điểm" with the
 * value asked for, stop saying it is saving, keep that across a reload, and follow the decision.
 */

// Each test signs several browsers and API clients in and locks and unlocks a class: more than the default minute.
test.describe.configure({ timeout: 300_000 });

interface Setup {
	principal: DemoPerson;
	teacher: DemoPerson;
	book: string;
}

/** Subjects assessed by comment (Đ/CĐ): the test types a score. */
const COMMENT_SUBJECTS = /\/(gdtc|am-nhac|mi-thuat|hdtn-hn|gddp)$/;

/** A teacher (not a leader) and a scored term I gradebook of theirs that other tests do not lock. */
async function setup(page: Page, baseURL: string): Promise<Setup> {
	const people = await demoPeople(page);
	const principal = people.find((p) => p.roles.includes('Hiệu trưởng'))!;
	const teachers = people.filter((p) => p.roles.includes('Giáo viên') && !p.roles.some((r) => /Hiệu trưởng|Phó hiệu trưởng/.test(r)));
	// From the last teacher back: confirm-irreversible.test.ts locks a class of the first.
	for (const teacher of teachers.reverse()) {
		const book = (await documentsOf(baseURL, teacher.personalId)).find(
			(d) => d.access === 'write' && /^gradebook\/[^/]+\/[^/]+\/hk1\/(?!9a1\/)/.test(d.name) && !COMMENT_SUBJECTS.test(d.name)
		);
		if (book) return { principal, teacher, book: book.name };
	}
	throw new Error('no teacher writes a scored term I gradebook');
}

async function setLock(p: Page, className: string, locked: boolean) {
	await p.goto('/quan-ly/khoa-so');
	const termOne = p.locator('section.term').filter({ has: p.getByRole('heading', { name: 'Học kì I', exact: true }) });
	if (locked) {
		await termOne.getByRole('button', { name: `Khóa sổ lớp ${className} Học kì I`, exact: true }).click();
		await p.getByRole('dialog').getByRole('button', { name: `Khóa lớp ${className}` }).click();
		await expect(p.getByRole('status')).toContainText('Đã khóa sổ');
	} else {
		await termOne.locator('li').filter({ hasText: `Lớp ${className}` }).getByRole('button', { name: 'Mở' }).click();
		await expect(p.getByRole('status')).toHaveText('Đã mở khóa sổ.');
	}
}

/** Opens the principal's request list and decides the one pending request of `className`. */
async function decide(p: Page, className: string, approve: boolean) {
	await p.goto('/quan-ly/yeu-cau-sua-diem');
	const request = p.locator('article.request').filter({ hasText: `— ${className} —` });
	await expect(async () => {
		await p.reload();
		await expect(request).toHaveCount(1, { timeout: 1000 });
	}).toPass({ timeout: 30_000 });
	if (approve) {
		await request.getByRole('button', { name: 'Duyệt' }).click();
		await expect(p.getByRole('status')).toHaveText('Đã duyệt: điểm đã được cập nhật vào sổ.');
	} else {
		await request.getByLabel('Lý do từ chối').fill('Điểm đã chốt với phụ huynh');
		await request.getByRole('button', { name: 'Từ chối' }).click();
		await p.getByRole('dialog').getByRole('button', { name: 'Từ chối yêu cầu' }).click();
		await expect(p.getByRole('status')).toHaveText('Đã từ chối yêu cầu.');
	}
}

/**
 * The teacher opens the gradebook, goes offline and types a mark into `row`'s first mark cell;
 * the principal locks the term; the teacher comes back online. Returns what the cell showed
 * before (the official mark), the row's ĐTBmhk, and the mark asked for.
 */
async function editOfflineThenLock(browser: Browser, leader: Page, { teacher, book }: Setup, row: number) {
	const t = await signedInContext(browser, teacher.personalId);
	await t.page.goto(`/so-diem/${book}`);
	await expect(t.page.getByRole('grid')).toBeVisible({ timeout: 30_000 });
	await expect(syncStatus(t.page)).toHaveText('Đã lưu trên máy chủ', { timeout: 30_000 });
	const className = /Lớp (\S+)/.exec((await t.page.getByRole('heading', { level: 1 }).textContent())!)![1]!;
	// Rows of students who left are read-only (an earlier import may have added one to the class).
	const target = t.page.locator('tbody tr:not(.left)').nth(row).locator('td.mark').first();
	const [studentId, columnKey] = (await target.getAttribute('data-cell'))!.split(':') as [string, string];
	const official = (await target.locator('.value').textContent())!.trim();
	const average = (await cell(t.page, studentId, 'term').locator('.value').textContent())!.trim();
	const asked = official === '3' ? '4' : '3';

	await t.context.setOffline(true);
	await expect(syncStatus(t.page)).toHaveAttribute('data-status', 'offline');
	await target.click();
	await t.page.keyboard.type(asked);
	await t.page.keyboard.press('Enter');
	await expect(cell(t.page, studentId, columnKey).locator('.value')).toHaveText(asked);
	await expect(syncStatus(t.page)).toHaveText('Ngoại tuyến — 1 thay đổi đã lưu trên thiết bị này');

	await setLock(leader, className, true);
	await t.context.setOffline(false);
	return { t, className, studentId, columnKey, official, average, asked };
}

/** The cell as a settled device shows it: the official mark, waiting for the asked one, nothing saving. */
async function expectSettled(page: Page, c: { studentId: string; columnKey: string; official: string; average: string; asked: string }) {
	const shown = cell(page, c.studentId, c.columnKey);
	await expect(shown.locator('.value')).toHaveText(c.official, { timeout: 20_000 });
	await expect(shown.getByRole('img', { name: `Đang chờ duyệt sửa điểm: ${c.asked}` })).toHaveCount(1, { timeout: 20_000 });
	await expect(cell(page, c.studentId, 'term').locator('.value')).toHaveText(c.average);
	await expect(syncStatus(page)).toHaveText('Đã lưu trên máy chủ');
	await expect(syncStatus(page)).not.toContainText('Đang lưu');
}

test('an offline mark refused by a term lock settles: official mark, waiting marker, then the approval', async ({ browser, page, baseURL }) => {
	const s = await setup(page, baseURL!);
	const leader = await signedInContext(browser, s.principal.personalId);
	const edit = await editOfflineThenLock(browser, leader.page, s, 0);
	const { t } = edit;

	await expectSettled(t.page, edit);
	await expect(t.page.getByText('Sổ đã khóa trước khi 1 thay đổi bạn nhập lúc ngoại tuyến đến máy chủ')).toBeVisible();
	await cell(t.page, edit.studentId, edit.columnKey).click();
	await expect(t.page.getByRole('note')).toContainText(`Đang chờ duyệt sửa điểm: bạn đề nghị sửa thành ${edit.asked}`);
	await shoot(t.page, 'refused-offline-edit', { fullPage: false });
	// The phone's card of the student says it in words.
	await t.page.setViewportSize({ width: 390, height: 844 });
	await expect(t.page.getByText(`Đang chờ duyệt sửa điểm: bạn đề nghị ${edit.asked}`)).toBeVisible();
	await t.page.setViewportSize({ width: 1280, height: 720 });

	// A reload keeps it settled: the device's store holds the server's copy, not the refused mark.
	await t.page.reload();
	await expect(t.page.getByRole('grid')).toBeVisible({ timeout: 30_000 });
	await expectSettled(t.page, edit);

	// The principal approves: the asked mark becomes the official one and the marker goes.
	await decide(leader.page, edit.className, true);
	const shown = cell(t.page, edit.studentId, edit.columnKey);
	await expect(shown.locator('.value')).toHaveText(edit.asked, { timeout: 20_000 });
	await expect(shown.getByRole('img', { name: /Đang chờ duyệt sửa điểm/ })).toHaveCount(0, { timeout: 20_000 });
	await expect(syncStatus(t.page)).toHaveText('Đã lưu trên máy chủ');

	await setLock(leader.page, edit.className, false);
	await t.context.close();
	await leader.context.close();
});

test('a refused offline mark whose correction is rejected keeps the official mark and loses its marker', async ({ browser, page, baseURL }) => {
	const s = await setup(page, baseURL!);
	const leader = await signedInContext(browser, s.principal.personalId);
	const edit = await editOfflineThenLock(browser, leader.page, s, 1);
	const { t } = edit;
	await expectSettled(t.page, edit);

	// The server decides who sees a waiting request: its teacher only; the principal reads none
	// of it here, a parent is refused.
	const asked = async (person: DemoPerson, role: 'staff' | 'guardian' = 'staff') => {
		const api = await request.newContext({ baseURL });
		await signInApi(api, baseURL!, person.personalId, role);
		const response = await api.get(`/api/correction-requests?document=${encodeURIComponent(s.book)}`);
		const answer = { status: response.status(), body: response.ok() ? await response.json() : null };
		await api.dispose();
		return answer;
	};
	expect(await asked(s.teacher)).toEqual({ status: 200, body: { cells: [{ studentId: edit.studentId, columnKey: edit.columnKey, asked: `${edit.asked}.0` }] } });
	expect(await asked(s.principal)).toEqual({ status: 200, body: { cells: [] } });
	const parent = (await demoPeople(page)).find((p) => p.roles.length === 1 && p.roles[0] === 'Phụ huynh')!;
	expect((await asked(parent, 'guardian')).status).toBe(403);

	await decide(leader.page, edit.className, false);
	const shown = cell(t.page, edit.studentId, edit.columnKey);
	await expect(shown.getByRole('img', { name: /Đang chờ duyệt sửa điểm/ })).toHaveCount(0, { timeout: 20_000 });
	await expect(shown.locator('.value')).toHaveText(edit.official);
	await t.page.reload();
	await expect(t.page.getByRole('grid')).toBeVisible({ timeout: 30_000 });
	await expect(cell(t.page, edit.studentId, edit.columnKey).locator('.value')).toHaveText(edit.official);
	await expect(cell(t.page, edit.studentId, edit.columnKey).getByRole('img', { name: /Đang chờ duyệt sửa điểm/ })).toHaveCount(0);
	await expect(syncStatus(t.page)).toHaveText('Đã lưu trên máy chủ');

	await setLock(leader.page, edit.className, false);
	await t.context.close();
	await leader.context.close();
});
