/**
 * What the every-page project checks on each page at each screen size. Each check returns the
 * problems it found as sentences (empty when the page passes), so one run reports all of them.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { gridCell } from '../grid-helpers';

/** The page body does not scroll sideways; a grid or table may scroll inside its own box. */
export async function horizontalScroll(page: Page): Promise<string[]> {
	const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
		const root = document.documentElement;
		const insideScrollBox = (el: Element) => {
			for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) if (getComputedStyle(up).overflowX !== 'visible') return true;
			return false;
		};
		// The element sticking out furthest, to say what to fix.
		let widest = '';
		let right = root.clientWidth;
		for (const el of document.body.querySelectorAll('*')) {
			const box = el.getBoundingClientRect();
			if (box.right > right + 1 && !insideScrollBox(el) && getComputedStyle(el).position !== 'fixed') {
				right = box.right;
				widest = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(box.right)} px)`;
			}
		}
		return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
	});
	return scrollWidth > clientWidth ? [`the page scrolls sideways: ${scrollWidth} px wide in a ${clientWidth} px window; widest: ${widest || '?'}`] : [];
}

/**
 * Text cut off by its box: allowed only with an ellipsis and a way to read it whole (a title on
 * the element or an ancestor, an aria-label, or an expandable <details>).
 */
export async function clippedText(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const clips = (value: string) => value === 'hidden' || value === 'clip';
		for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
			if (el.matches('input, textarea, select, option, script, style, svg *, .sr-only, .visually-hidden')) continue;
			const ownText = [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
			if (!ownText || el.getClientRects().length === 0) continue;
			const style = getComputedStyle(el);
			if (style.visibility === 'hidden' || el.clientWidth <= 1 || el.clientHeight <= 1) continue;
			const cutSideways = clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
			const cutBelow = clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
			if (!cutSideways && !cutBelow) continue;
			const ellipsis = style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none';
			const readable = Boolean(el.closest('[title], [aria-label], details'));
			if (ellipsis && readable) continue;
			const text = el.textContent!.trim().replace(/\s+/g, ' ').slice(0, 60);
			problems.push(`text cut off ${ellipsis ? 'with an ellipsis but no way to read it whole' : 'without an ellipsis'}: <${el.tagName.toLowerCase()}> “${text}”`);
		}
		return problems;
	});
}

/** On a gradebook the person may write: the editor opened by typing covers the focused cell (±1 px). */
export async function editorOnCell(page: Page): Promise<string[]> {
	if (!(await page.getByRole('grid').isVisible())) return [];
	const problems: string[] = [];
	const rows = await page.locator('tbody tr').count();
	for (const row of [0, Math.min(31, rows - 1)]) {
		await gridCell(page, row, 0).click();
		await page.keyboard.type('7');
		await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
		await expect(page.locator('input.editor')).toHaveClass(/editing/);
		const [cell, editor] = await Promise.all([gridCell(page, row, 0).boundingBox(), page.locator('input.editor').boundingBox()]);
		await page.keyboard.press('Escape');
		if (!cell || !editor) {
			problems.push(`row ${row}: the cell or its editor is not on screen`);
			continue;
		}
		for (const side of ['x', 'y', 'width', 'height'] as const) {
			if (Math.abs(editor[side] - cell[side]) > 1) problems.push(`row ${row}: editor ${side} ${editor[side]} vs cell ${cell[side]}`);
		}
	}
	return problems;
}

/** axe-core (WCAG 2.1 A and AA rules): serious and critical violations, each with where it is. */
export async function accessibility(page: Page): Promise<string[]> {
	// Legacy mode runs axe once in the page (the app has no frames) instead of finishing the run in
	// a second page, and only violations are collected: several times faster on a busy machine.
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
		.options({ resultTypes: ['violations'] })
		.setLegacyMode(true)
		.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `axe ${v.impact} ${v.id} (${v.help}): ${v.nodes.length} × e.g. ${v.nodes[0]?.target.join(' ')}${v.nodes[0]?.failureSummary ? ' — ' + v.nodes[0].failureSummary.replace(/\s+/g, ' ').slice(0, 200) : ''}`);
}
