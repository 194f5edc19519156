import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { type DemoPerson, shoot, signedInContext, simulatorCitizens } from './helpers';

/**
 * Privacy built in, as people live it (privacy SPEC PR1, PR4, PR7, PR9–PR12): a parent signs in
 * through the VNeID simulator's page, reads the purpose notice and accepts it, sees in "Ai đã xem"
 * that the homeroom teacher opened the class summary, and downloads everything held about the
 * child; the principal reads the school's access log, filtered by the class.
 */

function masked(personalId: string): string {
	return `${personalId.slice(0, 4)}******${personalId.slice(-2)}`;
}

/**
 * A parent (nothing else) with a verified link, found the way the school finds it: on the
 * principal's verification desk (school-checked links), matched by masked number and name.
 */
async function parentWithVerifiedChild(desk: Page, citizens: DemoPerson[]): Promise<{ parent: DemoPerson; child: string; childName: string; className: string }> {
	await desk.goto('/quan-ly/xac-minh-phu-huynh?trang-thai=school_checked');
	const rows = await desk.locator('tbody tr').evaluateAll((trs) =>
		trs.map((tr) => {
			const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
			return { className: cells[0] ?? '', childName: cells[1] ?? '', guardian: cells[2] ?? '', masked: cells[4] ?? '', href: tr.querySelector('a[href^="/quan-ly/xac-minh-phu-huynh/"]')?.getAttribute('href') ?? '' };
		})
	);
	// From the end of the list: other tests sign in the first parents (and accept the notice for them),
	// while this one must meet a parent who has never seen it.
	for (const parent of citizens.filter((c) => c.roles.length === 1 && c.roles[0] === 'Phụ huynh').reverse()) {
		const row = rows.find((r) => r.masked === masked(parent.personalId) && r.guardian.startsWith(parent.name) && r.href);
		if (row) return { parent, child: row.href.split('/').pop()!, childName: row.childName, className: row.className };
	}
	throw new Error('no parent-only citizen with a school-checked link on the desk');
}

test('a parent accepts the notice, sees who viewed their child and downloads the export; the principal reads the log', async ({ browser, page }) => {
	test.setTimeout(180_000);
	const citizens = await simulatorCitizens(page);
	const principal = citizens.find((c) => c.roles.includes('Hiệu trưởng'))!;
	const asPrincipal = await signedInContext(browser, principal.personalId, 'staff');
	const { parent, child, childName, className } = await parentWithVerifiedChild(asPrincipal.page, citizens);

	// Sign-in through the simulator's page; the first page is the purpose notice.
	const parentContext = await browser.newContext();
	const own = await parentContext.newPage();
	await own.goto('/dang-nhap');
	await own.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
	await expect(own).toHaveTitle('VNeID (mô phỏng)');
	// The simulator's page: the parent types their number (parents are folded into long groups there).
	await own.getByLabel('Số định danh cá nhân (12 chữ số)').fill(parent.personalId);
	await own.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(own).toHaveURL(/\/dong-y$/);
	await expect(own.getByRole('heading', { name: 'Thông báo về việc xử lý dữ liệu cá nhân của con và của phụ huynh' })).toBeVisible();
	for (const heading of ['Dữ liệu nào được xử lý', 'Để làm gì', 'Ai được xem', 'Lưu trong bao lâu', 'Quyền của phụ huynh', 'Liên hệ']) {
		await expect(own.getByRole('heading', { name: heading })).toBeVisible();
	}
	await shoot(own, 'dong-y');
	// Nothing of the child opens before accepting.
	await own.goto(`/con/${child}/ai-da-xem`);
	await expect(own).toHaveURL(/\/dong-y$/);
	await own.getByRole('button', { name: 'Tôi đồng ý' }).click();
	// Past the notice: the home page, or with one verified child that child's page (parents SPEC PV7).
	await expect(own).not.toHaveURL(/\/dong-y$/);
	await expect(own.getByText(`Xin chào, ${parent.name}`).first()).toBeVisible();

	// The notice page, once accepted, leads to the child's data.
	await own.goto('/dong-y');
	await expect(own.getByRole('status')).toContainText('Bạn đã đồng ý với phiên bản này');
	await expect(own.getByRole('link', { name: `Ai đã xem dữ liệu của ${childName}` })).toHaveAttribute('href', `/con/${child}/ai-da-xem`);

	// Earlier: the class's homeroom teacher opens the class summary.
	const teacher = citizens.find((c) => c.roles.includes(`Chủ nhiệm ${className}`) && !c.roles.some((r) => /hiệu trưởng/i.test(r)))!;
	expect(teacher, `a homeroom teacher of ${className}`).toBeTruthy();
	const asTeacher = await signedInContext(browser, teacher.personalId, 'staff');
	await asTeacher.page.locator(`a[href$="/${className.toLowerCase()}/tong-ket?ky=hk1"]`).first().click();
	await expect(asTeacher.page.getByRole('heading', { level: 1 })).toContainText(`Tổng kết lớp ${className}`);
	await asTeacher.context.close();

	// "Ai đã xem": the teacher's view, by name and role.
	await own.goto(`/con/${child}/ai-da-xem`);
	await expect(own.getByRole('heading', { name: `Ai đã xem dữ liệu của ${childName}` })).toBeVisible();
	const entry = own.getByRole('listitem').filter({ hasText: `Tổng kết lớp ${className} (HK I)` }).first();
	await expect(entry).toContainText(teacher.name);
	await expect(entry).toContainText(`Giáo viên chủ nhiệm lớp ${className}`);
	await shoot(own, 'ai-da-xem');

	// The export: a printable page and the JSON file.
	await own.getByRole('link', { name: 'Xem và tải về toàn bộ dữ liệu của con' }).click();
	await expect(own.getByRole('heading', { name: `Toàn bộ dữ liệu nhà trường giữ về ${childName}` })).toBeVisible();
	await expect(own.getByRole('button', { name: 'In trang này' })).toBeVisible();
	await shoot(own, 'du-lieu');
	const [download] = await Promise.all([own.waitForEvent('download'), own.getByRole('link', { name: 'Tải về tệp JSON' }).click()]);
	const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
		child: { fullName: string; personalIdMasked: string | null };
		consents: Array<{ version: string }>;
		viewLog: Array<{ who: string; role: string; what: string }>;
	};
	expect(exported.child.fullName).toBe(childName);
	expect(exported.consents).toHaveLength(1);
	expect(exported.viewLog).toContainEqual(expect.objectContaining({ who: teacher.name, role: `Giáo viên chủ nhiệm lớp ${className}` }));
	await parentContext.close();

	// The principal reads the log, narrowed to the class.
	await asPrincipal.page.goto('/');
	await asPrincipal.page.getByRole('link', { name: 'Nhật ký truy cập dữ liệu học sinh' }).click();
	await expect(asPrincipal.page.getByRole('heading', { level: 1 })).toContainText('Nhật ký truy cập dữ liệu học sinh');
	await asPrincipal.page.getByLabel('Lớp').selectOption({ label: className });
	await asPrincipal.page.getByRole('button', { name: 'Lọc' }).click();
	await expect(asPrincipal.page).toHaveURL(/lop=/);
	const row = asPrincipal.page.getByRole('row').filter({ hasText: `Tổng kết lớp ${className} (HK I)` }).first();
	await expect(row).toContainText(teacher.name);
	await expect(asPrincipal.page.getByRole('row').filter({ hasText: `Học sinh ${childName}` }).first()).toContainText(parent.name);
	await shoot(asPrincipal.page, 'nhat-ky-truy-cap');
	await asPrincipal.context.close();
});
