import { expect, test, type BrowserContextOptions, type Page, type TestInfo } from '@playwright/test';
import { accessibility, clippedText, editorOnCell, horizontalScroll } from './checks';
import { loadPeople, ROLES, signIn, type Found, type PageSpec, type People, type RoleKey } from './catalogue';

/**
 * Every page of every role at the screen sizes schools have (a phone, a tablet, the two common
 * school laptops, a desktop): the page body never scrolls sideways, no text is cut off without an
 * ellipsis and a way to read it, the grid's editor sits on its cell, nothing is logged as an error
 * and axe-core finds no serious or critical violation. A screenshot of each page at each size is
 * attached to the test (test-results/…/, and the HTML report when one is asked for).
 *
 * axe-core and the full-length screenshot cost most of the time (about 60 % and 20 %), so they run
 * at the phone and the common laptop size, where a page has its two layouts (one column; the
 * table); the other sizes get the layout checks and a screenshot of the window.
 * EVERY_PAGE_AXE=all runs them at every size.
 */

const ALL_VIEWPORTS = [
	{ width: 390, height: 844 },
	{ width: 768, height: 1024 },
	{ width: 1280, height: 720 },
	{ width: 1366, height: 768 },
	{ width: 1920, height: 1080 }
];
/** EVERY_PAGE_SIZES=390x844,1366x768 checks only those sizes (while fixing a page); all five by default. */
const VIEWPORTS = process.env.EVERY_PAGE_SIZES
	? ALL_VIEWPORTS.filter((v) => process.env.EVERY_PAGE_SIZES!.split(',').includes(`${v.width}x${v.height}`))
	: ALL_VIEWPORTS;

/** Chromium logs a page served with an error status as a failed resource; that status is what the page is. */
function expectedConsoleError(text: string, spec: PageSpec): boolean {
	return spec.status !== undefined && text.includes(`status of ${spec.status}`);
}

const FULL_CHECK_SIZES = process.env.EVERY_PAGE_AXE === 'all' ? null : new Set(['390x844', '1366x768']);

async function waitUntilReady(page: Page, spec: PageSpec): Promise<void> {
	await expect(page.locator('h1').first()).toBeVisible();
	if (spec.gradebook) await expect(page.getByTestId('sync-status')).toHaveText('Đã lưu trên máy chủ');
	if (spec.loaded) await expect(page.getByText(spec.loaded).first()).toBeVisible();
	await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function checkPage(page: Page, spec: PageSpec, found: Found, people: People, testInfo: TestInfo, name: string, size: string): Promise<string[]> {
	const full = FULL_CHECK_SIZES === null || FULL_CHECK_SIZES.has(size);
	const errors: string[] = [];
	const onConsole = (message: { type(): string; text(): string }) => {
		if (message.type() === 'error' && !expectedConsoleError(message.text(), spec)) errors.push(`console error: ${message.text()}`);
	};
	const onPageError = (error: Error) => errors.push(`uncaught: ${error.message}`);
	page.on('console', onConsole);
	page.on('pageerror', onPageError);
	try {
		if (spec.open) {
			await spec.open(page, page.context(), people);
		} else {
			const response = await page.goto(spec.path(found));
			expect(response?.status(), `${name}: HTTP status`).toBe(spec.status ?? 200);
		}
		await waitUntilReady(page, spec);
		const screenshot = testInfo.outputPath(`${name}.png`);
		await page.screenshot({ path: screenshot, fullPage: full });
		await testInfo.attach(name, { path: screenshot, contentType: 'image/png' });
		const problems = [...(await horizontalScroll(page)), ...(await clippedText(page)), ...(full ? await accessibility(page) : [])];
		if (spec.editableGrid) problems.push(...(await editorOnCell(page)));
		return [...problems, ...errors];
	} finally {
		page.off('console', onConsole);
		page.off('pageerror', onPageError);
	}
}

for (const [roleKey, role] of Object.entries(ROLES) as Array<[RoleKey, (typeof ROLES)[RoleKey]]>) {
	test.describe(roleKey, () => {
		let people: People;
		let storageState: BrowserContextOptions['storageState'];
		let found: Found = {};

		test.beforeAll(async ({ browser }) => {
			const context = await browser.newContext();
			people = await loadPeople(await context.newPage());
			await context.close();
			({ storageState, found } = await signIn(browser, role, people));
		});

		for (const spec of role.pages) {
			test(`${roleKey}: ${spec.key}`, async ({ browser }, testInfo) => {
				// A ceiling for a busy shared machine; an idle one needs a few seconds per size.
				test.setTimeout(90_000 * VIEWPORTS.length);
				const context = await browser.newContext({ storageState, viewport: VIEWPORTS[0] });
				const page = await context.newPage();
				try {
					for (const viewport of VIEWPORTS) {
						const size = `${viewport.width}x${viewport.height}`;
						await test.step(size, async () => {
							await page.setViewportSize(viewport);
							const problems = await checkPage(page, spec, found, people, testInfo, `${roleKey}-${spec.key}-${size}`, size);
							expect.soft(problems, `${roleKey} ${spec.key} at ${size}`).toEqual([]);
						});
					}
				} finally {
					await context.close();
				}
			});
		}
	});
}
