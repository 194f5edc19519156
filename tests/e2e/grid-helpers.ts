/**
 * Helpers for the grade grid tests. Sign-in stays in helpers.ts (signedInContext); these only
 * drive the grid.
 */
import { expect, type Page } from '@playwright/test';
import { documentsOf } from './helpers';

/** A term I gradebook of a subject this person may write, other than the ones listed. */
export async function writableGradebook(baseURL: string, personalId: string, subject: string, except: string[] = []): Promise<string> {
	const docs = await documentsOf(baseURL, personalId);
	const found = docs.find(
		(d) => d.access === 'write' && d.name.startsWith('gradebook/') && d.name.includes('/hk1/') && d.name.endsWith(`/${subject}`) && !except.includes(d.name)
	);
	expect(found, 'the teacher has another gradebook to write').toBeTruthy();
	return found!.name;
}

/** Opens a gradebook and waits until it is synced with the server. */
export async function openGradebook(page: Page, document: string): Promise<void> {
	await page.goto(`/so-diem/${document}`);
	await expect(page.getByRole('grid')).toBeVisible();
	await expect(page.getByTestId('sync-status')).toHaveText('Đã lưu trên máy chủ');
}

/** The grid cell at a row and column index (columns count from the first mark column). */
export function gridCell(page: Page, row: number, col: number) {
	return page.locator(`td[data-row="${row}"][data-col="${col}"]`);
}

export async function rowCount(page: Page): Promise<number> {
	return page.locator('tbody tr').count();
}

/** The value a cell shows (without co-editors' name badges). */
export function cellValue(page: Page, row: number, col: number) {
	return gridCell(page, row, col).locator('.value');
}

/** The values of one grid column, top to bottom ('' for an empty cell or one being edited). */
export async function columnTexts(page: Page, col: number): Promise<string[]> {
	return page.locator(`tbody td[data-col="${col}"]`).evaluateAll((cells) => cells.map((cell) => cell.querySelector('.value')?.textContent?.trim() ?? ''));
}

/** Puts text on the clipboard (as Excel would) and presses Ctrl+V in the grid. */
export async function pasteFromClipboard(page: Page, text: string): Promise<void> {
	await page.evaluate((value) => navigator.clipboard.writeText(value), text);
	await page.keyboard.press('Control+V');
}

/** A mark as the grid shows it: 75 → "7,5", 80 → "8". */
export function shown(tenths: number): string {
	return tenths % 10 === 0 ? String(tenths / 10) : `${Math.trunc(tenths / 10)},${tenths % 10}`;
}
