import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { demoPeople, signedInContext } from './helpers';

/**
 * Day changes and iCalendar feeds in the browser (timetable SPEC TT20–TT27): the demo
 * vice-principal marks a teacher absent on a Monday of version 1 (after a confirmation), sees the
 * affected lessons, gives the first one a suggested substitute (after a confirmation naming it)
 * and sees it saved, marked on the teacher's published week; then makes a secret calendar URL that serves .ics until revoked (404 after).
 * Screenshots at phone and laptop sizes.
 */
const SHOTS = 'test-results/screens';
const MONDAY = '2025-11-17';

test('a vice-principal marks a teacher absent, assigns a free substitute, and makes and revokes a calendar URL', async ({ browser, page }) => {
	test.setTimeout(120_000);
	const people = await demoPeople(page);
	const scheduler = people.find((p) => p.roles.includes('Phó hiệu trưởng'))!;
	const teacher = people.find((p) => p.roles.includes('Giáo viên') && !p.roles.some((r) => /hiệu trưởng/i.test(r)))!;
	const { context, page: p } = await signedInContext(browser, scheduler.personalId);
	await p.goto('/quan-ly/thoi-khoa-bieu');
	await p.getByRole('link', { name: /Thay đổi trong ngày/ }).click();
	await expect(p.getByRole('heading', { name: /Thay đổi trong ngày/ })).toBeVisible();

	await p.getByLabel('Ngày', { exact: true }).fill(MONDAY);
	await p.getByRole('button', { name: 'Xem ngày này' }).click();
	await expect(p.getByText('Thứ Hai, 17/11/2025', { exact: true })).toBeVisible();
	await expect(p.getByText(/theo Thời khóa biểu số 1/)).toBeVisible();

	await p.getByRole('combobox', { name: 'Giáo viên', exact: true }).selectOption({ label: teacher.name });
	await p.getByRole('button', { name: 'Ghi nghỉ' }).click();
	const dialog = p.getByRole('dialog');
	await expect(dialog).toContainText(`Ghi ${teacher.name} nghỉ cả ngày thứ hai, 17/11/2025?`);
	await dialog.getByRole('button', { name: 'Ghi nghỉ' }).click();
	await expect(p.getByRole('status')).toContainText('Đã ghi giáo viên nghỉ');
	const absence = p.locator('article.absence').filter({ has: p.getByRole('heading', { name: teacher.name }) });
	await expect(absence).toBeVisible();
	const rows = absence.locator('tbody tr');
	expect(await rows.count()).toBeGreaterThan(0);
	await expect(rows.first()).toContainText('Chưa phân công');

	// The first lesson: a suggested substitute, confirmed.
	const select = rows.first().getByRole('combobox');
	const suggested = await select.locator('optgroup option').first().textContent();
	expect(suggested).toBeTruthy();
	await select.selectOption({ label: suggested! });
	await rows.first().getByRole('button', { name: 'Lưu' }).click();
	await expect(dialog.last()).toContainText(`giao cho ${suggested} dạy thay? Thay đổi chỉ áp dụng cho ngày này.`);
	await p.getByRole('dialog').filter({ hasText: 'dạy thay?' }).getByRole('button', { name: 'Lưu' }).click();
	await expect(rows.first()).toContainText(`${suggested} dạy thay`);
	await expect(p.getByRole('heading', { name: /Mọi thay đổi ngày 17\/11\/2025/ })).toBeVisible();

	mkdirSync(SHOTS, { recursive: true });
	for (const [width, height] of [
		[390, 844],
		[1366, 768]
	] as const) {
		await p.setViewportSize({ width, height });
		await p.screenshot({ path: `${SHOTS}/timetable-changes-${width}.png`, fullPage: true });
		expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
	}

	// The absent teacher's published week of that Monday marks the lesson itself (TK16), on the
	// laptop's grid and on the phone's day list.
	const changesPage = p.url();
	await p.goto(`/thoi-khoa-bieu?ngay=${MONDAY}`);
	await p.getByRole('link', { name: teacher.name, exact: true }).click();
	await expect(p.getByRole('heading', { name: `Thời khóa biểu — Giáo viên ${teacher.name}` })).toBeVisible();
	await expect(p.getByTestId('week-table').locator('.lesson.changed').first()).toContainText(`17/11: ${suggested} dạy thay`);
	await expect(p.getByTestId('day-changes')).toContainText(`${suggested} dạy thay`);
	await p.screenshot({ path: `${SHOTS}/timetable-week-marked-1366.png`, fullPage: true });
	await p.setViewportSize({ width: 390, height: 844 });
	await expect(p.getByRole('list', { name: 'Từng ngày' }).locator('li.changed').first()).toContainText(`17/11: ${suggested} dạy thay`);
	await p.screenshot({ path: `${SHOTS}/timetable-week-marked-390.png`, fullPage: true });
	await p.setViewportSize({ width: 1366, height: 768 });
	await p.goto(changesPage);

	// A calendar URL for a class, shown once; it serves .ics until revoked.
	await p.getByRole('link', { name: /Lịch iCalendar/ }).click();
	await expect(p.getByRole('heading', { name: /Lịch iCalendar/ })).toBeVisible();
	await p.getByRole('combobox', { name: 'Lịch của' }).selectOption({ label: 'Lớp 6A1' });
	await p.getByRole('button', { name: 'Tạo đường dẫn' }).click();
	await p.getByRole('dialog').getByRole('button', { name: 'Tạo đường dẫn' }).click();
	const url = (await p.locator('.created code').textContent())!;
	expect(url).toMatch(/\/lich\/[a-z2-7]+\.ics$/);
	const feed = await page.request.get(url);
	expect(feed.status()).toBe(200);
	expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	expect(await feed.text()).toContain('X-WR-CALNAME:Thời khóa biểu lớp 6A1');
	await expect(p.getByRole('row', { name: /6A1/ })).toBeVisible();
	for (const [width, height] of [
		[390, 844],
		[1366, 768]
	] as const) {
		await p.setViewportSize({ width, height });
		await p.screenshot({ path: `${SHOTS}/timetable-feeds-${width}.png`, fullPage: true });
		expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
	}
	await p.getByRole('row', { name: /6A1/ }).getByRole('button', { name: 'Thu hồi' }).click();
	await p.getByRole('dialog').filter({ hasText: 'Thu hồi đường dẫn này?' }).getByRole('button', { name: 'Thu hồi' }).click();
	await expect(p.getByText('Đã thu hồi')).toBeVisible();
	expect((await page.request.get(url)).status()).toBe(404);

	// Clean up for other tests: the change and the absence go.
	await p.goto(`/quan-ly/thoi-khoa-bieu/thay-doi?ngay=${MONDAY}`);
	await rows.first().getByRole('button', { name: 'Bỏ thay đổi' }).click();
	await p.getByRole('dialog').filter({ hasText: 'Bỏ thay đổi của tiết này?' }).getByRole('button', { name: 'Bỏ thay đổi' }).click();
	await expect(rows.first()).toContainText('Chưa phân công');
	await absence.getByRole('button', { name: 'Bỏ ghi nghỉ' }).click();
	await p.getByRole('dialog').filter({ hasText: 'Bỏ ghi nghỉ của' }).getByRole('button', { name: 'Bỏ ghi nghỉ' }).click();
	await expect(absence).toHaveCount(0);
	await context.close();
});

test('a teacher reads the day\'s changes but cannot record any', async ({ browser, page }) => {
	const people = await demoPeople(page);
	const teacher = people.find((p) => p.roles.includes('Giáo viên') && !p.roles.some((r) => /hiệu trưởng/i.test(r)))!;
	const { context, page: p } = await signedInContext(browser, teacher.personalId);
	await p.goto(`/quan-ly/thoi-khoa-bieu/thay-doi?ngay=${MONDAY}`);
	await expect(p.getByRole('heading', { name: /Thay đổi trong ngày/ })).toBeVisible();
	await expect(p.getByRole('heading', { name: 'Ghi giáo viên nghỉ' })).toHaveCount(0);
	const refused = await p.request.post(`/quan-ly/thoi-khoa-bieu/thay-doi?/absent`, {
		form: { date: MONDAY, teacher: teacher.name },
		headers: { origin: new URL(p.url()).origin }
	});
	expect(refused.status()).toBe(403);
	await context.close();
});
