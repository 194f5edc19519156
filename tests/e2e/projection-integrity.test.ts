import { expect, test } from '@playwright/test';
import { demoPeople, signedInContext } from './helpers';

/**
 * The principal's integrity page (projections SPEC P5, P6) as they use it: reached from Khóa sổ,
 * it lists the alerts and runs the reconciliation, which finds every projection in step with its
 * document after the demo seed and the end-to-end edits made before it.
 */
test('the principal runs the reconciliation from the integrity page', async ({ browser, page }) => {
	test.setTimeout(180_000);
	const principal = (await demoPeople(page)).find((p) => p.roles.includes('Hiệu trưởng'));
	expect(principal).toBeTruthy();
	const leader = await signedInContext(browser, principal!.personalId);
	await leader.page.getByRole('link', { name: 'Khóa sổ điểm' }).click();
	await leader.page.getByRole('link', { name: /Toàn vẹn dữ liệu/ }).click();
	await expect(leader.page.getByRole('heading', { name: /Toàn vẹn dữ liệu/ })).toBeVisible();
	await expect(leader.page.getByRole('heading', { name: 'Cảnh báo' })).toBeVisible();
	await leader.page.getByRole('button', { name: 'Đối chiếu sổ với báo cáo' }).click();
	await expect(leader.page.getByRole('status')).toContainText('báo cáo khớp với sổ', { timeout: 150_000 });
	await leader.context.close();
});
