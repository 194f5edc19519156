import { expect, test } from '@playwright/test';
import { splitCellKey } from '../../src/lib/ydoc/gradebook';
import { cell, coTeachers, demoPeople, signedInContext } from './helpers';

/**
 * Khóa sổ as the principal and a teacher live it: the principal locks a class's term while the
 * teacher has its gradebook open; the teacher's page turns read-only at once and says why.
 */
test('a locked gradebook refuses typing and says why', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const { document, first } = await coTeachers(baseURL!, people);
	const principal = people.find((p) => p.roles.includes('Hiệu trưởng'));
	expect(principal).toBeTruthy();

	const teacher = await signedInContext(browser, first.personalId);
	await teacher.page.goto(`/so-diem/${document}`);
	await expect(teacher.page.getByRole('grid')).toBeVisible();
	const firstCell = teacher.page.locator('td[data-cell]').first();
	const [studentId, columnKey] = splitCellKey((await firstCell.getAttribute('data-cell'))!);
	await cell(teacher.page, studentId, columnKey).click();
	await teacher.page.keyboard.type('6');
	await teacher.page.keyboard.press('Enter');
	await expect(cell(teacher.page, studentId, columnKey)).toHaveText('6');

	const leader = await signedInContext(browser, principal!.personalId);
	await leader.page.getByRole('link', { name: 'Khóa sổ điểm' }).click();
	await leader.page.getByRole('button', { name: 'Khóa sổ lớp 9A1 Học kì I', exact: true }).click();
	// Locking asks first (confirm-irreversible.test.ts covers cancelling).
	await leader.page.getByRole('dialog').getByRole('button', { name: 'Khóa lớp 9A1' }).click();
	await expect(leader.page.getByRole('status')).toContainText('Đã khóa sổ');

	// The teacher's open page is read-only now, says why, and refuses typing.
	await expect(teacher.page.getByText('Sổ đã khóa').first()).toBeVisible();
	await cell(teacher.page, studentId, columnKey).click();
	await teacher.page.keyboard.type('9');
	await expect(teacher.page.getByRole('alert')).toContainText('Sổ đã khóa');
	await expect(cell(teacher.page, studentId, columnKey)).toHaveText('6');

	// Reopening the gradebook keeps it locked.
	await teacher.page.reload();
	await expect(teacher.page.getByRole('grid')).toBeVisible();
	await expect(teacher.page.getByText('Sổ đã khóa').first()).toBeVisible();

	await teacher.context.close();
	await leader.context.close();
});
