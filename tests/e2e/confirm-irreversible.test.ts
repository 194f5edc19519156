import { expect, test } from '@playwright/test';
import { OFFICER_LABEL } from '../../scripts/demo/demo-citizens';
import { demoPeople, documentsOf, shoot, signedInContext } from './helpers';

/**
 * One-click actions that cannot be taken back ask first, naming what will happen: cancelling
 * changes nothing, confirming does it. The server actions stay the guard; this spares a slip.
 */

test('locking the whole school asks "Khóa N sổ điểm…" with the real count; cancel keeps it open, confirm locks', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const principal = people.find((p) => p.roles.includes('Hiệu trưởng'))!;
	// The principal reads every gradebook of the school: those of term I are what the lock covers.
	const termOneBooks = (await documentsOf(baseURL!, principal.personalId)).filter((d) => /^gradebook\/[^/]+\/[^/]+\/hk1\//.test(d.name)).length;
	expect(termOneBooks).toBeGreaterThan(0);

	const { context, page: p } = await signedInContext(browser, principal.personalId);
	await p.goto('/quan-ly/khoa-so');
	const termOne = p.locator('section.term').filter({ has: p.getByRole('heading', { name: 'Học kì I', exact: true }) });
	await termOne.getByRole('button', { name: 'Khóa cả trường' }).click();
	const dialog = p.getByRole('dialog');
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(`Khóa ${termOneBooks} sổ điểm Học kì I của cả trường?`);
	await expect(dialog.getByRole('button', { name: 'Khóa cả trường' })).toBeFocused();
	await shoot(p, 'confirm-lock-school', { fullPage: false });

	await dialog.getByRole('button', { name: 'Hủy' }).click();
	await expect(dialog).toBeHidden();
	await p.reload();
	await expect(termOne.getByText('Đã khóa', { exact: true })).toHaveCount(0);

	// Esc cancels too.
	await termOne.getByRole('button', { name: 'Khóa cả trường' }).click();
	await p.keyboard.press('Escape');
	await expect(p.getByRole('dialog')).toBeHidden();
	await p.reload();
	await expect(termOne.getByText('Đã khóa', { exact: true })).toHaveCount(0);

	await termOne.getByRole('button', { name: 'Khóa cả trường' }).click();
	await p.getByRole('dialog').getByRole('button', { name: 'Khóa cả trường' }).click();
	await expect(p.getByRole('status')).toHaveText(`Đã khóa sổ: ${termOneBooks} sổ điểm chuyển sang chỉ xem.`);
	await expect(termOne.getByText('Đã khóa', { exact: true }).first()).toBeVisible();

	// Leave the demo school as it was for the other tests: unlocking needs no confirmation.
	await termOne.locator('form.school').getByRole('button', { name: 'Mở khóa' }).click();
	await expect(p.getByRole('status')).toHaveText('Đã mở khóa sổ.');
	await context.close();
});

test('unassigning a teacher (×) and disabling a person ask first; cancel keeps, confirm does it', async ({ browser, page }) => {
	const people = await demoPeople(page);
	const principal = people.find((p) => p.roles.includes('Hiệu trưởng'))!;
	const { context, page: p } = await signedInContext(browser, principal.personalId);
	await p.goto('/quan-ly/nhan-su');

	const chip = p.locator('form.chip').last();
	const unassign = chip.getByRole('button', { name: /^Bỏ phân công / });
	const label = (await unassign.getAttribute('aria-label'))!;
	const assignment = {
		personId: (await chip.locator('input[name=personId]').inputValue())!,
		classCode: (await chip.locator('input[name=classCode]').inputValue())!,
		subjectCode: (await chip.locator('input[name=subjectCode]').inputValue())!
	};
	await unassign.click();
	const dialog = p.getByRole('dialog');
	await expect(dialog).toContainText(`${label}? Giáo viên sẽ không mở được sổ điểm này nữa.`);
	await dialog.getByRole('button', { name: 'Hủy' }).click();
	await p.reload();
	await expect(p.getByRole('button', { name: label, exact: true })).toHaveCount(1);

	await p.getByRole('button', { name: label, exact: true }).click();
	await p.getByRole('dialog').getByRole('button', { name: 'Bỏ phân công' }).click();
	await expect(p.getByRole('button', { name: label, exact: true })).toHaveCount(0);
	// Assigned again, so the other tests find the demo school as it was.
	const assign = p.locator('form[action="?/phan-cong"]');
	await assign.locator('select[name=personId]').selectOption(assignment.personId);
	await assign.locator('select[name=classCode]').selectOption(assignment.classCode);
	await assign.locator('select[name=subjectCode]').selectOption(assignment.subjectCode);
	await assign.getByRole('button', { name: 'Phân công' }).click();
	await expect(p.getByRole('button', { name: label, exact: true })).toHaveCount(1);

	const disable = p.getByRole('button', { name: /^Vô hiệu hóa / }).last();
	const who = (await disable.getAttribute('aria-label'))!.replace('Vô hiệu hóa ', '');
	await disable.click();
	await expect(p.getByRole('dialog')).toContainText(`Vô hiệu hóa ${who} tại trường?`);
	await p.getByRole('dialog').getByRole('button', { name: 'Hủy' }).click();
	await p.reload();
	await expect(p.getByRole('button', { name: `Kích hoạt lại ${who}` })).toHaveCount(0);

	await p.getByRole('button', { name: `Vô hiệu hóa ${who}`, exact: true }).click();
	await p.getByRole('dialog').getByRole('button', { name: 'Vô hiệu hóa' }).click();
	await expect(p.getByRole('button', { name: `Kích hoạt lại ${who}` })).toBeVisible();
	// Back as it was for the other tests.
	await p.getByRole('button', { name: `Kích hoạt lại ${who}` }).click();
	await expect(p.getByRole('button', { name: `Vô hiệu hóa ${who}`, exact: true })).toBeVisible();
	await context.close();
});

test('rejecting a correction request asks first; cancel keeps it pending, confirm rejects it', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const principal = people.find((p) => p.roles.includes('Hiệu trưởng'))!;
	// A gradebook other tests do not lock (they use the co-taught 9A1 one).
	const teacher = people.find((p) => p.roles.includes('Giáo viên') && !p.roles.some((r) => /Hiệu trưởng|Phó hiệu trưởng/.test(r)))!;
	const book = (await documentsOf(baseURL!, teacher.personalId)).find((d) => d.access === 'write' && /^gradebook\/[^/]+\/[^/]+\/hk1\/(?!9a1\/)/.test(d.name))!;
	expect(book, 'a term I gradebook the teacher writes').toBeTruthy();

	// An edit made offline before the lock reaches the server after it: a correction request.
	const t = await signedInContext(browser, teacher.personalId);
	await t.page.goto(`/so-diem/${book.name}`);
	await expect(t.page.getByRole('grid')).toBeVisible();
	const className = /Lớp (\S+)/.exec((await t.page.getByRole('heading', { level: 1 }).textContent())!)![1]!;
	await expect(t.page.getByTestId('sync-status')).toHaveText('Đã lưu trên máy chủ');
	await t.context.setOffline(true);
	await expect(t.page.getByTestId('sync-status')).toHaveAttribute('data-status', 'offline');
	const first = t.page.locator('td[data-cell]').first();
	await first.click();
	await t.page.keyboard.type('3');
	await t.page.keyboard.press('Enter');

	const { context, page: p } = await signedInContext(browser, principal.personalId);
	await p.goto('/quan-ly/khoa-so');
	const termOne = p.locator('section.term').filter({ has: p.getByRole('heading', { name: 'Học kì I', exact: true }) });
	await termOne.getByRole('button', { name: `Khóa sổ lớp ${className} Học kì I`, exact: true }).click();
	await p.getByRole('dialog').getByRole('button', { name: `Khóa lớp ${className}` }).click();
	await expect(p.getByRole('status')).toContainText('Đã khóa sổ');
	await t.context.setOffline(false);

	await p.goto('/quan-ly/yeu-cau-sua-diem');
	await expect(async () => {
		await p.reload();
		await expect(p.locator('article.request')).toHaveCount(1, { timeout: 1000 });
	}).toPass({ timeout: 30_000 });
	const request = p.locator('article.request');
	await request.getByLabel('Lý do từ chối').fill('Điểm đã chốt với phụ huynh');
	await request.getByRole('button', { name: 'Từ chối' }).click();
	const dialog = p.getByRole('dialog');
	await expect(dialog).toContainText(/Từ chối yêu cầu sửa 1 ô điểm của .+\? Điểm trong sổ giữ nguyên như trước\./);
	await dialog.getByRole('button', { name: 'Hủy' }).click();
	await p.reload();
	await expect(p.locator('article.request')).toHaveCount(1);

	await request.getByLabel('Lý do từ chối').fill('Điểm đã chốt với phụ huynh');
	await request.getByRole('button', { name: 'Từ chối' }).click();
	await p.getByRole('dialog').getByRole('button', { name: 'Từ chối yêu cầu' }).click();
	await expect(p.getByRole('status')).toHaveText('Đã từ chối yêu cầu.');
	await expect(p.locator('article.request')).toHaveCount(0);

	// Back as it was for the other tests.
	await p.goto('/quan-ly/khoa-so');
	await termOne.locator('li').filter({ hasText: `Lớp ${className}` }).getByRole('button', { name: 'Mở' }).click();
	await expect(p.getByRole('status')).toHaveText('Đã mở khóa sổ.');
	await t.context.close();
	await context.close();
});

test('the district office disabling a person everywhere asks first; cancel keeps, confirm does it', async ({ browser, page }) => {
	const people = await demoPeople(page);
	const officer = people.find((p) => p.roles.includes(OFFICER_LABEL))!;
	const { context, page: p } = await signedInContext(browser, officer.personalId);
	await p.goto('/phong-gd/nhan-su');
	const disable = p.getByRole('button', { name: /^Vô hiệu hóa toàn hệ thống / }).last();
	const who = (await disable.getAttribute('aria-label'))!.replace('Vô hiệu hóa toàn hệ thống ', '');
	await disable.click();
	const dialog = p.getByRole('dialog');
	await expect(dialog).toContainText(`Vô hiệu hóa ${who} trên toàn hệ thống?`);
	await expect(dialog.getByRole('button', { name: 'Vô hiệu hóa toàn hệ thống' })).toBeFocused();
	await dialog.getByRole('button', { name: 'Hủy' }).click();
	await p.reload();
	await expect(p.getByRole('button', { name: `Kích hoạt lại ${who}` })).toHaveCount(0);

	await p.getByRole('button', { name: `Vô hiệu hóa toàn hệ thống ${who}`, exact: true }).click();
	await p.getByRole('dialog').getByRole('button', { name: 'Vô hiệu hóa toàn hệ thống' }).click();
	await expect(p.getByRole('button', { name: `Kích hoạt lại ${who}` })).toBeVisible();
	// Back as it was for the other tests.
	await p.getByRole('button', { name: `Kích hoạt lại ${who}` }).click();
	await expect(p.getByRole('button', { name: `Vô hiệu hóa toàn hệ thống ${who}`, exact: true })).toBeVisible();
	await context.close();
});
