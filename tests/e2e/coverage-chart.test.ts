import { expect, test } from '@playwright/test';
import { OFFICER_LABEL } from '../../scripts/demo/demo-citizens';
import { demoPeople, shoot, signedInContext } from './helpers';

/**
 * Coverage over time (guardianship SPEC CV1–CV3) in the browser: the principal's coverage page
 * draws the school's daily figures (the demo seeds two weeks of history) as a chart; the district
 * officer opens the per-school coverage page from their home page.
 */

/** The top of the page (the figures and the chart) at phone and laptop size: the missing list below is long. */

test('the principal sees coverage over time as a chart; the district officer sees coverage per school', async ({ browser, page }) => {
	test.setTimeout(180_000);
	const people = await demoPeople(page);
	const principal = people.find((p) => p.roles.includes('Hiệu trưởng'))!;
	const { context, page: p } = await signedInContext(browser, principal.personalId);
	await p.goto('/quan-ly/do-phu');
	const chart = p.getByTestId('coverage-chart');
	await expect(chart).toBeVisible();
	// The demo's history: today and 14 earlier days, one row each.
	await expect(p.getByRole('region', { name: 'Độ phủ theo ngày' }).locator('tbody tr')).toHaveCount(15);
	await expect(chart.getByRole('img')).toHaveAttribute('aria-label', /Liên kết đã kiểm tra \d+%/);
	// Chart.js drew on the canvas (it sizes it to the figure).
	await expect.poll(() => chart.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
	await shoot(p, 'coverage-chart');
	await context.close();

	const officer = people.find((p) => p.roles.includes(OFFICER_LABEL))!;
	const district = await signedInContext(browser, officer.personalId);
	await district.page.getByRole('link', { name: /Mức độ hoàn thiện hồ sơ/ }).click();
	await expect(district.page).toHaveURL(/\/phong-gd\/do-phu$/);
	await expect(district.page.getByRole('heading', { level: 1, name: 'Mức độ hoàn thiện hồ sơ các trường' })).toBeVisible();
	await expect(district.page.locator('tbody tr')).toHaveCount(1);
	await shoot(district.page, 'district-coverage');
	await district.context.close();
});
