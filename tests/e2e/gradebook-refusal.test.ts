import { expect, test, type Page } from '@playwright/test';
import { demoPeople, documentsOf, shoot, signedInContext } from './helpers';

/**
 * A gradebook URL opened by someone without access — a parent, a teacher of another class — is
 * refused by the server with a 403 page that says why in Vietnamese and leads home, before any
 * document code runs: no toolbar, no "not downloaded to this device".
 */

async function expectRefused(page: Page, bookPath: string, shot: string) {
	const response = await page.goto(bookPath);
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { name: 'Không có quyền truy cập' })).toBeVisible();
	await expect(page.getByText('Bạn không có quyền mở sổ điểm này.')).toBeVisible();
	await expect(page.getByRole('link', { name: /Về trang chủ/ })).toHaveAttribute('href', '/');
	await expect(page.getByRole('button', { name: 'Hoàn tác' })).toHaveCount(0);
	await expect(page.getByText(/chưa được tải về thiết bị|Đang mở sổ điểm/)).toHaveCount(0);
	await shoot(page, `gradebook-403-${shot}`);
}

test('a parent and a teacher of another class get a 403 page for a gradebook; its teacher opens it', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const teachers = people.filter((p) => p.roles.includes('Giáo viên') && !p.roles.some((r) => /Hiệu trưởng|Phó hiệu trưởng/.test(r)));
	const owner = teachers[0]!;
	const book = (await documentsOf(baseURL!, owner.personalId)).find((d) => d.access === 'write' && d.name.startsWith('gradebook/'));
	expect(book, 'the teacher writes a gradebook').toBeTruthy();
	const bookPath = `/so-diem/${book!.name}`;

	let stranger = null;
	for (const candidate of teachers.slice(1)) {
		if (!(await documentsOf(baseURL!, candidate.personalId)).some((d) => d.name === book!.name)) {
			stranger = candidate;
			break;
		}
	}
	expect(stranger, 'a teacher who does not teach that class').toBeTruthy();
	const parent = people.find((p) => p.roles.length === 1 && p.roles[0] === 'Phụ huynh');
	expect(parent, 'a parent who is nothing else').toBeTruthy();

	const asParent = await signedInContext(browser, parent!.personalId, 'guardian');
	await expectRefused(asParent.page, bookPath, 'parent');
	await asParent.context.close();

	const asStranger = await signedInContext(browser, stranger!.personalId);
	await expectRefused(asStranger.page, bookPath, 'other-teacher');
	await asStranger.context.close();

	// The teacher of the gradebook still gets it.
	const asOwner = await signedInContext(browser, owner.personalId);
	const response = await asOwner.page.goto(bookPath);
	expect(response?.status()).toBe(200);
	await expect(asOwner.page.getByRole('button', { name: 'Hoàn tác' })).toBeVisible();
	await asOwner.context.close();
});

test('a gradebook URL signed out leads to sign-in', async ({ page }) => {
	await page.goto('/so-diem/gradebook/x/y/hk1/z/w');
	await expect(page).toHaveURL(/\/dang-nhap/);
});
