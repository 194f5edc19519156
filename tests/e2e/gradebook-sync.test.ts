import { expect, test } from '@playwright/test';
import { splitCellKey } from '../../src/lib/ydoc/gradebook';
import { cell, coTeachers, demoPeople, signedInContext, syncStatus } from './helpers';

/**
 * The spine, as two teachers live it: both on one gradebook see each other's marks and cursors;
 * one loses the network, keeps entering marks, reloads offline, and everything reaches the other
 * teacher and the server when the network returns.
 */
test('two teachers on one gradebook, one of them offline for a while', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const { document, first, second } = await coTeachers(baseURL!, people);
	const bookPath = `/so-diem/${document}`;

	// The first teacher opens the gradebook from "Lớp của tôi".
	const a = await signedInContext(browser, first.personalId);
	await a.page.locator(`a[href="${bookPath}"]`).click();
	await expect(a.page.getByRole('grid')).toBeVisible();
	await expect(syncStatus(a.page)).toHaveText('Đã lưu trên máy chủ');

	// The co-teacher opens the same gradebook.
	const b = await signedInContext(browser, second.personalId);
	await b.page.goto(bookPath);
	await expect(b.page.getByRole('grid')).toBeVisible();

	const firstRow = a.page.locator('tbody tr').first();
	const studentId = splitCellKey((await firstRow.locator('td[data-cell]').first().getAttribute('data-cell'))!)[0];

	// Live: A types 7,5 into the first cell; B sees it, and sees where A is.
	await cell(a.page, studentId, 'tx1').click();
	await a.page.keyboard.type('7,5');
	await a.page.keyboard.press('Enter');
	await expect(cell(a.page, studentId, 'tx1')).toHaveText(/7,5/);
	await expect(cell(b.page, studentId, 'tx1')).toHaveText(/7,5/);
	await expect(b.page.locator('.badge').first()).toContainText(first.name);

	// Invalid input is refused inline and nothing is lost.
	await cell(a.page, studentId, 'tx2').click();
	await a.page.keyboard.type('10.5');
	await a.page.keyboard.press('Enter');
	await expect(a.page.getByRole('alert')).toContainText('Điểm phải từ 0 đến 10');
	await a.page.keyboard.press('Escape');

	// What B shows in that cell before A's offline edits (the demo school has term I marks), without
	// co-editors' name badges.
	const markShown = (row: number) =>
		b.page
			.locator('tbody tr')
			.nth(row)
			.locator('td[data-col="1"]')
			.evaluate((td) => {
				const copy = td.cloneNode(true) as HTMLElement;
				copy.querySelectorAll('.badge').forEach((badge) => badge.remove());
				return (copy.textContent ?? '').trim();
			});
	const bBefore = await markShown(0);

	// Offline: A enters five marks down the ĐĐGtx2 column.
	await a.context.setOffline(true);
	await expect(syncStatus(a.page)).toHaveAttribute('data-status', 'offline');
	await cell(a.page, studentId, 'tx2').click();
	for (const mark of ['8', '6,5', '9', '7', '10']) {
		await a.page.keyboard.type(mark);
		await a.page.keyboard.press('Enter');
	}
	await expect(syncStatus(a.page)).toHaveText('Ngoại tuyến — 5 thay đổi đã lưu trên thiết bị này');

	// Reloading offline still opens the gradebook with those marks (service worker + IndexedDB).
	await a.page.reload();
	await expect(a.page.getByRole('grid')).toBeVisible();
	await expect(syncStatus(a.page)).toHaveText('Ngoại tuyến — 5 thay đổi đã lưu trên thiết bị này');
	const rows = a.page.locator('tbody tr');
	const expected = ['8', '6,5', '9', '7', '10'];
	for (let i = 0; i < expected.length; i++) {
		await expect(rows.nth(i).locator('td[data-col="1"]')).toHaveText(expected[i]!);
	}
	// B has not seen them.
	await expect.poll(() => markShown(0)).toBe(bBefore);

	// Back online: the marks reach B, and A's status says they are saved on the server.
	await a.context.setOffline(false);
	await expect(syncStatus(a.page)).toHaveText('Đã lưu trên máy chủ', { timeout: 20_000 });
	for (let i = 0; i < expected.length; i++) {
		await expect(b.page.locator('tbody tr').nth(i).locator('td[data-col="1"]')).toHaveText(expected[i]!);
	}

	// B only watched: none of A's marks is B's to save, live or after reloading offline (sync SPEC
	// N1–N3; the server acknowledges A's writes to A only, sync-server SPEC P4).
	await expect(syncStatus(b.page)).toHaveText('Đã lưu trên máy chủ');
	await b.context.setOffline(true);
	await b.page.reload();
	await expect(b.page.getByRole('grid')).toBeVisible();
	await expect(b.page.locator('tbody tr').nth(4).locator('td[data-col="1"]')).toHaveText(expected[4]!);
	await expect(syncStatus(b.page)).toHaveText('Ngoại tuyến');

	await a.context.close();
	await b.context.close();
});
