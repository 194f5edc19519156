import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { generatedRoster, rosterXlsx } from '../fixtures/roster-file';
import { demoPeople, shoot, signedInContext } from './helpers';

/**
 * Issue 10 §1–§2 in the browser: the principal imports a roster file, sees the preview's errors
 * per row and cell, imports the corrected file, and verifies one new guardian at the desk by
 * pasting the chip card's QR text (the comparison shows every field matching).
 */

test('the principal previews a roster with errors, commits the corrected file, and checks a guardian by pasted QR', async ({ browser, page }, testInfo) => {
	// Two uploads, a commit and the desk: more steps than the default minute allows on a busy machine.
	test.setTimeout(180_000);
	const people = await demoPeople(page);
	const principal = people.find((p) => p.roles.includes('Hiệu trưởng'))!;
	const roster = generatedRoster(3, ['6A1'], 400_000);
	const broken = roster.map((row, i) => (i === 1 ? { ...row, className: '6A9' } : row));
	const brokenPath = testInfo.outputPath('danh-sach-loi.xlsx');
	const fixedPath = testInfo.outputPath('danh-sach.xlsx');
	writeFileSync(brokenPath, await rosterXlsx(broken));
	writeFileSync(fixedPath, await rosterXlsx(roster));

	const { context, page: p } = await signedInContext(browser, principal.personalId);
	await p.getByRole('link', { name: 'Nhập danh sách học sinh, phụ huynh' }).click();
	await expect(p.getByRole('heading', { name: 'Nhập danh sách học sinh và phụ huynh' })).toBeVisible();
	await p.getByLabel('Tệp danh sách').setInputFiles(brokenPath);
	await p.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	await expect(p.getByText('1 dòng có lỗi')).toBeVisible();
	const errorRow = p.getByRole('row').filter({ hasText: 'Lớp "6A9" không có trong năm học này.' });
	await expect(errorRow).toContainText('3');
	await expect(errorRow).toContainText('Lớp');
	await expect(p.getByRole('button', { name: 'Ghi vào hệ thống' })).toHaveCount(0);
	await shoot(p, 'roster-preview-errors');

	await p.getByLabel('Tệp danh sách').setInputFiles(fixedPath);
	await p.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	await expect(p.getByText('0 dòng có lỗi')).toBeVisible();
	await p.getByRole('button', { name: 'Ghi vào hệ thống' }).click();
	await p.getByRole('button', { name: 'Xác nhận ghi' }).click();
	await expect(p.getByRole('status').filter({ hasText: 'Đã ghi 3 học sinh' })).toContainText('9 bản ghi thêm mới');

	// The desk: the first student's mother, declared by the import.
	const mother = roster[0]!;
	await p.goto('/quan-ly/xac-minh-phu-huynh?lop=6a1&trang-thai=declared');
	await p.getByRole('row').filter({ hasText: String(mother['g1.fullName']) }).filter({ hasText: String(mother.fullName) }).getByRole('link', { name: 'Xác minh' }).click();
	await expect(p.locator('#link-state')).toHaveText('Đã khai báo');
	const [d, m, y] = String(mother['g1.birthDate']).split('/');
	const qr = `${mother['g1.personalId']}||${String(mother['g1.fullName']).toUpperCase()}|${d}${m}${y}|Nữ|Số 1 Lê Lợi, Quận 1, TP. Hồ Chí Minh|15062022`;
	await p.getByLabel('Nội dung mã QR').fill(qr);
	await p.getByRole('button', { name: 'Đối chiếu' }).click();
	const comparison = p.getByRole('table', { name: 'Đối chiếu mã QR với hồ sơ' });
	await expect(comparison.getByText('✓ Khớp')).toHaveCount(3);
	await shoot(p, 'verification-qr-match');
	await p.getByRole('button', { name: 'Xác nhận đã kiểm tra (mã QR khớp)' }).click();
	await expect(p.locator('#link-state')).toHaveText('Nhà trường đã kiểm tra');
	await expect(p.locator('.history')).toContainText('Quét mã QR trên căn cước');

	await p.goto('/quan-ly/do-phu');
	await expect(p.getByRole('heading', { name: 'Mức độ hoàn thiện hồ sơ' })).toBeVisible();
	await shoot(p, 'coverage');
	await context.close();
});

test('GV10: the desk shows the school’s links fifty a page, keeps its filters from page to page and names every relation in Vietnamese', async ({ browser, page }) => {
	const principal = (await demoPeople(page)).find((p) => p.roles.includes('Hiệu trưởng'))!;
	const { context, page: p } = await signedInContext(browser, principal.personalId);
	const rows = p.locator('tbody tr');
	const status = p.getByRole('status');
	const relations = async () => new Set(await p.locator('tbody tr td:nth-child(4)').allTextContents());

	await p.goto('/quan-ly/xac-minh-phu-huynh');
	await expect(status).toHaveText(/^\d+ liên kết — 1–50, trang 1\/\d+$/);
	const [, total, pages] = (await status.textContent())!.match(/^(\d+) liên kết — 1–50, trang 1\/(\d+)$/)!;
	expect(Number(pages)).toBe(Math.ceil(Number(total) / 50));
	await expect(rows).toHaveCount(50);
	const firstOnPageOne = await rows.first().textContent();
	expect([...(await relations())].every((r) => ['Cha', 'Mẹ', 'Người giám hộ'].includes(r))).toBe(true);

	await p.getByRole('link', { name: 'Trang sau →' }).click();
	await expect(status).toHaveText(`${total} liên kết — 51–100, trang 2/${pages}`);
	await expect(rows).toHaveCount(50);
	expect(await rows.first().textContent()).not.toBe(firstOnPageOne);

	// A kept or typed address past the end lands on the last page, not on an empty one.
	await p.goto('/quan-ly/xac-minh-phu-huynh?trang=999');
	await expect(status).toHaveText(new RegExp(`^${total} liên kết — \\d+–${total}, trang ${pages}/${pages}$`));

	// Filters: the class as a person types it (6A1), one state; the next page keeps both.
	await p.getByLabel('Trạng thái').selectOption({ label: 'Nhà trường đã kiểm tra' });
	await p.getByRole('button', { name: 'Lọc' }).click();
	await expect(status).toHaveText(/^\d+ liên kết — 1–50, trang 1\/\d+$/);
	await p.getByRole('link', { name: 'Trang sau →' }).click();
	await expect(p).toHaveURL(/trang-thai=school_checked&trang=2/);
	await expect(p.locator('tbody tr td:nth-child(6)')).toHaveText(Array(await rows.count()).fill('Nhà trường đã kiểm tra'));
	await p.getByLabel('Lớp').fill('6A1');
	await p.getByRole('button', { name: 'Lọc' }).click();
	await expect(p.locator('tbody tr td:first-child').first()).toHaveText('6A1');
	expect(new Set(await p.locator('tbody tr td:first-child').allTextContents())).toEqual(new Set(['6A1']));
	expect(new Set(await p.locator('tbody tr td:nth-child(6)').allTextContents())).toEqual(new Set(['Nhà trường đã kiểm tra']));
	const inClass = Number((await status.textContent())!.match(/^(\d+) liên kết/)![1]);
	expect(inClass, 'the demo class 6A1 has more school-checked links than one page holds').toBeGreaterThan(50);
	await expect(p.getByRole('link', { name: 'Trang sau →' })).toHaveAttribute('href', '?lop=6a1&trang-thai=school_checked&trang=2');
	await context.close();
});
