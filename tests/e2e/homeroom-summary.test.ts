import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { demoPeople, type DemoPerson, documentsOf, shoot, signedInContext } from './helpers';
import { formatDocumentName, isDocumentOfKind } from '../../src/lib/ydoc/document-name';

/**
 * The homeroom view as a homeroom teacher (GVCN) lives it: from the home page to the class
 * summary, switching between the year and a term, reading the counts and the histograms,
 * downloading the Excel file; entering conduct and absences (có phép, không phép) with the keyboard
 * and seeing them and their total in the summary. A subject teacher of the class is refused the summary.
 */

async function homeroomTeacher(baseURL: string, people: DemoPerson[]) {
	// Demo labels say "Chủ nhiệm 8A2"; the documents each person may write confirm it.
	const candidates = people.filter((p) => p.roles.some((r) => r.startsWith('Chủ nhiệm')));
	for (const person of candidates.length > 0 ? candidates : people) {
		const doc = (await documentsOf(baseURL, person.personalId)).find((d) => d.access === 'write' && isDocumentOfKind(d.name, 'homeroom'));
		if (doc) {
			const [, school, year, , classCode] = doc.name.split('/') as [string, string, string, string, string];
			return { person, school, year, classCode };
		}
	}
	throw new Error('the demo school has no homeroom teacher');
}

/** A teacher who reads that class's homeroom document (teaches the class) but is not its GVCN. */
async function subjectTeacherOf(baseURL: string, people: DemoPerson[], homeroomDocument: string, except: string) {
	for (const person of people.filter((p) => p.personalId !== except && p.roles.includes('Giáo viên') && !p.roles.some((r) => /Hiệu trưởng|Phó hiệu trưởng/.test(r)))) {
		const docs = await documentsOf(baseURL, person.personalId);
		if (docs.some((d) => d.name === homeroomDocument && d.access === 'read')) return person;
	}
	throw new Error('the class has no other subject teacher');
}

test('the homeroom teacher opens the class summary, switches term, reads counts and histograms, downloads the xlsx', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const { person, school, year, classCode } = await homeroomTeacher(baseURL!, people);
	const gvcn = await signedInContext(browser, person.personalId);
	const home = gvcn.page;

	// From the home page: "Lớp chủ nhiệm" → the year summary.
	const card = home.getByRole('region', { name: /Lớp chủ nhiệm/ });
	await expect(card).toBeVisible();
	await card.getByRole('link', { name: 'Cả năm' }).click();
	await expect(home).toHaveURL(`/lop/${school}/${year}/${classCode}/tong-ket?ky=ca-nam`);
	await expect(home.getByRole('heading', { level: 1 })).toHaveText(/^Tổng kết lớp \S+ — Cả năm học$/);

	// Counts: every promotion path and both awards exist in the demo class.
	const promotion = home.getByTestId('counts-promotion');
	for (const path of ['Lên lớp', 'Rèn luyện trong hè', 'Kiểm tra lại', 'Ở lại lớp']) {
		await expect(promotion.getByRole('listitem').filter({ hasText: path }).locator('.num')).not.toHaveText('0');
	}
	const award = home.getByTestId('counts-award');
	await expect(award.getByRole('listitem').filter({ hasText: 'Học sinh Xuất sắc' }).locator('.num')).not.toHaveText('0');
	await expect(award.getByRole('listitem').filter({ hasText: 'Học sinh Giỏi' }).locator('.num')).not.toHaveText('0');
	// Term II is not complete yet: a few students are not classified, and the reason is shown.
	await expect(home.getByRole('heading', { name: 'Chưa xếp loại được' })).toBeVisible();

	// One histogram per scored subject, drawn by Chart.js (it sizes the canvas when it draws).
	const charts = home.getByTestId('histogram');
	await expect(charts).toHaveCount(8);
	await expect(charts.first().locator('canvas')).toHaveAttribute('style', /box-sizing/);
	await expect(charts.first().getByRole('img')).toHaveAttribute('aria-label', /Phân bố điểm trung bình môn Ngữ văn: < 3,5: \d+/);
	await shoot(home, 'tong-ket-ca-nam');

	// Switch to term I: complete, so every student is classified; no year-only columns.
	await home.getByRole('navigation', { name: 'Kì tổng kết' }).getByRole('link', { name: 'HK I', exact: true }).click();
	await expect(home).toHaveURL(/\?ky=hk1$/);
	await expect(home.getByRole('heading', { level: 1 })).toHaveText(/— Học kì I$/);
	await expect(home.getByTestId('counts-academic').getByRole('listitem').filter({ hasText: 'Chưa xếp loại' }).locator('.num')).toHaveText('0');
	await expect(home.getByTestId('counts-promotion')).toHaveCount(0);
	await expect(charts).toHaveCount(8);
	await expect(charts.first().locator('canvas')).toHaveAttribute('style', /box-sizing/);
	await shoot(home, 'tong-ket-hk1');

	// The Excel file: a real workbook with Vietnamese headers and one row per student.
	const rows = await home.locator('table.summary tbody tr').count();
	const [download] = await Promise.all([home.waitForEvent('download'), home.getByRole('link', { name: /Tải bảng Excel/ }).click()]);
	expect(download.suggestedFilename()).toBe(`tong-ket-${classCode}-${year}-hk1.xlsx`);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.readFile(await download.path());
	expect(workbook.worksheets.map((s) => s.name)).toEqual(['Tổng kết', 'Thống kê']);
	const sheet = workbook.getWorksheet('Tổng kết')!;
	expect((sheet.getRow(4).values as unknown[]).slice(1, 4)).toEqual(['STT', 'Mã học sinh', 'Họ và tên']);
	let students = 0;
	sheet.eachRow((row, index) => {
		if (index > 4 && typeof row.getCell(1).value === 'number') students++;
	});
	expect(students).toBe(rows);

	await gvcn.context.close();
});

test('the homeroom teacher enters conduct and absences có phép / không phép with the keyboard; the summary shows both and the total; a subject teacher gets 403', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const { person, school, year, classCode } = await homeroomTeacher(baseURL!, people);
	const gvcn = await signedInContext(browser, person.personalId);
	const p = gvcn.page;

	await p.getByRole('region', { name: /Lớp chủ nhiệm/ }).getByRole('link', { name: 'HK II' }).first().click();
	await expect(p).toHaveURL(`/lop/${school}/${year}/${classCode}/chu-nhiem/hk2`);
	await expect(p.getByTestId('sync-status')).toHaveText('Đã lưu trên máy chủ');
	const firstName = (await p.locator('tbody tr th.name').first().textContent())!.trim();

	// Conduct column: type, Enter saves and moves down; a typo is refused and says why.
	const conduct = (row: number) => p.locator(`[data-hr-cell="${row}:conduct"]`);
	await conduct(0).click();
	await p.keyboard.press('Control+A');
	await p.keyboard.type('k');
	await p.keyboard.press('Enter');
	await expect(conduct(1)).toBeFocused();
	await expect(conduct(0)).toHaveValue('Khá');
	await p.keyboard.press('Control+A');
	await p.keyboard.type('giỏi');
	await p.keyboard.press('Enter');
	await expect(p.getByRole('alert')).toContainText('T (Tốt), K (Khá), Đ (Đạt) hoặc CĐ (Chưa đạt)');
	await p.keyboard.press('Escape');
	await expect(p.getByRole('alert')).toHaveCount(0);

	// Absences, có phép and không phép apart: 10 + 37 = 47 sessions this term for the first student.
	const cell = (row: number, column: string) => p.locator(`[data-hr-cell="${row}:${column}"]`);
	const total = (row: number) => p.locator(`[data-hr-total="${row}"] .total`);
	await cell(0, 'absencesExcused').click();
	await p.keyboard.press('Control+A');
	await p.keyboard.type('10');
	await p.keyboard.press('Tab');
	await expect(cell(0, 'absencesUnexcused')).toBeFocused();
	await p.keyboard.press('Control+A');
	await p.keyboard.type('2,5');
	await p.keyboard.press('Enter');
	await expect(p.getByRole('alert')).toContainText('Số buổi nghỉ không phép phải là một số nguyên không âm');
	await p.keyboard.press('Control+A');
	await p.keyboard.type('37');
	await p.keyboard.press('Enter');
	await expect(p.getByRole('alert')).toHaveCount(0);
	await expect(cell(0, 'absencesExcused')).toHaveValue('10');
	await expect(cell(0, 'absencesUnexcused')).toHaveValue('37');
	await expect(total(0)).toHaveText('47');
	const status = p.getByTestId('sync-status');
	await expect(status).toHaveText('Đã lưu trên máy chủ');
	await shoot(p, 'chu-nhiem-hk2');

	// Offline, like the gradebook: the entry stays on the device, survives a reload, reaches the server later.
	await gvcn.context.setOffline(true);
	await expect(status).toHaveAttribute('data-status', 'offline');
	const thirdExcused = Number(await cell(2, 'absencesExcused').inputValue());
	await cell(2, 'absencesUnexcused').click();
	await p.keyboard.press('Control+A');
	await p.keyboard.type('5');
	await p.keyboard.press('Enter');
	await expect(status).toHaveText('Ngoại tuyến — 1 thay đổi đã lưu trên thiết bị này');
	await expect(total(2)).toHaveText(String(thirdExcused + 5));
	await p.reload();
	await expect(cell(2, 'absencesUnexcused')).toHaveValue('5');
	await gvcn.context.setOffline(false);
	await expect(status).toHaveText('Đã lưu trên máy chủ', { timeout: 20_000 });

	// The summary reads the projection: có phép, không phép and their total; HK II conduct Khá;
	// for the year, over 45 sessions in total → Ở lại lớp.
	await p.goto(`/lop/${school}/${year}/${classCode}/tong-ket?ky=hk2`);
	const thirdRow = p.locator('table.summary tbody tr').nth(2);
	await expect(thirdRow.locator('[data-col=absences-unexcused]')).toHaveText('5');
	await expect(thirdRow.locator('[data-col=absences]')).toHaveText(String(thirdExcused + 5));
	const row = p.locator('table.summary tbody tr').filter({ has: p.getByRole('rowheader', { name: firstName, exact: true }) });
	await expect(row.locator('[data-col=conduct]')).toHaveText('Khá');
	await expect(row.locator('[data-col=absences-excused]')).toHaveText('10');
	await expect(row.locator('[data-col=absences-unexcused]')).toHaveText('37');
	await expect(row.locator('[data-col=absences]')).toHaveText('47');
	await expect(p.getByRole('columnheader', { name: 'Nghỉ có phép' })).toBeVisible();
	await expect(p.getByRole('columnheader', { name: 'Nghỉ không phép' })).toBeVisible();
	await expect(p.getByRole('columnheader', { name: 'Tổng nghỉ' })).toBeVisible();
	await p.goto(`/lop/${school}/${year}/${classCode}/tong-ket?ky=ca-nam`);
	const yearExcused = Number(await row.locator('[data-col=absences-excused]').textContent());
	const yearUnexcused = Number(await row.locator('[data-col=absences-unexcused]').textContent());
	expect(yearUnexcused).toBeGreaterThanOrEqual(37);
	await expect(row.locator('[data-col=absences]')).toHaveText(String(yearExcused + yearUnexcused));
	await expect(row.locator('[data-col=promotion]')).toHaveText('Ở lại lớp');

	// A subject teacher of the class reads its homeroom document but not the class summary.
	const teacher = await subjectTeacherOf(baseURL!, people, formatDocumentName({ kind: 'homeroom', school, year, term: 'hk2', classCode }), person.personalId);
	const other = await signedInContext(browser, teacher.personalId);
	const response = await other.page.goto(`/lop/${school}/${year}/${classCode}/tong-ket?ky=ca-nam`);
	expect(response?.status()).toBe(403);
	await expect(other.page.getByText('Chỉ giáo viên chủ nhiệm của lớp và ban giám hiệu')).toBeVisible();
	const file = await other.page.request.get(`/lop/${school}/${year}/${classCode}/tong-ket.xlsx?ky=hk1`);
	expect(file.status()).toBe(403);

	await gvcn.context.close();
	await other.context.close();
});
