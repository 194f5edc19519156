import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { generateDemoSchool } from '../../scripts/demo/demo-school';
import { encodeCitizenId } from '../../src/lib/domain/identity/citizen-id';
import { studentExport } from '../fixtures/csdl-export';
import { staffExport, type ExportStaff } from '../fixtures/csdl-staff-export';
import { cell, shoot, signedInContext } from './helpers';

/**
 * Issue 14 in the browser, the parts after the student import: the principal previews and confirms
 * a staff export (a teacher who joined, then the same teacher gone from a later export: left), sees
 * both on the status section; and a student whose leaving was confirmed shows on the class's
 * gradebook as left — greyed, labelled with the date — and read-only for the subject teacher, on
 * a page that was open when the leaving was confirmed too (no reload), where undo of a mark entered
 * before says why it keeps the mark instead of losing the connection.
 */

const demo = generateDemoSchool();
const people = new Map(demo.people.map((p) => [p.id, p]));
const principal = people.get(demo.staff.find((s) => s.position === 'principal')!.personId)!;
const ddmm = (iso: string) => iso.split('-').reverse().join('/');

test('the principal previews a CSDL ngành staff export and confirms who joined, then who left', async ({ browser }, testInfo) => {
	test.setTimeout(180_000);
	const current: ExportStaff[] = demo.staff.map((s) => {
		const p = people.get(s.personId)!;
		return { personalId: p.citizenId, fullName: p.fullName, birthDate: ddmm(p.dateOfBirth), position: s.positionTitle === 'Giáo viên' ? 'Giáo viên THCS' : s.positionTitle };
	});
	const joining: ExportStaff = { personalId: encodeCitizenId({ province: '079', sex: 'female', birthYear: 1994, serial: 987_001 }), fullName: 'Trịnh Thị Mới', birthDate: '12/05/1994', position: 'Giáo viên THCS', positionGroup: 'Giáo viên', subjects: 'Khoa học tự nhiên' };
	const firstPath = testInfo.outputPath('can-bo.xls');
	writeFileSync(firstPath, staffExport([...current, joining], 'b', 'xls'));
	const laterPath = testInfo.outputPath('can-bo-moi.xlsx');
	writeFileSync(laterPath, staffExport(current, 'a', 'xlsx'));

	const { context, page: p } = await signedInContext(browser, principal.citizenId);
	await p.goto('/quan-ly/csdl-nganh');
	const staff = p.locator('section', { has: p.getByRole('heading', { name: 'Nhập danh sách cán bộ, giáo viên từ CSDL ngành' }) });
	await staff.getByLabel('Tệp danh sách cán bộ').setInputFiles(firstPath);
	await staff.getByRole('button', { name: 'Kiểm tra tệp cán bộ' }).click();
	const joined = staff.getByRole('row').filter({ hasText: joining.fullName });
	await expect(joined).toContainText('Mới về trường');
	// The jobs of the others are recorded too; here only the newcomer is applied.
	await staff.getByRole('checkbox', { name: 'Chọn tất cả cán bộ' }).uncheck();
	await joined.getByRole('checkbox').check();
	await shoot(p, 'csdl-staff-preview');
	await staff.getByRole('button', { name: 'Áp dụng thay đổi cán bộ đã chọn (1)' }).click();
	await staff.getByRole('button', { name: 'Xác nhận áp dụng' }).click();
	await expect(staff.getByRole('status').filter({ hasText: 'Đã áp dụng 1 thay đổi về cán bộ' })).toBeVisible();

	await staff.getByLabel('Tệp danh sách cán bộ').setInputFiles(laterPath);
	await staff.getByRole('button', { name: 'Kiểm tra tệp cán bộ' }).click();
	const left = staff.getByRole('row').filter({ hasText: joining.fullName });
	await expect(left).toContainText('Rời trường');
	await staff.getByRole('checkbox', { name: 'Chọn tất cả cán bộ' }).uncheck();
	await left.getByRole('checkbox').check();
	await staff.getByRole('button', { name: 'Áp dụng thay đổi cán bộ đã chọn (1)' }).click();
	await expect(staff.getByRole('group', { name: 'Xác nhận thay đổi cán bộ' })).toContainText('1 người rời trường sẽ thôi mọi vai trò');
	await shoot(p, 'csdl-staff-confirm');
	await staff.getByRole('button', { name: 'Xác nhận áp dụng' }).click();
	await expect(staff.getByRole('status').filter({ hasText: 'Đã áp dụng 1 thay đổi về cán bộ' })).toBeVisible();

	const status = p.locator('section', { has: p.getByRole('heading', { name: 'Tình trạng trao đổi' }) });
	await expect(status.getByRole('row').filter({ hasText: 'Nhập danh sách cán bộ' })).toHaveCount(2);
	await context.close();
});

test('a student whose leaving was confirmed shows as left on the gradebook, read-only', async ({ browser }, testInfo) => {
	test.setTimeout(180_000);
	const klass = '8a3';
	const student = demo.students.filter((s) => s.classCode === klass).at(-1)!;
	const person = people.get(student.personId)!;
	const className = demo.classes.find((c) => c.code === klass)!.name;
	const path = testInfo.outputPath('hoc-sinh-chuyen-di.xlsx');
	writeFileSync(
		path,
		studentExport([{ moetCode: student.studentCode, fullName: person.fullName, birthDate: ddmm(person.dateOfBirth), gender: person.sex === 'female' ? 'Nữ' : 'Nam', personalId: person.citizenId, className, status: 'Chuyển đi', statusDate: '20/11/2025' }], 'v1', 'xlsx')
	);

	// The subject teacher has the book open and has just entered a mark for the student.
	const assignment = demo.teachingAssignments.find((a) => a.classCode === klass && a.subjectCode === 'toan')!;
	const teacher = people.get(assignment.teacherId)!;
	const t = await signedInContext(browser, teacher.citizenId);
	await t.page.goto(`/so-diem/gradebook/${demo.school.code}/${demo.schoolYear.code}/hk1/${klass}/toan`);
	// A busy machine: the gradebook syncs before the grid shows.
	await expect(t.page.getByRole('grid')).toBeVisible({ timeout: 30_000 });
	await expect(t.page.getByTestId('sync-status')).toHaveText('Đã lưu trên máy chủ');
	const tx4 = cell(t.page, student.personId, 'tx4');
	const mark = (await tx4.textContent())!.trim() === '6' ? '5' : '6';
	await tx4.click();
	await t.page.keyboard.type(mark);
	await t.page.keyboard.press('Enter');
	await expect(tx4).toHaveText(mark);
	await expect(t.page.getByTestId('sync-status')).toHaveText('Đã lưu trên máy chủ');

	// The principal confirms the leaving meanwhile.
	const leader = await signedInContext(browser, principal.citizenId);
	const p = leader.page;
	await p.goto('/quan-ly/csdl-nganh');
	await p.getByLabel('Tệp danh sách học sinh').setInputFiles(path);
	await p.getByRole('button', { name: 'Kiểm tra tệp', exact: true }).click();
	await expect(p.getByRole('row').filter({ hasText: person.fullName })).toContainText('Rời trường');
	await p.getByRole('button', { name: 'Áp dụng thay đổi đã chọn (1)' }).click();
	await p.getByRole('button', { name: 'Xác nhận áp dụng' }).click();
	await expect(p.getByRole('status').filter({ hasText: 'Đã áp dụng 1 thay đổi' })).toBeVisible();
	await leader.context.close();

	// The open page learns it without a reload: the row is labelled and read-only.
	const row = t.page.getByRole('row').filter({ hasText: person.fullName });
	await expect(row).toContainText('Đã chuyển đi 20/11/2025');
	await expect(tx4).toHaveAttribute('aria-readonly', 'true');
	// Undo of the mark entered before the student left keeps it and says why; the connection stays.
	await t.page.getByRole('grid').focus();
	await t.page.keyboard.press('Control+z');
	await expect(t.page.getByText('Không hoàn tác được: 1 ô của học sinh đã rời lớp được giữ nguyên (chỉ xem được).')).toBeVisible();
	await expect(tx4).toHaveText(mark);
	await expect(t.page.getByTestId('sync-status')).toHaveText('Đã lưu trên máy chủ');

	// After a reload too: typing is refused next to the cell.
	await t.page.reload();
	await expect(t.page.getByRole('grid')).toBeVisible({ timeout: 30_000 });
	await expect(row).toContainText('Đã chuyển đi 20/11/2025');
	const before = (await cell(t.page, student.personId, 'tx1').textContent())!.trim();
	await expect(cell(t.page, student.personId, 'tx1')).toHaveAttribute('aria-readonly', 'true');
	await cell(t.page, student.personId, 'tx1').click();
	await t.page.keyboard.type('7');
	await expect(t.page.getByText(`${person.fullName}: Đã chuyển đi 20/11/2025. Điểm và nhận xét được giữ nguyên, chỉ xem được.`)).toBeVisible();
	await t.page.keyboard.press('Enter');
	await expect(cell(t.page, student.personId, 'tx1')).toHaveText(before);
	// The phone shows one student's card at a time: pick the student who left; the laptop scrolls to the row.
	await shoot(t.page, 'gradebook-left-student', {
		show: async (width) => {
			if (width < 600) {
				const picker = t.page.getByLabel('Chọn học sinh');
				const option = picker.locator('option').filter({ hasText: person.fullName });
				await picker.selectOption((await option.getAttribute('value'))!);
				await expect(t.page.locator(`article[data-student="${student.personId}"]`)).toContainText('Đã chuyển đi 20/11/2025');
				await expect(t.page.locator(`article[data-student="${student.personId}"] textarea`)).toHaveAttribute('readonly', '');
			} else {
				await t.page.getByRole('button', { name: 'Bảng' }).click();
				await cell(t.page, student.personId, 'tx1').scrollIntoViewIfNeeded();
			}
		}
	});
	await t.context.close();

	// The homeroom teacher's record of the class: the row is kept, greyed, read-only.
	const homeroomTeacher = people.get(demo.classes.find((c) => c.code === klass)!.homeroomTeacherId)!;
	const h = await signedInContext(browser, homeroomTeacher.citizenId);
	await h.page.goto(`/lop/${demo.school.code}/${demo.schoolYear.code}/${klass}/chu-nhiem/hk1`);
	const record = h.page.locator(`tr[data-student="${student.personId}"]`);
	await expect(record).toContainText('Đã chuyển đi 20/11/2025 — chỉ xem');
	await expect(record.getByLabel(`Rèn luyện — ${person.fullName}`, { exact: true })).toHaveAttribute('readonly', '');
	await expect(h.page.getByText(/Đã xếp loại rèn luyện \d+\/\d+ học sinh \(không tính 1 học sinh đã rời lớp\)/)).toBeVisible();
	await shoot(h.page, 'homeroom-left-student', { fullPage: false, show: () => record.scrollIntoViewIfNeeded() });
	await h.context.close();
});
