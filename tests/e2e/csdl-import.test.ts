import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { exportStudents, studentExport } from '../fixtures/csdl-export';
import { generateDemoSchool } from '../../scripts/demo/demo-school';
import { demoPeople, shoot, signedInContext } from './helpers';

/**
 * Issue 14 in the browser: the principal imports the education database's student export (.xls),
 * confirms it, then imports a later export (.xlsx, another template version) and sees who left,
 * who changed class and whose name changed; applies only some of it after a confirmation step, and
 * sees the import on the status section. The students who joined have a row in the class's
 * gradebooks (roster RI15).
 */

test('the principal previews the changes of a CSDL ngành export and applies the selected ones after confirming', async ({ browser, page }, testInfo) => {
	test.setTimeout(180_000);
	const people = await demoPeople(page);
	const principal = people.find((p) => p.roles.includes('Hiệu trưởng'))!;
	const roster = exportStudents(3, ['6A1'], 80_000);
	const firstPath = testInfo.outputPath('hoc-sinh.xls');
	writeFileSync(firstPath, studentExport(roster, 'v1', 'xls'));
	const later = roster.map((s, i) => (i === 0 ? { ...s, status: 'Chuyển đi', statusDate: '20/11/2026' } : i === 1 ? { ...s, fullName: `${s.fullName} Anh` } : s));
	const laterPath = testInfo.outputPath('hoc-sinh-moi.xlsx');
	writeFileSync(laterPath, studentExport(later, 'v2', 'xlsx'));

	const { context, page: p } = await signedInContext(browser, principal.personalId);
	await p.getByRole('link', { name: 'Trao đổi dữ liệu với CSDL ngành' }).click();
	await expect(p.getByRole('heading', { name: 'Trao đổi dữ liệu với CSDL ngành' })).toBeVisible();
	await expect(p.getByText('CSDL ngành là nơi gốc của')).toBeVisible();

	await p.getByLabel('Tệp danh sách học sinh').setInputFiles(firstPath);
	await p.getByRole('button', { name: 'Kiểm tra tệp', exact: true }).click();
	await expect(p.getByText('3 có thay đổi')).toBeVisible();
	await expect(p.getByRole('row').filter({ hasText: roster[0]!.fullName })).toContainText('Mới vào trường');
	await p.getByRole('button', { name: 'Áp dụng thay đổi đã chọn (3)' }).click();
	await p.getByRole('button', { name: 'Xác nhận áp dụng' }).click();
	await expect(p.getByRole('status').filter({ hasText: 'Đã áp dụng 3 thay đổi' })).toBeVisible();
	// Roster RI15: the students who joined have a row in the class's existing gradebooks.
	const demo = generateDemoSchool();
	await p.goto(`/so-diem/gradebook/${demo.school.code}/${demo.schoolYear.code}/hk1/6a1/toan`);
	await expect(p.getByRole('grid')).toBeVisible({ timeout: 30_000 });
	await expect(p.getByRole('row').filter({ hasText: roster[1]!.fullName })).toHaveCount(1);
	await p.goto('/quan-ly/csdl-nganh');

	await p.getByLabel('Tệp danh sách học sinh').setInputFiles(laterPath);
	await p.getByRole('button', { name: 'Kiểm tra tệp', exact: true }).click();
	await expect(p.getByText('2 có thay đổi')).toBeVisible();
	const leaver = p.getByRole('row').filter({ hasText: roster[0]!.fullName });
	await expect(leaver).toContainText('Rời trường');
	await expect(leaver).toContainText('Đang học → Chuyển đi');
	const renamed = p.getByRole('row').filter({ hasText: `${roster[1]!.fullName} Anh` });
	await expect(renamed).toContainText('Đổi họ tên');
	await shoot(p, 'csdl-change-preview');

	// Only the leaver is applied: the rename waits for the next import.
	await renamed.getByRole('checkbox').uncheck();
	await p.getByRole('button', { name: 'Áp dụng thay đổi đã chọn (1)' }).click();
	await expect(p.getByRole('group', { name: 'Xác nhận' })).toContainText('1 học sinh rời trường được giữ nguyên điểm và lịch sử');
	await shoot(p, 'csdl-confirm');
	await p.getByRole('button', { name: 'Xác nhận áp dụng' }).click();
	await expect(p.getByRole('status').filter({ hasText: 'Đã áp dụng 1 thay đổi' })).toContainText('1 thay đổi chưa chọn');

	await p.getByRole('button', { name: 'Kiểm tra tệp', exact: true }).click();
	await expect(p.getByText('1 có thay đổi')).toBeVisible();
	await expect(p.getByRole('row').filter({ hasText: roster[0]!.fullName })).toHaveCount(0);
	await shoot(p, 'csdl-second-preview');
	// Results for upload: one class's year file; its row then shows the export.
	const results = p.locator('section', { has: p.getByRole('heading', { name: 'Xuất kết quả học tập để nộp lên CSDL ngành' }) });
	const download = p.waitForEvent('download');
	await results.getByRole('row').filter({ hasText: '6A1' }).getByRole('link', { name: 'Cả năm' }).click();
	expect((await download).suggestedFilename()).toBe('ket-qua-csdl-6a1-2025-2026-ca-nam-mau-2026.xlsx');
	await p.reload();
	await expect(results.getByRole('row').filter({ hasText: '6A1' })).toContainText('Xong');
	const status = p.locator('section', { has: p.getByRole('heading', { name: 'Tình trạng trao đổi' }) });
	await expect(status.getByRole('row').filter({ hasText: 'Nhập danh sách học sinh' })).toHaveCount(2);
	await shoot(p, 'csdl-status');
	await context.close();
});
