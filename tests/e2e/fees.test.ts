import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTANT, DEMO_FEE_ACCOUNT } from '../../scripts/demo/demo-accountant';
import { ACCOUNTANT_LABEL } from '../../scripts/demo/demo-citizens';
import { generateDemoSchool } from '../../scripts/demo/demo-school';
import { buildPurpose, vietQrPayload } from '../../src/lib/domain/fees/vietqr';
import { dueReference } from '../../src/lib/server/fees/dues';
import { purposeOf } from '../../src/lib/server/fees/guardian';
import { demoPeople, signedInContext } from './helpers';
import { expectQr } from './qr';

/**
 * Fees as the people live them (server SPEC FA1, FA5, FA8, FA13–FA14): the accountant creates an
 * item and generates September's dues; a parent sees the amount and a QR code whose decoded payload
 * (zxing-wasm's reader, a real decoder) is exactly the expected VietQR; the accountant imports a
 * bank statement paying it; the parent's open page shows "Đã thanh toán" and the receipt.
 */

const SHOTS = process.env.FEES_SCREENSHOTS;

test('the accountant generates dues, a parent pays by VietQR, reconciliation shows it paid', async ({ browser }) => {
	test.setTimeout(240_000);
	const demo = generateDemoSchool();
	const staffIds = new Set(demo.staff.map((s) => s.personId));
	const links = (guardianId: string) => demo.guardianships.filter((g) => g.guardianId === guardianId);
	const link = demo.guardianships.find((g) => g.verification === 'school-checked' && links(g.guardianId).length === 1 && !staffIds.has(g.guardianId))!;
	const guardian = demo.people.find((p) => p.id === link.guardianId)!;
	const scope = { school: demo.school.code, year: demo.schoolYear.code };
	const due = { studentId: link.studentId, itemCode: 'BANTRU', period: '2025-09' };
	const reference = dueReference(scope, due);
	const expectedPayload = vietQrPayload({ bankBin: DEMO_FEE_ACCOUNT.bankBin, accountNumber: DEMO_FEE_ACCOUNT.accountNumber, amount: 1_250_000, purpose: purposeOf(due), reference });

	// The accountant: an item, a preview, the confirmation.
	const { context: accountantContext, page: accountant } = await signedInContext(browser, DEMO_ACCOUNTANT.citizenId);
	expect((await demoPeople(accountant)).some((p) => p.roles.includes(ACCOUNTANT_LABEL))).toBe(true);
	await accountant.setViewportSize({ width: 1366, height: 768 });
	await accountant.getByRole('link', { name: 'Học phí, khoản thu' }).click();
	// The form is folded once the school has items (fees-pages.test.ts may have added one first).
	const addItem = accountant.locator('details').filter({ has: accountant.getByText('Thêm khoản thu', { exact: true }) });
	if ((await addItem.getAttribute('open')) === null) await addItem.getByText('Thêm khoản thu', { exact: true }).click();
	await accountant.getByLabel('Mã', { exact: true }).fill('BANTRU');
	await accountant.getByLabel('Tên', { exact: true }).fill('Tiền ăn bán trú');
	await accountant.getByLabel('Căn cứ thu').fill('Nghị quyết mẫu của HĐND thành phố');
	await accountant.getByLabel('Số tiền (đồng)').fill('1.250.000');
	await accountant.getByRole('button', { name: 'Tạo khoản thu' }).click();
	await expect(accountant.getByRole('status')).toContainText('Đã tạo khoản thu BANTRU');
	await accountant.getByLabel('Tháng 9/2025').check();
	await accountant.getByRole('button', { name: 'Xem trước' }).click();
	await expect(accountant.getByRole('heading', { name: 'Xem trước' })).toBeVisible();
	// One due per student enrolled now: the demo's, and any an earlier import added (csdl-import.test.ts).
	const preview = accountant.getByText(/^\d+ khoản mới/);
	await expect(preview).toBeVisible();
	const generated = Number((await preview.textContent())!.match(/^(\d+)/)![1]);
	expect(generated).toBeGreaterThanOrEqual(demo.students.length);
	expect(generated).toBeLessThanOrEqual(demo.students.length + 10);
	if (SHOTS) await accountant.screenshot({ path: `${SHOTS}/fees-generate-1366.png`, fullPage: true });
	await accountant.getByRole('button', { name: 'Xác nhận tạo khoản thu' }).click();
	await accountant.getByRole('dialog').getByRole('button', { name: 'Tạo khoản thu' }).click();
	await expect(accountant.getByRole('status')).toContainText(`${generated} khoản mới`);

	// The parent: the amount, the due date, and the QR decoded to exactly the expected payload.
	const { context: parentContext, page: parent } = await signedInContext(browser, guardian.citizenId, 'guardian');
	await parent.setViewportSize({ width: 390, height: 844 });
	await expect(parent).toHaveURL(new RegExp(`/con/${link.studentId}$`));
	const section = parent.locator('section.fees');
	const item = section.locator(`li[data-due="${reference}"]`);
	await expect(item).toContainText('1.250.000');
	await expect(item).toContainText('Hạn nộp 16/09/2025');
	await expectQr(item.getByRole('img', { name: /Mã VietQR/ }), expectedPayload);
	await expect(item).toContainText(buildPurpose(purposeOf(due), reference));
	if (SHOTS) await section.screenshot({ path: `${SHOTS}/fees-guardian-390.png` });

	// The accountant imports the bank's statement (.csv); the credit names the reference in lower case.
	await accountant.goto('/quan-ly/hoc-phi/doi-soat');
	const statement = ['Ngày giao dịch,Số tiền ghi có,Nội dung,Mã giao dịch', `15/09/2025,"1.250.000",CK ${reference.toLowerCase()} ban tru,FT25258001`, '15/09/2025,"300.000",ung ho,FT25258002'].join('\n');
	await accountant.getByLabel('Tệp sao kê').setInputFiles({ name: 'sao-ke.csv', mimeType: 'text/csv', buffer: Buffer.from(statement, 'utf8') });
	await accountant.getByRole('button', { name: 'Nhập và đối soát' }).click();
	await expect(accountant.getByRole('heading', { name: /Kết quả đối soát/ })).toBeVisible();
	await expect(accountant.locator('section[aria-labelledby="result-title"] p[role="status"]')).toContainText('1 khớp đủ');
	await expect(accountant.locator('section[aria-labelledby="decide-title"]')).toContainText('FT25258002');
	if (SHOTS) await accountant.screenshot({ path: `${SHOTS}/fees-reconcile-1366.png`, fullPage: true });

	// The parent's page, left open, shows it paid (it asks again every few seconds) and the receipt.
	await expect(item.getByText('Đã thanh toán')).toBeVisible({ timeout: 20_000 });
	await expect(item.getByRole('img', { name: /Mã VietQR/ })).toHaveCount(0);
	const receipt = section.getByRole('link', { name: /Biên lai .* 1\.250\.000/ });
	await expect(receipt).toBeVisible();
	const download = await parent.request.get((await receipt.getAttribute('href'))!);
	expect(download.headers()['content-type']).toBe('application/pdf');
	expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
	if (SHOTS) await section.screenshot({ path: `${SHOTS}/fees-guardian-paid-390.png` });

	await accountant.goto('/quan-ly/hoc-phi/bao-cao');
	await expect(accountant.getByRole('heading', { name: /Báo cáo thu/ })).toBeVisible();
	// Every other family owes September's meals: the list comes 50 to a page, not 17,000 px long.
	const overdue = accountant.getByRole('region', { name: 'Gia đình còn nợ quá hạn' }).locator('tbody tr');
	await expect(overdue).toHaveCount(50);
	await accountant.getByRole('link', { name: 'Trang sau →' }).click();
	await expect(accountant.getByText(/^Trang 2\//)).toBeVisible();
	await expect(overdue).toHaveCount(50);
	if (SHOTS) await accountant.screenshot({ path: `${SHOTS}/fees-report-1366.png`, fullPage: true });

	await parentContext.close();
	await accountantContext.close();
});
