import { expect, test } from '@playwright/test';
import { splitCellKey } from '../../src/lib/ydoc/gradebook';
import { coTeachers, demoPeople, signedInContext, syncStatus } from './helpers';
import { columnTexts, gridCell, openGradebook, rowCount, shown } from './grid-helpers';

/** Term II of the co-taught gradebook, so these tests do not share cells with gradebook-sync. */
const termTwo = (document: string) => document.replace('/hk1/', '/hk2/');

test('two teachers typing in the same column at the same time converge', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const { document, first, second } = await coTeachers(baseURL!, people);
	const a = await signedInContext(browser, first.personalId);
	const b = await signedInContext(browser, second.personalId);
	await openGradebook(a.page, termTwo(document));
	await openGradebook(b.page, termTwo(document));
	const rows = await rowCount(a.page);
	const half = Math.floor(rows / 2);
	const marks = Array.from({ length: rows }, (_, i) => 50 + ((i * 3) % 51));
	const COL = 2; // ĐĐGtx3

	// A fills the top half of the column while B fills the bottom half, keystrokes interleaved.
	const typeRows = async (p: typeof a.page, from: number, to: number) => {
		await gridCell(p, from, COL).click();
		for (let r = from; r < to; r++) {
			await p.keyboard.type(shown(marks[r]!));
			await p.keyboard.press('Enter');
		}
	};
	await Promise.all([typeRows(a.page, 0, half), typeRows(b.page, half, rows)]);

	const expected = marks.map(shown);
	await expect.poll(() => columnTexts(a.page, COL)).toEqual(expected);
	await expect.poll(() => columnTexts(b.page, COL)).toEqual(expected);
	await expect(syncStatus(a.page)).toHaveText('Đã lưu trên máy chủ');
	await expect(syncStatus(b.page)).toHaveText('Đã lưu trên máy chủ');
	// A co-teacher's marks flash where they land; one's own do not.
	await expect(gridCell(a.page, rows - 1, COL)).toHaveAttribute('data-remote-changes', /^[1-9]/);
	await expect(gridCell(b.page, 0, COL)).toHaveAttribute('data-remote-changes', /^[1-9]/);
	await expect(gridCell(a.page, 0, COL)).not.toHaveAttribute('data-remote-changes');
	// Each sees where the other is, with the name.
	await expect(a.page.locator('.co-editors')).toContainText(second.name);
	await expect(b.page.locator('td .badge')).toContainText(first.name);

	await a.context.close();
	await b.context.close();
});

test('a cell edited by both teachers while offline is flagged, shows both values, and one click resolves it', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const { document, first, second } = await coTeachers(baseURL!, people);
	const a = await signedInContext(browser, first.personalId);
	const b = await signedInContext(browser, second.personalId);
	await openGradebook(a.page, termTwo(document));
	await openGradebook(b.page, termTwo(document));
	const studentId = splitCellKey((await gridCell(a.page, 0, 4).getAttribute('data-cell'))!)[0];
	const target = (p: typeof a.page) => p.locator(`td[data-cell="${studentId}:gk"]`);
	const shownIn = (p: typeof a.page) => target(p).locator('.value');

	// Both lose the network and each enters a different ĐĐGgk for the same student.
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await expect(syncStatus(a.page)).toHaveAttribute('data-status', 'offline');
	await expect(syncStatus(b.page)).toHaveAttribute('data-status', 'offline');
	await target(a.page).click();
	await a.page.keyboard.type('6');
	await a.page.keyboard.press('Enter');
	await target(b.page).click();
	await b.page.keyboard.type('9');
	await b.page.keyboard.press('Enter');
	await expect(shownIn(a.page)).toHaveText('6');
	await expect(shownIn(b.page)).toHaveText('9');

	// Back online: both replicas settle on the same value, and the cell is flagged on both.
	await a.context.setOffline(false);
	await b.context.setOffline(false);
	await expect(syncStatus(a.page)).toHaveText('Đã lưu trên máy chủ', { timeout: 20_000 });
	await expect(syncStatus(b.page)).toHaveText('Đã lưu trên máy chủ', { timeout: 20_000 });
	await expect(target(a.page)).toHaveAttribute('data-conflict', 'true');
	await expect(target(b.page)).toHaveAttribute('data-conflict', 'true');
	const settled = (await shownIn(a.page).innerText()).trim();
	expect(['6', '9']).toContain(settled);
	await expect(shownIn(b.page)).toHaveText(settled);

	// The cell's history shows both values, who entered them, and that they were offline.
	await target(a.page).click();
	const details = a.page.getByRole('region', { name: 'Chi tiết ô' });
	const history = details.getByRole('list', { name: 'Lịch sử ô' });
	// (The demo school's own mark in this cell is in the history too, entered online.)
	await expect(history.locator('li', { hasText: first.name }).filter({ hasText: 'ngoại tuyến' })).toContainText('6');
	await expect(history.locator('li', { hasText: second.name }).filter({ hasText: 'ngoại tuyến' })).toContainText('9');
	await expect(history.locator('li', { hasText: 'ngoại tuyến' })).toHaveCount(2);

	// One click keeps B's 9, for everyone.
	await details.getByRole('button', { name: new RegExp(`^Giữ 9 ${second.name}`) }).click();
	await expect(target(a.page)).not.toHaveAttribute('data-conflict');
	await expect(target(b.page)).not.toHaveAttribute('data-conflict');
	await expect(shownIn(a.page)).toHaveText('9');
	await expect(shownIn(b.page)).toHaveText('9');
	await expect(history.locator('li').first()).toContainText('giải quyết xung đột');

	await a.context.close();
	await b.context.close();
});
