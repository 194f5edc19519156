import { expect, test } from '@playwright/test';
import { demoPeople, shoot, signedInContext } from './helpers';

/**
 * The principal's view of grade 9 (reports SPEC S15) and of the pages whose numbers and times were
 * made readable: the year summary of 9A1 says "Hoàn thành chương trình THCS" and links to the
 * school's graduation review list, which lists students by code and name. Screenshots at phone
 * and laptop sizes for review.
 */
const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';

test('grade 9: the year summary says "Hoàn thành chương trình THCS" and leads the principal to the graduation review list', async ({ browser, page }) => {
	const principal = (await demoPeople(page)).find((p) => p.roles.includes('Hiệu trưởng'));
	expect(principal).toBeDefined();
	const leader = (await signedInContext(browser, principal!.personalId)).page;

	await leader.goto(`/lop/${SCHOOL}/${YEAR}/9a1/tong-ket?ky=ca-nam`);
	const paths = leader.locator('td[data-col="promotion"]');
	await expect(paths.filter({ hasText: 'Hoàn thành chương trình THCS' }).first()).toBeVisible();
	await expect(paths.filter({ hasText: /^Lên lớp$/ })).toHaveCount(0);
	await expect(leader.getByTestId('counts-promotion')).toContainText('Hoàn thành chương trình THCS');
	const completing = await paths.filter({ hasText: 'Hoàn thành chương trình THCS' }).count();
	await shoot(leader, 'tong-ket-9a1-ca-nam');

	await expect(leader.getByText(/tốt nghiệp THCS\s\(xem danh sách của trường\)\./)).toBeVisible();
	await leader.getByRole('link', { name: 'xem danh sách của trường' }).click();
	await expect(leader).toHaveURL('/quan-ly/xet-tot-nghiep');
	await expect(leader.getByRole('heading', { level: 1 })).toHaveText('Danh sách xét công nhận tốt nghiệp THCS');
	const section = leader.getByRole('region', { name: /^Lớp 9A1:/ });
	await expect(section.locator('tbody tr')).toHaveCount(completing);
	await expect(section.getByRole('columnheader', { name: 'Mã học sinh' })).toBeVisible();
	await shoot(leader, 'xet-tot-nghiep');

	await leader.goto('/quan-ly/yeu-cau-sua-diem');
	await expect(leader.getByRole('heading', { level: 1 })).toHaveText('Yêu cầu sửa điểm sau khóa sổ');
	await shoot(leader, 'yeu-cau-sua-diem');

	// A grade-7 class keeps "Lên lớp".
	await leader.goto(`/lop/${SCHOOL}/${YEAR}/7a2/tong-ket?ky=ca-nam`);
	await expect(paths.filter({ hasText: /^Lên lớp$/ }).first()).toBeVisible();
	await expect(paths.filter({ hasText: 'Hoàn thành chương trình THCS' })).toHaveCount(0);
});
