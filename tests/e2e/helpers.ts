import { mkdirSync } from 'node:fs';
import { expect, request, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { SIMULATOR_URL } from './ports';
import { cellKey } from '../../src/lib/ydoc/gradebook';
import { isDocumentOfKind } from '../../src/lib/ydoc/document-name';
import { CURRENT_NOTICE_VERSION } from '../../src/lib/domain/privacy/notice';

export interface DemoPerson {
	personalId: string;
	name: string;
	/** Vietnamese labels: 'Hiệu trưởng', 'Giáo viên', 'Chủ nhiệm 6A3', 'Phụ huynh'; empty for citizens no school registered. */
	roles: string[];
}

/** The VNeID simulator's citizens (GET /citizens): the demo school's people and a few unregistered citizens. */
export async function simulatorCitizens(page: Page): Promise<DemoPerson[]> {
	const response = await page.request.get(`${SIMULATOR_URL}/citizens`);
	expect(response.ok()).toBe(true);
	return (await response.json()) as DemoPerson[];
}

/** The demo school's people (citizens with a school role), as the VNeID simulator lists them. */
export async function demoPeople(page: Page): Promise<DemoPerson[]> {
	return (await simulatorCitizens(page)).filter((citizen) => citizen.roles.length > 0);
}

export type ActingRole = 'staff' | 'guardian';

const ROLE_BUTTON: Record<ActingRole, RegExp> = { staff: /Cán bộ, giáo viên/, guardian: /Phụ huynh/ };

/**
 * A guardian's first page is the purpose notice (privacy SPEC PR1): accept it when it is shown, as
 * every parent does before seeing their child's data.
 */
export async function acceptNoticeIfAsked(page: Page): Promise<void> {
	if (new URL(page.url()).pathname !== '/dong-y') return;
	await page.getByRole('button', { name: 'Tôi đồng ý' }).click();
	await expect(page).not.toHaveURL(/\/dong-y$/);
}

/**
 * A browser context signed in through the VNeID simulator: `/login/vneid?login_hint=<personal ID>`
 * signs that citizen in without the simulator's form. A person who is both staff and guardian
 * lands on the role chooser and picks `role`; a guardian accepts the purpose notice.
 */
export async function signedInContext(
	browser: Browser,
	personalId: string,
	role: ActingRole = 'staff'
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`/login/vneid?login_hint=${personalId}`);
	if (new URL(page.url()).pathname === '/chon-vai-tro') await page.getByRole('button', { name: ROLE_BUTTON[role] }).click();
	await page.waitForURL((url) => url.pathname !== '/chon-vai-tro');
	await acceptNoticeIfAsked(page);
	// A parent with one verified child lands on the child's page (parents SPEC PV7).
	await expect(page.getByRole('heading', { name: /Xin chào/ }).or(page.getByTestId('child-page'))).toBeVisible();
	return { context, page };
}

/** Signs an API request context in by following the redirects from /login/vneid?login_hint=…. */
export async function signInApi(api: APIRequestContext, baseURL: string, personalId: string, role: ActingRole = 'staff'): Promise<void> {
	const signIn = await api.get(`/login/vneid?login_hint=${personalId}`);
	expect(signIn.ok()).toBe(true);
	let landed = new URL(signIn.url()).pathname;
	if (landed === '/chon-vai-tro') {
		const chosen = await api.post('/chon-vai-tro', { form: { role }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
		expect(chosen.status()).toBe(303);
		landed = new URL((await api.get('/')).url()).pathname;
	}
	if (landed === '/dong-y') {
		// A guardian accepts the purpose notice (privacy SPEC PR1).
		const accepted = await api.post('/dong-y?/dong-y', { form: { version: CURRENT_NOTICE_VERSION }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
		expect(accepted.status()).toBe(303);
	} else {
		// A parent with one verified child lands on the child's page (parents SPEC PV7).
		expect(landed).toMatch(/^\/(con\/[a-z0-9-]+)?$/);
	}
}

/** Documents a person may open, as GET /api/me tells it after signing in through the simulator. */
export async function documentsOf(baseURL: string, personalId: string): Promise<Array<{ name: string; access: string }>> {
	const api = await request.newContext({ baseURL });
	try {
		await signInApi(api, baseURL, personalId);
		const me = await api.get('/api/me');
		expect(me.ok()).toBe(true);
		return ((await me.json()) as { documents: Array<{ name: string; access: string }> }).documents;
	} finally {
		await api.dispose();
	}
}

export function cell(page: Page, studentId: string, columnKey: string) {
	return page.locator(`[data-cell="${cellKey(studentId, columnKey)}"]`);
}

export function syncStatus(page: Page) {
	return page.getByTestId('sync-status');
}

/** Two different teachers who may both write one gradebook (co-taught KHTN in the demo school). */
export async function coTeachers(baseURL: string, people: DemoPerson[]) {
	const writers = new Map<string, DemoPerson[]>();
	for (const person of people.filter((p) => p.roles.includes('Giáo viên'))) {
		for (const doc of await documentsOf(baseURL, person.personalId)) {
			if (doc.access === 'write' && isDocumentOfKind(doc.name, 'gradebook')) writers.set(doc.name, [...(writers.get(doc.name) ?? []), person]);
		}
	}
	const shared = [...writers.entries()].find(([, who]) => who.length >= 2);
	expect(shared, 'the demo school has a co-taught gradebook').toBeTruthy();
	const [document, [first, second]] = shared as [string, DemoPerson[]];
	return { document, first: first!, second: second! };
}

/**
 * Screenshots of the page as it stands at a phone's and a school laptop's size
 * (test-results/screens/NAME-390.png and NAME-1366.png), for a person to look at: states the
 * every-page project cannot reach (a dialog, an import preview, a refusal). `show` readies the
 * page at each width (a phone shows one card where a laptop shows the table); the page is left at
 * the laptop size.
 */
export async function shoot(page: Page, name: string, options: { fullPage?: boolean; show?: (width: number) => Promise<void> } = {}): Promise<void> {
	mkdirSync(SCREENS, { recursive: true });
	for (const viewport of [
		{ width: 390, height: 844 },
		{ width: 1366, height: 768 }
	]) {
		await page.setViewportSize(viewport);
		await options.show?.(viewport.width);
		await page.screenshot({ path: `${SCREENS}/${name}-${viewport.width}.png`, fullPage: options.fullPage ?? true });
	}
}

const SCREENS = 'test-results/screens';
