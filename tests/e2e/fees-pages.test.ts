import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNTANT, DEMO_FEE_ACCOUNT } from '../../scripts/demo/demo-accountant';
import { generateDemoSchool } from '../../scripts/demo/demo-school';
import { samplePayload } from '../../src/lib/domain/fees/account';
import { signedInContext } from './helpers';
import { expectQr } from './qr';

/**
 * The accountant's fee pages (server SPEC FA19, FA20, FA22): the collection account typed wrong,
 * corrected, checked against a sample VietQR (decoded by a real decoder) and saved after a
 * confirmation; a guardian's agreement to an optional item recorded and withdrawn; an exemption
 * recorded and ended from a day. The demo database is shared: the account is put back and the
 * optional item made here owes nothing (no agreement is left), so the other fee tests see the same
 * school.
 */

const SHOTS = process.env.FEES_SCREENSHOTS;

async function saveAccount(page: Page, account: { bankBin: string; accountNumber: string; accountName: string }) {
	await page.getByLabel('Mã BIN ngân hàng').fill(account.bankBin);
	await page.getByLabel('Số tài khoản').fill(account.accountNumber);
	await page.getByLabel('Tên chủ tài khoản').fill(account.accountName);
	await page.getByRole('button', { name: 'Kiểm tra' }).click();
	await expect(page.getByRole('heading', { name: 'Xem trước (chưa lưu)' })).toBeVisible();
	await page.getByRole('button', { name: 'Lưu tài khoản' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Lưu tài khoản' }).click();
	await expect(page.getByRole('status')).toContainText(`Đã lưu tài khoản nhận tiền ${account.accountNumber}`);
}

test('the accountant sets the collection account, records and withdraws an agreement, ends an exemption', async ({ browser }) => {
	test.setTimeout(180_000);
	const student = generateDemoSchool().students[0]!;
	const { context, page } = await signedInContext(browser, DEMO_ACCOUNTANT.citizenId);
	await page.setViewportSize({ width: 390, height: 844 });
	await page.getByRole('link', { name: 'Học phí, khoản thu' }).click();
	await page.getByRole('navigation', { name: 'Học phí, khoản thu' }).getByRole('link', { name: 'Tài khoản nhận tiền' }).click();

	// A BIN one digit short: refused in Vietnamese, what was typed is still there, nothing to save.
	await page.getByLabel('Mã BIN ngân hàng').fill('97041');
	await page.getByLabel('Số tài khoản').fill('1122 3344 55');
	await page.getByLabel('Tên chủ tài khoản').fill('Trường THCS Nguyễn Văn Bé');
	await page.getByRole('button', { name: 'Kiểm tra' }).click();
	await expect(page.getByRole('alert')).toContainText('Mã BIN ngân hàng gồm đúng 6 chữ số');
	await expect(page.getByLabel('Số tài khoản')).toHaveValue('1122 3344 55');
	await expect(page.getByRole('button', { name: 'Lưu tài khoản' })).toHaveCount(0);

	// Corrected: the name as the bank shows it, and a sample code paying exactly this account.
	await page.getByLabel('Mã BIN ngân hàng').fill('970415');
	await page.getByRole('button', { name: 'Kiểm tra' }).click();
	const preview = page.getByRole('region', { name: 'Xem trước (chưa lưu)' });
	await expect(preview).toContainText('TRUONG THCS NGUYEN VAN BE');
	await expect(preview).toContainText('VietinBank');
	await expectQr(preview.getByRole('img'), samplePayload({ bankBin: '970415', accountNumber: '1122334455' }));
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/fees-account-390.png`, fullPage: true });
	// Typing again hides "Lưu" until the next check; cancelling the confirmation saves nothing.
	await page.getByRole('button', { name: 'Lưu tài khoản' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Hủy' }).click();
	await page.getByRole('button', { name: 'Lưu tài khoản' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Lưu tài khoản' }).click();
	await expect(page.getByRole('status')).toContainText('Đã lưu tài khoản nhận tiền 1122334455');
	await page.goto('/quan-ly/hoc-phi');
	await expect(page.getByText('TRUONG THCS NGUYEN VAN BE — số tài khoản 1122334455')).toBeVisible();
	// Put the demo account back for the other fee tests.
	await page.goto('/quan-ly/hoc-phi/tai-khoan');
	await saveAccount(page, DEMO_FEE_ACCOUNT);

	// An optional item, a guardian's agreement (who, how, when), then withdrawn after a confirmation.
	await page.goto('/quan-ly/hoc-phi');
	// The form is open by itself while the year has no item (another fee test may have made one).
	const addItem = page.locator('details').filter({ has: page.getByText('Thêm khoản thu') });
	if (!(await addItem.evaluate((d) => (d as HTMLDetailsElement).open))) await addItem.getByText('Thêm khoản thu').click();
	await page.getByLabel('Mã', { exact: true }).fill('CLBE2E');
	await page.getByLabel('Tên', { exact: true }).fill('Câu lạc bộ thể thao');
	await page.getByLabel('Căn cứ thu').fill('Nghị quyết mẫu của HĐND thành phố');
	await page.getByLabel('Số tiền (đồng)').fill('150.000');
	await page.getByLabel(/Bắt buộc/).uncheck();
	await page.getByRole('button', { name: 'Tạo khoản thu' }).click();
	await expect(page.getByRole('status')).toContainText('Đã tạo khoản thu CLBE2E');
	await page.goto('/quan-ly/hoc-phi/dang-ky');
	await page.getByLabel('Mã học sinh').fill(student.studentCode);
	await page.getByLabel('Khoản tự nguyện').selectOption('CLBE2E');
	await page.getByLabel('Người đồng ý (họ tên, quan hệ)').fill('Nguyễn Thị Lan, mẹ');
	await page.getByLabel('Hình thức').selectOption({ label: 'Phiếu đăng ký có chữ ký' });
	await page.getByRole('button', { name: 'Ghi đồng ý' }).click();
	await expect(page.getByRole('status')).toContainText('Đã ghi Nguyễn Thị Lan, mẹ đồng ý khoản CLBE2E');
	const agreement = page.getByRole('listitem').filter({ hasText: 'CLBE2E' }).filter({ hasText: 'Nguyễn Thị Lan, mẹ' });
	await expect(agreement).toContainText('(Phiếu đăng ký có chữ ký); ghi bởi Phan Thị Ngọc Hân');
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/fees-agreements-390.png`, fullPage: true });
	await agreement.getByRole('button', { name: 'Rút đăng ký' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Rút đăng ký' }).click();
	await expect(page.getByRole('status')).toContainText('Đã ghi rút đăng ký');
	await expect(agreement).toHaveCount(0);

	// An exemption: a reason is required to end it; ended from a day, it moves to the ended list.
	await page.goto('/quan-ly/hoc-phi/mien-giam');
	await page.getByLabel('Mã học sinh').fill(student.studentCode);
	await page.locator('select[name="itemCode"]').selectOption('CLBE2E');
	await page.getByLabel('Diện chính sách').fill('Hộ nghèo');
	await page.getByLabel('Mức giảm (%)').fill('50');
	await page.getByLabel('Giấy tờ đã xem').fill('Giấy chứng nhận hộ nghèo số 9/2025');
	await page.getByRole('button', { name: 'Ghi miễn, giảm' }).click();
	await expect(page.getByRole('status')).toContainText('Đã ghi miễn giảm 50% CLBE2E');
	const exemption = page.getByRole('region', { name: 'Đang áp dụng' }).getByRole('listitem').filter({ hasText: 'CLBE2E' });
	await exemption.locator('summary').click();
	await exemption.getByLabel('Thôi áp dụng từ ngày').fill('2026-01-01');
	await exemption.getByLabel('Lý do').fill('Hết hạn giấy chứng nhận hộ nghèo');
	await exemption.getByRole('button', { name: 'Thôi miễn giảm' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Thôi áp dụng' }).click();
	await expect(page.getByRole('status')).toContainText('Đã thôi miễn giảm từ ngày 01/01/2026');
	await expect(page.getByRole('region', { name: 'Đã thôi áp dụng', exact: true })).toContainText('Hết hạn giấy chứng nhận hộ nghèo');
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/fees-exemptions-390.png`, fullPage: true });
	await context.close();
});
