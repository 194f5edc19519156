import { expect, test, type Page } from '@playwright/test';
import { acceptNoticeIfAsked, signedInContext, simulatorCitizens, syncStatus, type DemoPerson } from './helpers';
import { isDocumentOfKind } from '../../src/lib/ydoc/document-name';

/**
 * Sign-in with VNeID as people live it (issue 3, "Tests", Playwright): through the simulator's
 * page, never a shortcut — a teacher lands on "Lớp của tôi" and opens a gradebook, signs out (at
 * VNeID too), and an unknown citizen is told the school has not registered them.
 */

function masked(personalId: string): string {
	return `${personalId.slice(0, 4)}******${personalId.slice(-2)}`;
}

async function pickCitizen(page: Page, citizen: DemoPerson) {
	await expect(page).toHaveTitle('VNeID (mô phỏng)');
	await page.getByRole('button', { name: new RegExp(`${masked(citizen.personalId).replaceAll('*', '\\*')}\\s*${citizen.name}`) }).click();
}

test('a teacher signs in through VNeID, opens a gradebook and signs out; an unknown citizen is not registered', async ({ page }) => {
	const citizens = await simulatorCitizens(page);
	const teacher = citizens.find((c) => c.roles[0] === 'Giáo viên' && !c.roles.includes('Phụ huynh'))!;
	const stranger = citizens.find((c) => c.roles.length === 0)!;
	expect(teacher && stranger).toBeTruthy();

	await page.goto('/');
	await expect(page).toHaveURL(/\/dang-nhap$/);
	await expect(page.getByText('VNeID (mô phỏng)')).toBeVisible();
	await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
	await pickCitizen(page, teacher);

	await expect(page.getByRole('heading', { name: `Xin chào, ${teacher.name}` })).toBeVisible();
	// "My classes": the classes and subjects the teacher is assigned to.
	await expect(page.getByRole('heading', { name: 'Lớp tôi dạy' })).toBeVisible();
	const firstSubject = page.locator('.class-card li').first();
	const subjectName = (await firstSubject.locator('span').first().textContent())!;
	await firstSubject.getByRole('link', { name: 'HK I', exact: true }).click();
	await expect(page.getByRole('grid')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`${subjectName} — Lớp`);
	await expect(syncStatus(page)).toHaveText('Đã lưu trên máy chủ');

	await page.getByRole('link', { name: '← Lớp của tôi' }).click();
	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	// RP-initiated logout: VNeID asks to confirm, then sends the browser back to the app.
	await expect(page.getByRole('heading', { name: 'Đăng xuất khỏi VNeID (mô phỏng)?' })).toBeVisible();
	await page.getByRole('button', { name: 'Có, đăng xuất' }).click();
	await expect(page).toHaveURL(/\/dang-nhap$/);
	expect((await page.request.get('/api/me')).status()).toBe(401);

	// Signed out at VNeID as well: the citizen list shows again, and someone else can sign in.
	await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
	await pickCitizen(page, stranger);
	await expect(page).toHaveURL(/\/dang-nhap\/khong-thanh-cong$/);
	await expect(page.getByRole('heading', { name: 'Số định danh của bạn chưa được trường nào đăng ký — liên hệ nhà trường' })).toBeVisible();
	await expect(page.getByText(masked(stranger.personalId))).toBeVisible();
	await expect(page.getByText(stranger.personalId)).toHaveCount(0);
	expect((await page.request.get('/api/me')).status()).toBe(401);
});

test('a teacher who is also a parent chooses a role and switches', async ({ browser, page }) => {
	const teacherParent = (await simulatorCitizens(page)).find((c) => c.roles.includes('Giáo viên') && c.roles.includes('Phụ huynh'))!;
	const context = await browser.newContext();
	const own = await context.newPage();
	await own.goto(`/login/vneid?login_hint=${teacherParent.personalId}`);
	await expect(own.getByRole('heading', { name: 'Chọn vai trò' })).toBeVisible();

	await own.getByRole('button', { name: /Phụ huynh/ }).click();
	// Acting as a parent for the first time: the purpose notice first (privacy SPEC PR1).
	await expect(own.getByRole('heading', { name: 'Thông báo về việc xử lý dữ liệu cá nhân của con và của phụ huynh' })).toBeVisible();
	await acceptNoticeIfAsked(own);
	// Then their one verified child's page (parents SPEC PV7).
	await expect(own).toHaveURL(/\/con\/[a-z0-9-]+$/);
	await expect(own.getByTestId('child-page')).toBeVisible();
	const asParent = (await (await own.request.get('/api/me')).json()) as { activeRole: string; documents: Array<{ name: string }> };
	expect(asParent.activeRole).toBe('guardian');
	expect(asParent.documents.filter((d) => isDocumentOfKind(d.name, 'gradebook'))).toEqual([]);

	await own.goto('/chon-vai-tro');
	await own.getByRole('button', { name: /Cán bộ, giáo viên/ }).click();
	await expect(own.getByRole('heading', { name: 'Lớp tôi dạy' })).toBeVisible();
	await context.close();
});

test('a principal adds a teacher, assigns a class, and the teacher signs in with VNeID to it', async ({ browser, page }) => {
	const principal = (await simulatorCitizens(page)).find((c) => c.roles.includes('Hiệu trưởng'))!;
	const { context, page: admin } = await signedInContext(browser, principal.personalId);
	await admin.getByRole('link', { name: 'Quản lý nhân sự' }).click();
	await expect(admin.getByRole('heading', { name: 'Quản lý nhân sự' })).toBeVisible();

	// A new colleague: a valid number the simulator does not know by name (it signs such citizens in anyway).
	const newcomer = { personalId: '036195012345', name: 'Trịnh Thị Mới', birthDate: '1995-04-20' };
	await admin.getByLabel('Họ và tên').fill(newcomer.name);
	await admin.getByLabel('Số định danh cá nhân').fill(newcomer.personalId);
	await admin.getByLabel('Ngày sinh').fill(newcomer.birthDate);
	await admin.getByRole('button', { name: 'Thêm', exact: true }).click();
	await expect(admin.getByRole('status')).toContainText(`Đã thêm giáo viên ${newcomer.name} (0361******45)`);

	const assign = admin.locator('form[action="?/phan-cong"]');
	await assign.getByLabel('Giáo viên').selectOption({ label: newcomer.name });
	await assign.getByLabel('Lớp').selectOption({ label: '7A2' });
	// An elective the class has no gradebook for yet (the demo has only the compulsory subjects):
	// the assignment creates its books for both terms (roster RI16).
	await assign.getByLabel('Môn').selectOption({ label: 'Ngoại ngữ 2' });
	await assign.getByRole('button', { name: 'Phân công' }).click();
	await expect(admin.getByRole('status')).toContainText('Đã phân công giảng dạy. Đã tạo 2 sổ mới của lớp.');
	await expect(admin.getByRole('row', { name: new RegExp(newcomer.name) })).toContainText(/NN2:\s*7A2/);

	const { context: own, page: teacherPage } = await signedInContext(browser, newcomer.personalId);
	await expect(teacherPage.getByRole('heading', { name: `Xin chào, ${newcomer.name}` })).toBeVisible();
	await expect(teacherPage.locator('.class-card', { hasText: 'Lớp 7A2' })).toContainText('Ngoại ngữ 2');
	const book = teacherPage.locator('a[href="/so-diem/gradebook/thcs-nvb/2025-2026/hk1/7a2/ngoai-ngu-2"]');
	await expect(book).toBeVisible();
	// The new book lists the class and takes marks.
	await book.click();
	await expect(teacherPage.getByRole('grid')).toBeVisible();
	await expect(teacherPage.getByTestId('sync-status')).toHaveText('Đã lưu trên máy chủ');
	expect(await teacherPage.locator('tbody tr').count()).toBeGreaterThan(30);
	await teacherPage.screenshot({ path: 'test-results/screens/new-elective-gradebook.png' });
	await teacherPage.goto('/');

	// The first VNeID sign-in marks the colleague verified on the principal's list.
	await admin.reload();
	await expect(admin.getByRole('row', { name: new RegExp(newcomer.name) })).toContainText('VNeID ✓');

	// Disabled: the teacher's session ends at once.
	await admin.getByRole('button', { name: `Vô hiệu hóa ${newcomer.name}` }).click();
	await admin.getByRole('dialog').getByRole('button', { name: 'Vô hiệu hóa', exact: true }).click();
	await expect(admin.getByRole('status')).toContainText('Đã vô hiệu hóa');
	await teacherPage.reload();
	await expect(teacherPage).toHaveURL(/\/dang-nhap$/);
	await own.close();
	await context.close();
});

test('a refused field keeps everything the principal typed and marks that field; a registered name is never shown', async ({ browser, page }) => {
	const citizens = (await simulatorCitizens(page)) as Array<DemoPerson & { birthdate: string }>;
	const principal = citizens.find((c) => c.roles.includes('Hiệu trưởng'))!;
	const parent = citizens.find((c) => c.roles.length === 1 && c.roles[0] === 'Phụ huynh')!;
	const { context, page: admin } = await signedInContext(browser, principal.personalId);
	await admin.goto('/quan-ly/nhan-su');
	const add = admin.locator('form[action="?/them"]');
	const name = add.getByLabel('Họ và tên');
	const number = add.getByLabel('Số định danh cá nhân');
	const born = add.getByLabel('Ngày sinh');
	const submit = () => add.getByRole('button', { name: 'Thêm', exact: true }).click();

	// identity SPEC I16: a zero-width space in the name — the name is marked, nothing typed is lost.
	const newcomer = { personalId: '036196054321', name: 'Lò Văn Mạnh', birthDate: '1996-09-09' };
	await name.fill(`Lò Văn\u200B Mạnh`);
	await number.fill(newcomer.personalId);
	await born.fill(newcomer.birthDate);
	await submit();
	await expect(admin.getByRole('alert')).toContainText('ký tự ẩn');
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await expect(number).not.toHaveAttribute('aria-invalid', 'true');
	await expect(name).toHaveValue(`Lò Văn\u200B Mạnh`);
	await expect(number).toHaveValue(newcomer.personalId);
	await expect(born).toHaveValue(newcomer.birthDate);

	// A date of birth in another year than the number's (I4): the date is marked.
	await name.fill(newcomer.name);
	await born.fill('1997-09-09');
	await submit();
	await expect(admin.getByRole('alert')).toBeVisible();
	await expect(number).toHaveValue(newcomer.personalId);
	await expect(name).toHaveValue(newcomer.name);
	await expect(admin.locator('[aria-invalid="true"]')).toHaveCount(1);

	// I18: a parent's number with another name — one neutral message, the parent's name appears nowhere.
	await name.fill('Nguyễn Văn Giả Danh');
	await number.fill(parent.personalId);
	await born.fill(parent.birthdate);
	await submit();
	await expect(admin.getByRole('alert')).toContainText('không khớp với hồ sơ đã đăng ký');
	await expect(admin.getByText(parent.name)).toHaveCount(0);
	await expect(name).toHaveValue('Nguyễn Văn Giả Danh');
	await expect(number).toHaveValue(parent.personalId);

	// Corrected, it goes through, and the staff log says who did it.
	await name.fill(newcomer.name);
	await number.fill(newcomer.personalId);
	await born.fill(newcomer.birthDate);
	await submit();
	await expect(admin.getByRole('status')).toContainText(`Đã thêm giáo viên ${newcomer.name}`);
	await expect(name).toHaveValue('');
	await expect(admin.locator('.audit li').first()).toContainText(`${principal.name}: Thêm vào trường — ${newcomer.name}`);
	await context.close();
});

test('RI17 RI16 a principal adds a class after a confirmation; a wrong name is refused and kept; assigning a teacher creates the class’s books', async ({ browser, page }) => {
	const citizens = await simulatorCitizens(page);
	const principal = citizens.find((c) => c.roles.includes('Hiệu trưởng'))!;
	const { context, page: admin } = await signedInContext(browser, principal.personalId);
	await admin.goto('/quan-ly/nhan-su');
	const add = admin.locator('form[action="?/them-lop"]');
	const field = add.getByLabel('Tên lớp');

	// Grade 10 is not a lower secondary class: refused with the reason, the name stays in the field.
	await field.fill('10A1');
	await add.getByRole('button', { name: 'Thêm lớp' }).click();
	await admin.getByRole('dialog').getByRole('button', { name: 'Thêm lớp' }).click();
	await expect(admin.getByRole('alert')).toContainText('Trường THCS chỉ có các khối 6, 7, 8 và 9; "10A1" là lớp khối 10.');
	await expect(field).toHaveValue('10A1');
	await expect(field).toHaveAttribute('aria-invalid', 'true');

	// Cancelling the confirmation adds nothing.
	await field.fill('6 a5');
	await add.getByRole('button', { name: 'Thêm lớp' }).click();
	await expect(admin.getByRole('dialog')).toContainText('Thêm lớp 6A5 vào năm học 2025-2026? Lớp đã thêm không xóa được.');
	await admin.getByRole('dialog').getByRole('button', { name: 'Hủy' }).click();
	await expect(admin.locator('form[action="?/phan-cong"]').getByLabel('Lớp').locator('option', { hasText: '6A5' })).toHaveCount(0);

	// Confirmed, the class is there for assignments; its books come with the first one.
	await add.getByRole('button', { name: 'Thêm lớp' }).click();
	await admin.getByRole('dialog').getByRole('button', { name: 'Thêm lớp' }).click();
	await expect(admin.getByRole('status')).toContainText('Đã thêm lớp 6A5 (khối 6) vào năm học 2025-2026.');
	await admin.screenshot({ path: 'test-results/screens/nhan-su-them-lop-1366.png', fullPage: false });
	const assign = admin.locator('form[action="?/phan-cong"]');
	await assign.getByLabel('Giáo viên').selectOption({ label: principal.name });
	await assign.getByLabel('Lớp').selectOption({ label: '6A5' });
	await assign.getByLabel('Môn').selectOption({ label: 'Toán' });
	await assign.getByRole('button', { name: 'Phân công' }).click();
	// Two terms of Toán and the class's two homeroom records.
	await expect(admin.getByRole('status')).toContainText('Đã phân công giảng dạy. Đã tạo 4 sổ mới của lớp.');

	// The same class again is refused.
	await add.getByLabel('Tên lớp').fill('6A5');
	await add.getByRole('button', { name: 'Thêm lớp' }).click();
	await admin.getByRole('dialog').getByRole('button', { name: 'Thêm lớp' }).click();
	await expect(admin.getByRole('alert')).toContainText('Lớp 6A5 đã có trong năm học này.');
	await admin.setViewportSize({ width: 390, height: 844 });
	await add.scrollIntoViewIfNeeded();
	await admin.screenshot({ path: 'test-results/screens/nhan-su-them-lop-390.png', fullPage: false });
	await context.close();
});
