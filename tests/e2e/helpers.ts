import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export interface DemoPerson {
	personalId: string;
	name: string;
	roles: string[];
}

/** The demo people as the server lists them (GET /auth/demo, Accept: application/json). */
export async function demoPeople(page: Page): Promise<DemoPerson[]> {
	const response = await page.request.get('/auth/demo', { headers: { accept: 'application/json' } });
	expect(response.ok()).toBe(true);
	return (await response.json()) as DemoPerson[];
}

export async function signedInContext(browser: Browser, personalId: string): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`/auth/demo?as=${personalId}`);
	await expect(page.getByRole('heading', { name: /Xin chào/ })).toBeVisible();
	return { context, page };
}

export function cell(page: Page, studentId: string, columnKey: string) {
	return page.locator(`[data-cell="${studentId}:${columnKey}"]`);
}

export function syncStatus(page: Page) {
	return page.getByTestId('sync-status');
}
