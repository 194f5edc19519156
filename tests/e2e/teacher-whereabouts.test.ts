import { expect, test } from '@playwright/test';
import { termOnDate } from '../../src/lib/domain/calendar/term-on-date';
import { vietnamToday } from '../../src/lib/domain/calendar/vietnam-time';
import { demoPeople, documentsOf, shoot, signedInContext } from './helpers';
import { isDocumentOfKind, parseDocumentName } from '../../src/lib/ydoc/document-name';

/**
 * Where a person is and what they can read: the home page names the school, the school year, the
 * term and the real staff roles; a long GVCN comment ends in "…" and opens whole to read and edit;
 * offline, a page never opened on the device says so in the app's own look.
 */

test('the home page names the school, school year, term and the principal as Hiệu trưởng', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const principal = people.find((p) => p.roles.includes('Hiệu trưởng'))!;
	const gradebook = parseDocumentName((await documentsOf(baseURL!, principal.personalId)).find((d) => isDocumentOfKind(d.name, 'gradebook'))!.name);
	const year = gradebook.ok ? gradebook.ref.year : undefined;
	const term = termOnDate(year!, vietnamToday(Date.now())) === 'hk1' ? 'Học kì I' : 'Học kì II';

	const { context, page: p } = await signedInContext(browser, principal.personalId);
	const where = p.getByRole('list', { name: 'Nơi công tác' });
	await expect(where).toContainText(/Trường THCS/);
	await expect(where).toContainText(`Năm học ${year!.replace('-', '–')} · ${term}`);
	await expect(p.getByText('Vai trò:')).toContainText(/Vai trò: Hiệu trưởng/);
	await expect(p.getByText('Vai trò:')).not.toContainText('Cán bộ, giáo viên');
	await shoot(p, 'home-principal', { fullPage: false });
	await context.close();

	const vice = people.find((p) => p.roles.includes('Phó hiệu trưởng'));
	if (vice) {
		const asVice = await signedInContext(browser, vice.personalId);
		await expect(asVice.page.getByText('Vai trò:')).toContainText(/Vai trò: Phó hiệu trưởng/);
		await asVice.context.close();
	}
});

test('a long GVCN comment ends in an ellipsis and opens whole to read and edit', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	let found: { personalId: string; path: string } | null = null;
	for (const person of people.filter((p) => p.roles.some((r) => r.startsWith('Chủ nhiệm')))) {
		const doc = (await documentsOf(baseURL!, person.personalId)).find((d) => d.access === 'write' && isDocumentOfKind(d.name, 'homeroom'));
		if (doc) {
			const [, school, year, term, classCode] = doc.name.split('/') as string[];
			found = { personalId: person.personalId, path: `/lop/${school}/${year}/${classCode}/chu-nhiem/${term}` };
			break;
		}
	}
	expect(found, 'a homeroom teacher').toBeTruthy();
	const { context, page: p } = await signedInContext(browser, found!.personalId);
	await p.goto(found!.path);
	await expect(p.getByTestId('sync-status')).toHaveText('Đã lưu trên máy chủ');

	const long =
		'Em chăm ngoan, lễ phép với thầy cô, hòa đồng với bạn bè; tích cực tham gia các hoạt động của lớp và của trường, cần cố gắng hơn ở môn Toán và rèn chữ viết.';
	const comment = p.locator('[data-hr-cell="0:comment"]');
	await comment.click();
	await p.keyboard.press('Control+A');
	await p.keyboard.type(long);
	await p.keyboard.press('Enter');
	await expect(comment).toHaveValue(long);
	// Clipped, with an ellipsis rather than a cut.
	expect(await comment.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
	await expect(comment).toHaveCSS('text-overflow', 'ellipsis');

	const name = (await p.locator('tbody tr th.name').first().textContent())!.trim();
	await p.getByRole('button', { name: `Xem và sửa cả đoạn: Nhận xét của GVCN — ${name}` }).click();
	const dialog = p.getByRole('dialog', { name: `Nhận xét của GVCN — ${name}` });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('textbox')).toHaveValue(long);
	await shoot(p, 'chu-nhiem-whole-comment', { fullPage: false });

	// Cancelling keeps the comment; saving writes the edited whole text.
	await dialog.getByRole('textbox').fill('Sửa rồi hủy');
	await dialog.getByRole('button', { name: 'Hủy' }).click();
	await expect(comment).toHaveValue(long);
	await p.getByRole('button', { name: `Xem và sửa cả đoạn: Nhận xét của GVCN — ${name}` }).click();
	const edited = `${long} Học kì sau cần đọc thêm sách.`;
	await dialog.getByRole('textbox').fill(edited);
	await dialog.getByRole('button', { name: 'Lưu' }).click();
	await expect(dialog).toBeHidden();
	await expect(comment).toHaveValue(edited);
	await p.reload();
	await expect(p.locator('[data-hr-cell="0:comment"]')).toHaveValue(edited);
	await context.close();
});

test('offline, a page never opened on this device shows the styled offline page', async ({ browser, page }) => {
	const people = await demoPeople(page);
	const teacher = people.find((p) => p.roles.includes('Giáo viên'))!;
	const { context, page: p } = await signedInContext(browser, teacher.personalId);
	await p.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
	});
	await context.setOffline(true);
	const response = await p.goto('/lop/never/opened/here/chu-nhiem/hk1');
	expect(response?.status()).toBe(503);
	await expect(p.getByRole('heading', { name: 'Bạn đang ngoại tuyến' })).toBeVisible();
	await expect(p.getByRole('link', { name: 'Sổ Điểm' })).toHaveCSS('color', 'rgb(255, 255, 255)');
	await expect(p.locator('header')).toHaveCSS('background-color', 'rgb(15, 92, 77)');
	await expect(p.getByRole('link', { name: 'Về trang chủ' })).toHaveAttribute('href', '/');
	await shoot(p, 'offline-fallback', { fullPage: false });
	await context.setOffline(false);
	await context.close();
});
