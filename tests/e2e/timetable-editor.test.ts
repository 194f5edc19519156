import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demoPeople, signedInContext } from './helpers';

/**
 * The scheduler's timetable editor (timetable SPEC TT5–TT7): the demo vice-principal (who holds
 * the timetabling role) opens version 1, types a lesson into an empty morning slot of an
 * afternoon class and gives it the teacher who already teaches 8A1 in that slot: the TK2 conflict
 * appears in the list and in both grids, and a second device of a scheduler sees the edit live.
 */
const SHOTS = 'test-results/screens';
const SLOT = '2-sang-2';

const cellOf = (page: Page, classCode: string, slot: string) => page.locator(`[data-cell="${classCode}|${slot}"]`);

test('a scheduler double-books a teacher and sees the conflict in both grids; another device sees it live', async ({ browser, page }) => {
	test.setTimeout(120_000);
	const people = await demoPeople(page);
	const scheduler = people.find((p) => p.roles.includes('Phó hiệu trưởng'))!;
	const { context, page: p } = await signedInContext(browser, scheduler.personalId);
	await p.getByRole('link', { name: 'Xếp thời khóa biểu' }).click();
	await expect(p.getByRole('heading', { name: /Thời khóa biểu — năm học/ })).toBeVisible();
	// TT4: the copy form starts from the newest version, shown as chosen (it showed nothing before).
	await expect(p.getByLabel('Sao chép từ')).toHaveValue('v1');
	await p.getByRole('link', { name: 'Mở để xếp lịch' }).first().click();
	await expect(p.getByRole('heading', { name: /Thời khóa biểu số 1 — áp dụng từ/ })).toBeVisible();

	const second = await signedInContext(browser, scheduler.personalId);
	await second.page.goto(new URL(p.url()).pathname);
	await expect(cellOf(second.page, '6a1', SLOT)).toBeVisible();

	// 8A1 studies in the morning: who teaches it in SLOT? (the cell's title names subject and teacher).
	const taken = (await cellOf(p, '8a1', SLOT).getAttribute('title'))!.split('\n')[0]!;
	const teacher = taken.split(' — ')[1]!;
	expect(teacher).toBeTruthy();
	await expect(cellOf(p, '6a1', SLOT)).toHaveText('');

	// Keyboard entry: select the empty morning slot of 6A1 (an afternoon class), type the subject, Enter.
	await cellOf(p, '6a1', SLOT).click();
	await p.keyboard.type('Toá');
	await p.keyboard.press('Enter');
	await expect(cellOf(p, '6a1', SLOT)).toContainText('Toán');
	await expect(cellOf(p, '6a1', '2-sang-3')).toHaveAttribute('aria-selected', 'true');
	// The teacher followed the assignment; change it to 8A1's teacher in that slot.
	await cellOf(p, '6a1', SLOT).click();
	await p.getByLabel('Giáo viên').selectOption({ label: teacher });

	const conflict = p.getByRole('button', { name: new RegExp(`^${teacher} dạy cùng lúc 2 lớp \\(6A1, 8A1\\) — Thứ Hai, sáng, tiết 2$`) });
	await expect(conflict).toBeVisible();
	await expect(cellOf(p, '6a1', SLOT)).toHaveClass(/conflict/);
	await expect(cellOf(p, '8a1', SLOT)).toHaveClass(/conflict/);

	// The other device: the lesson and the conflict arrive live.
	await expect(cellOf(second.page, '6a1', SLOT)).toContainText('Toán');
	await expect(cellOf(second.page, '6a1', SLOT)).toHaveClass(/conflict/);
	await expect(second.page.getByRole('button', { name: new RegExp(`^${teacher} dạy cùng lúc 2 lớp`) })).toBeVisible();

	mkdirSync(SHOTS, { recursive: true });
	for (const [width, height] of [[1366, 768], [1280, 720]] as const) {
		await p.setViewportSize({ width, height });
		await p.screenshot({ path: `${SHOTS}/timetable-class-grid-${width}.png` });
		// The page itself never scrolls sideways: the grid scrolls inside its own box.
		expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
	}

	// The teacher grid: the teacher's cell in that slot holds both classes and is outlined.
	await p.getByRole('button', { name: 'Theo giáo viên' }).click();
	const teacherCell = p.locator(`[data-teacher-cell$="@${SLOT}"]`).filter({ has: p.getByRole('button', { name: /6A1/ }) });
	await expect(teacherCell).toHaveClass(/conflict/);
	await expect(teacherCell.getByRole('button')).toHaveCount(2);
	await p.screenshot({ path: `${SHOTS}/timetable-teacher-grid-1280.png` });

	// The conflict's link brings the class grid back with the slot focused.
	await conflict.click();
	await expect(cellOf(p, '6a1', SLOT)).toHaveAttribute('aria-selected', 'true');
	await expect(cellOf(p, '6a1', SLOT)).toBeFocused();

	// Delete clears the slot: the conflict goes away on both devices.
	await p.keyboard.press('Delete');
	await expect(cellOf(p, '6a1', SLOT)).toHaveText('');
	await expect(conflict).toHaveCount(0);
	await expect(cellOf(second.page, '6a1', SLOT)).toHaveText('');

	// A phone reads one class at a time.
	await second.page.setViewportSize({ width: 390, height: 844 });
	const phone = second.page.getByRole('region', { name: 'Thời khóa biểu một lớp' });
	await expect(phone).toBeVisible();
	await phone.getByRole('combobox').selectOption({ label: '8A1' });
	await expect(phone.getByText('Chào cờ')).toBeVisible();
	await expect(second.page.getByRole('heading', { name: 'Thứ Hai' })).toBeVisible();
	expect(await second.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
	await second.page.screenshot({ path: `${SHOTS}/timetable-phone-390.png`, fullPage: true });
	await second.context.close();
	await context.close();
});

test('a teacher reads the timetable but cannot create a version or type into it', async ({ browser, page }) => {
	const people = await demoPeople(page);
	const teacher = people.find((p) => p.roles.includes('Giáo viên') && !p.roles.includes('Phó hiệu trưởng') && !p.roles.includes('Hiệu trưởng'))!;
	const { context, page: p } = await signedInContext(browser, teacher.personalId);
	await p.goto('/quan-ly/thoi-khoa-bieu');
	await expect(p.getByRole('link', { name: 'Xem', exact: true })).toBeVisible();
	await expect(p.getByRole('button', { name: /Sao chép/ })).toHaveCount(0);
	await p.getByRole('link', { name: 'Xem', exact: true }).first().click();
	await expect(p.getByText('Bạn chỉ có quyền xem thời khóa biểu này.')).toBeVisible();
	// 6A1 studies in the afternoon: its morning slots are empty, and stay so.
	await cellOf(p, '6a1', '3-sang-3').click();
	await p.keyboard.type('Toán');
	await p.keyboard.press('Enter');
	await expect(p.getByRole('textbox')).toHaveCount(0);
	await p.keyboard.press('Delete');
	await expect(cellOf(p, '6a1', '3-sang-3')).toHaveText('');
	await expect(cellOf(p, '6a1', '2-chieu-2')).not.toHaveText('');
	await context.close();
});
