import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demoPeople, signedInContext } from './helpers';

/**
 * Moves and fixed slots in the scheduler's editor (timetable SPEC TK40–TK45, TT6): the demo
 * vice-principal drags a double-booked lesson away and sees the conflict go, swaps two lessons,
 * moves one with the keyboard, cannot drag a fixed chào cờ, types over it only after saying yes,
 * and puts it back with "Xếp tiết cố định" after a confirmation naming what is replaced.
 */
const SHOTS = 'test-results/screens';
const cellOf = (page: Page, classCode: string, slot: string) => page.locator(`[data-cell="${classCode}|${slot}"]`);

test('a scheduler drags and swaps lessons, moves one by keyboard, and places the fixed slots after confirming', async ({ browser, page }) => {
	test.setTimeout(120_000);
	const scheduler = (await demoPeople(page)).find((p) => p.roles.includes('Phó hiệu trưởng'))!;
	const { context, page: p } = await signedInContext(browser, scheduler.personalId);
	await p.setViewportSize({ width: 1366, height: 768 });
	await p.goto('/quan-ly/thoi-khoa-bieu');
	await p.getByRole('link', { name: 'Mở để xếp lịch' }).first().click();
	await expect(p.getByRole('heading', { name: /Thời khóa biểu số 1 — áp dụng từ/ })).toBeVisible();
	const status = p.locator('#timetable-move-status');

	// 7A1 studies in the afternoon: put Toán in its empty Tuesday morning period 2 with the teacher 8A1 has then.
	const taken = (await cellOf(p, '8a1', '3-sang-2').getAttribute('title'))!.split('\n')[0]!;
	const teacher = taken.split(' — ')[1]!;
	expect(teacher).toBeTruthy();
	await cellOf(p, '7a1', '3-sang-2').click();
	await p.keyboard.type('Toá');
	await p.keyboard.press('Enter');
	await expect(cellOf(p, '7a1', '3-sang-2')).toContainText('Toán');
	// Enter saved and moved on: it does not open the entry box again on the next cell.
	await expect(cellOf(p, '7a1', '3-sang-3')).toHaveAttribute('aria-selected', 'true');
	await expect(p.locator('input.editor')).toHaveCount(0);
	await cellOf(p, '7a1', '3-sang-2').click();
	await p.getByLabel('Giáo viên').selectOption({ label: teacher });
	const conflict = p.getByRole('button', { name: new RegExp(`^${teacher} dạy cùng lúc 2 lớp \\(7A1, 8A1\\) — Thứ Ba, sáng, tiết 2$`) });
	await expect(conflict).toBeVisible();

	// TK40: drag it to the empty period 1: moved, the old slot empty, that conflict gone from the list.
	await cellOf(p, '7a1', '3-sang-2').dragTo(cellOf(p, '7a1', '3-sang-1'));
	await expect(cellOf(p, '7a1', '3-sang-1')).toContainText('Toán');
	await expect(cellOf(p, '7a1', '3-sang-2')).toHaveText('');
	await expect(conflict).toHaveCount(0);
	await expect(status).toHaveText('Đã chuyển Toán của lớp 7A1 từ Thứ Ba, sáng, tiết 2 sang Thứ Ba, sáng, tiết 1.');

	// TK40: dropped on another lesson, the two swap.
	const [a, b] = [await cellOf(p, '8a1', '4-sang-2').innerText(), await cellOf(p, '8a1', '4-sang-3').innerText()];
	expect(a).not.toBe(b);
	await cellOf(p, '8a1', '4-sang-2').dragTo(cellOf(p, '8a1', '4-sang-3'));
	// A click on another cell right after a drop selects it (only the click ending the drag is ignored).
	await cellOf(p, '7a1', '3-sang-1').click();
	await expect(cellOf(p, '7a1', '3-sang-1')).toHaveAttribute('aria-selected', 'true');
	await expect(cellOf(p, '8a1', '4-sang-3')).toHaveText(a);
	await expect(cellOf(p, '8a1', '4-sang-2')).toHaveText(b);
	await expect(status).toHaveText(/^Đã đổi chỗ /);

	// Keyboard: Ctrl+X picks up, → chooses the next period, Enter drops.
	await cellOf(p, '7a1', '3-sang-1').click();
	await p.keyboard.press('Control+x');
	await expect(status).toContainText('Đang chuyển Toán của lớp 7A1');
	await p.keyboard.press('ArrowRight');
	await expect(status).toHaveText('Thứ Ba, sáng, tiết 2: trống.');
	await p.keyboard.press('Enter');
	await expect(cellOf(p, '7a1', '3-sang-2')).toContainText('Toán');
	await expect(cellOf(p, '7a1', '3-sang-1')).toHaveText('');

	// TK41: 8A1's chào cờ is fixed: it shows the lock and does not move.
	const flag = cellOf(p, '8a1', '2-sang-1');
	await expect(flag).toHaveClass(/fixed/);
	const second = await cellOf(p, '8a1', '2-sang-2').innerText();
	await flag.dragTo(cellOf(p, '8a1', '2-sang-2'));
	await expect(flag).toContainText('Chào cờ');
	await expect(cellOf(p, '8a1', '2-sang-2')).toHaveText(second);

	// Typing over it asks first; "Hủy" keeps it, yes replaces it.
	await flag.click();
	await p.keyboard.type('Toá');
	await p.keyboard.press('Enter');
	const dialog = p.getByRole('dialog');
	await expect(dialog).toContainText('Chào cờ của lớp 8A1 (Thứ Hai, sáng, tiết 1) là tiết cố định. Thay bằng tiết khác?');
	await dialog.getByRole('button', { name: 'Hủy' }).click();
	await expect(flag).toContainText('Chào cờ');
	await flag.click();
	await p.keyboard.type('Toá');
	await p.keyboard.press('Enter');
	await dialog.getByRole('button', { name: 'Thay tiết cố định' }).click();
	await expect(flag).toContainText('Toán');
	await expect(flag).not.toHaveClass(/fixed/);

	// TK45: the fixed slots for every class, after a question naming the one lesson replaced; cancelling writes nothing.
	const place = p.getByRole('button', { name: 'Xếp tiết cố định (chào cờ, sinh hoạt lớp)' });
	await place.click();
	await expect(dialog).toContainText(/^Xếp chào cờ và sinh hoạt lớp cho 12 lớp; 1 tiết đang có môn khác sẽ bị thay\./);
	mkdirSync(SHOTS, { recursive: true });
	await p.screenshot({ path: `${SHOTS}/timetable-fixed-confirm-1366.png` });
	await dialog.getByRole('button', { name: 'Hủy' }).click();
	await expect(flag).toContainText('Toán');
	await place.click();
	await dialog.getByRole('button', { name: 'Xếp tiết cố định' }).click();
	await expect(flag).toContainText('Chào cờ');
	await expect(flag).toHaveClass(/fixed/);
	await expect(p.getByText('Đã xếp chào cờ và sinh hoạt lớp cho 12 lớp.')).toBeVisible();
	// 7A1's fixed slots stay in its afternoon session: its morning Toán is not touched.
	await expect(cellOf(p, '7a1', '2-chieu-1')).toContainText('Chào cờ');
	await expect(cellOf(p, '7a1', '3-sang-2')).toContainText('Toán');
	await p.screenshot({ path: `${SHOTS}/timetable-moves-1366.png` });

	// A phone: the class's day with the fixed lesson marked, and the button within the screen.
	await p.setViewportSize({ width: 390, height: 844 });
	await expect(place).toBeVisible();
	const phone = p.getByRole('region', { name: 'Thời khóa biểu một lớp' });
	await phone.getByRole('combobox').selectOption({ label: '8A1' });
	await expect(phone.getByText('cố định', { exact: true }).first()).toBeVisible();
	expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
	await p.screenshot({ path: `${SHOTS}/timetable-moves-390.png`, fullPage: true });
	await context.close();
});
