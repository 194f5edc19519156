import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { generatedRoster, rosterXlsx } from '../fixtures/roster-file';
import { demoPeople, signedInContext } from './helpers';

/**
 * Issue 10 §1–§2 in the browser: the principal imports a roster file, sees the preview's errors
 * per row and cell, imports the corrected file, and verifies one new guardian at the desk by
 * pasting the chip card's QR text (the comparison shows every field matching).
 */
const SHOTS = 'test-results/screens';

async function shoot(page: Page, name: string) {
	mkdirSync(SHOTS, { recursive: true });
	for (const [width, height] of [[390, 844], [1366, 768]] as const) {
		await page.setViewportSize({ width, height });
		await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
	}
}

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
