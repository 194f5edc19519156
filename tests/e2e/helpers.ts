import { expect, request, type Browser, type BrowserContext, type Page } from '@playwright/test';

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

/** Documents a person may open, as GET /api/me tells it after a demo sign-in. */
export async function documentsOf(baseURL: string, personalId: string): Promise<Array<{ name: string; access: string }>> {
	const api = await request.newContext({ baseURL });
	try {
		const signIn = await api.get(`/auth/demo?as=${personalId}`, { maxRedirects: 0 });
		expect(signIn.status()).toBe(303);
		const me = await api.get('/api/me');
		expect(me.ok()).toBe(true);
		return ((await me.json()) as { documents: Array<{ name: string; access: string }> }).documents;
	} finally {
		await api.dispose();
	}
}

/** Two different teachers who may both write one gradebook (co-taught KHTN in the demo school). */
export async function coTeachers(baseURL: string, people: DemoPerson[]) {
	const writers = new Map<string, DemoPerson[]>();
	for (const person of people.filter((p) => p.roles.includes('Giáo viên'))) {
		for (const doc of await documentsOf(baseURL, person.personalId)) {
			if (doc.access === 'write' && doc.name.startsWith('gradebook/')) writers.set(doc.name, [...(writers.get(doc.name) ?? []), person]);
		}
	}
	const shared = [...writers.entries()].find(([, who]) => who.length >= 2);
	expect(shared, 'the demo school has a co-taught gradebook').toBeTruthy();
	const [document, [first, second]] = shared as [string, DemoPerson[]];
	return { document, first: first!, second: second! };
}
