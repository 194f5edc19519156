import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { generateDemoSchool } from '../../scripts/demo/demo-school';
import { vietnamDate } from '../../src/lib/domain/calendar/vietnam-time';
import { weekdayOf } from '../../src/lib/domain/timetable/week';
import { demoPeople, signedInContext } from './helpers';

/**
 * Publishing and the views of the week (timetable SPEC TT8–TT11): the demo vice-principal publishes
 * version 1 for every class after confirming; a parent on a phone (390×844) sees the child's class
 * week on the child's page, today highlighted; a teacher of the class finds "Tuần của tôi" on the
 * home page; the class's week page is read on a laptop and a phone and prints on one A4 page
 * (landscape). Screenshots go to test-results/screens.
 */
const SHOTS = 'test-results/screens';

test('the school publishes the week; a parent sees it on a phone; a teacher sees their week; the class week prints on one page', async ({ browser, page }) => {
	test.setTimeout(300_000);
	mkdirSync(SHOTS, { recursive: true });
	const demo = generateDemoSchool();
	const people = new Map(demo.people.map((p) => [p.id, p]));
	const staffIds = new Set(demo.staff.map((s) => s.personId));
	const links = (guardianId: string) => demo.guardianships.filter((g) => g.guardianId === guardianId);
	const link = demo.guardianships.find((g) => g.verification === 'school-checked' && links(g.guardianId).length === 1 && !staffIds.has(g.guardianId))!;
	const guardian = people.get(link.guardianId)!;
	const child = demo.students.find((s) => s.personId === link.studentId)!;
	const className = demo.classes.find((c) => c.code === child.classCode)!.name;

	// The vice-principal publishes version 1 for every class, confirming first.
	const scheduler = (await demoPeople(page)).find((p) => p.roles.includes('Phó hiệu trưởng'))!;
	const { page: s } = await signedInContext(browser, scheduler.personalId);
	await s.goto('/quan-ly/thoi-khoa-bieu');
	const publish = s.locator('form[action="?/publish"]');
	await expect(publish.getByLabel('Công bố cho')).toHaveValue('school');
	await publish.getByRole('button', { name: 'Công bố' }).first().click();
	const dialog = s.getByRole('dialog');
	await expect(dialog).toContainText('Công bố Thời khóa biểu số 1 cho tất cả các lớp, áp dụng từ 08/09/2025?');
	await dialog.getByRole('button', { name: 'Công bố' }).click();
	await expect(s.getByText('Đã công bố thời khóa biểu.')).toBeVisible();
	await expect(s.getByRole('region', { name: 'Các lần công bố thời khóa biểu' })).toContainText(scheduler.name);
	await s.setViewportSize({ width: 1366, height: 768 });
	await s.screenshot({ path: `${SHOTS}/timetable-publish-1366.png`, fullPage: true });

	// A parent on a phone: the class's week, from the child's document.
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const parent = await phone.newPage();
	await parent.goto(`/login/vneid?login_hint=${guardian.citizenId}`);
	if (new URL(parent.url()).pathname === '/dong-y') await parent.getByRole('button', { name: 'Tôi đồng ý' }).click();
	const timetable = parent.getByTestId('child-timetable');
	await expect(timetable.getByRole('heading', { name: 'Thời khóa biểu tuần này' })).toBeVisible();
	await expect(timetable).toContainText(`lớp ${className}`);
	await expect(timetable.locator('[data-day="2"]')).toContainText('Chào cờ');
	await expect(timetable.locator('[data-day="2"]')).toContainText(/Tiết 1 \(\d\d:\d\d–\d\d:\d\d\)/);
	const today = weekdayOf(vietnamDate(Date.now()));
	await expect(timetable.locator('.tt-day.today')).toHaveCount(today === null ? 0 : 1);
	if (today !== null) await expect(timetable.locator('.tt-day.today h3')).toContainText('hôm nay');
	await timetable.scrollIntoViewIfNeeded();
	await parent.screenshot({ path: `${SHOTS}/timetable-parent-390.png` });
	await timetable.screenshot({ path: `${SHOTS}/timetable-parent-week-390.png` });
	// The page never scrolls sideways on a phone.
	expect(await parent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// A teacher of the class: "Tuần của tôi" on the home page, today first.
	const assignment = demo.teachingAssignments.find((a) => a.classCode === child.classCode && a.subjectCode === 'toan')!;
	const teacher = people.get(assignment.teacherId)!;
	const { page: t } = await signedInContext(browser, teacher.citizenId, 'staff');
	await t.setViewportSize({ width: 1366, height: 768 });
	const myWeek = t.getByRole('region', { name: 'Tuần của tôi' });
	await expect(myWeek).toBeVisible();
	await expect(myWeek.getByRole('heading', { name: /^Hôm nay/ })).toBeVisible();
	await myWeek.getByText('Các ngày khác trong tuần').click();
	await expect(myWeek).toContainText(`lớp ${className}`);
	await t.screenshot({ path: `${SHOTS}/timetable-my-week-1366.png`, fullPage: true });

	// The class's week page: laptop, phone, print (one landscape A4 page).
	await t.getByRole('link', { name: /Thời khóa biểu đã công bố/ }).first().click();
	await t.getByRole('link', { name: `Lớp ${className}`, exact: true }).click();
	await expect(t.getByRole('heading', { name: `Thời khóa biểu — Lớp ${className}` })).toBeVisible();
	await expect(t.getByTestId('week-table')).toContainText('Chào cờ');
	await t.screenshot({ path: `${SHOTS}/timetable-class-week-1366.png`, fullPage: true });
	await t.setViewportSize({ width: 390, height: 844 });
	await expect(t.getByRole('list', { name: 'Từng ngày' })).toBeVisible();
	expect(await t.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await t.screenshot({ path: `${SHOTS}/timetable-class-week-390.png`, fullPage: true });
	await t.setViewportSize({ width: 1366, height: 768 });
	await t.emulateMedia({ media: 'print' });
	await expect(t.getByTestId('week-table')).toBeVisible();
	await expect(t.getByRole('button', { name: /In \(A4 ngang\)/ })).toBeHidden();
	await t.screenshot({ path: `${SHOTS}/timetable-class-week-print.png`, fullPage: true });
	const pdf = await t.pdf({ preferCSSPageSize: true });
	expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
	await t.emulateMedia({ media: 'screen' });

	// A teacher's week page lists their lessons with the class taught.
	await t.goto('/thoi-khoa-bieu');
	await t.getByRole('link', { name: teacher.fullName, exact: true }).click();
	await expect(t.getByTestId('week-table')).toContainText(className);
	await t.screenshot({ path: `${SHOTS}/timetable-teacher-week-1366.png`, fullPage: true });
});
