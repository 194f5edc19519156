import { expect, test } from '@playwright/test';
import { coTeachers, demoPeople, documentsOf, signedInContext, syncStatus } from './helpers';
import { cellValue, columnTexts, gridCell, openGradebook, pasteFromClipboard, rowCount, shown, writableGradebook } from './grid-helpers';
import { isDocumentOfKind } from '../../src/lib/ydoc/document-name';

/**
 * The grade grid as a teacher uses it alone: keyboard entry down a whole column, spreadsheet keys,
 * computed averages, undo that survives a reload, paste from Excel with refused cells, copy out.
 */
test('keyboard entry of a whole column, spreadsheet keys, computed average, undo across a reload', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const { document: shared, first } = await coTeachers(baseURL!, people);
	const document = await writableGradebook(baseURL!, first.personalId, 'khtn', [shared]);
	const a = await signedInContext(browser, first.personalId);
	await openGradebook(a.page, document);
	const rows = await rowCount(a.page);
	expect(rows).toBeGreaterThanOrEqual(30);

	// The demo school has term I marks: clear the second student's ĐĐGtx2…ĐĐGck (Delete on a selection).
	await gridCell(a.page, 1, 1).click();
	for (let i = 0; i < 4; i++) await a.page.keyboard.press('Shift+ArrowRight');
	await a.page.keyboard.press('Delete');
	await expect.poll(() => Promise.all([1, 2, 3, 4, 5].map((col) => cellValue(a.page, 1, col).innerText()))).toEqual(['', '', '', '', '']);

	// A whole ĐĐGtx1 column by keyboard: type, Enter, next student.
	const marks = Array.from({ length: rows }, (_, i) => 40 + ((i * 7) % 61));
	await gridCell(a.page, 0, 0).click();
	for (const tenths of marks) {
		await a.page.keyboard.type(shown(tenths));
		await a.page.keyboard.press('Enter');
	}
	await expect.poll(() => columnTexts(a.page, 0)).toEqual(marks.map(shown));

	// Complete the first student's row with Tab: the term average appears (Ex 1 → 7,7)…
	await gridCell(a.page, 0, 0).click();
	await a.page.keyboard.type('7');
	for (const mark of ['8', '6,5', '9', '7,5', '8']) {
		await a.page.keyboard.press('Tab');
		await a.page.keyboard.type(mark);
	}
	await a.page.keyboard.press('Enter');
	const average = a.page.locator('tbody tr').first().locator('td.computed');
	await expect(average).toHaveText('7,7');
	// …while the second student's says what is missing.
	await expect(a.page.locator('tbody tr').nth(1).locator('td.computed')).toHaveText('Thiếu ĐĐGtx2 +4');

	// F2 edits the current value; Escape cancels the edit.
	await gridCell(a.page, 2, 0).click();
	await a.page.keyboard.press('F2');
	await a.page.keyboard.press('Backspace');
	await a.page.keyboard.type('9');
	await a.page.keyboard.press('Escape');
	await expect(cellValue(a.page, 2, 0)).toHaveText(shown(marks[2]!));
	// Double-click edits too.
	await gridCell(a.page, 2, 0).dblclick();
	await a.page.keyboard.press('Control+A');
	await a.page.keyboard.type('9,5');
	await a.page.keyboard.press('Enter');
	await expect(cellValue(a.page, 2, 0)).toHaveText('9,5');

	// Shift+arrows select a rectangle; Delete clears it; Ctrl+Z brings it back in one step.
	await gridCell(a.page, 3, 0).click();
	await a.page.keyboard.press('Shift+ArrowDown');
	await a.page.keyboard.press('Shift+ArrowDown');
	await expect(a.page.locator('td[aria-selected="true"]')).toHaveCount(3);
	await a.page.keyboard.press('Delete');
	await expect.poll(() => columnTexts(a.page, 0).then((t) => t.slice(3, 6))).toEqual(['', '', '']);
	await a.page.keyboard.press('Control+Z');
	await expect.poll(() => columnTexts(a.page, 0).then((t) => t.slice(3, 6))).toEqual(marks.slice(3, 6).map(shown));
	// Redo clears them again, and undo once more restores them.
	await a.page.keyboard.press('Control+Shift+Z');
	await expect(cellValue(a.page, 4, 0)).toHaveText('');
	await a.page.keyboard.press('Control+Y');
	await expect(cellValue(a.page, 4, 0)).toHaveText('');
	await a.page.keyboard.press('Control+Z');
	await expect(cellValue(a.page, 4, 0)).toHaveText(shown(marks[4]!));

	// Undo survives a reload: the last steps before it were the 9,5 and the first row.
	await a.page.reload();
	await expect(a.page.getByRole('grid')).toBeVisible();
	await gridCell(a.page, 0, 0).click();
	await a.page.keyboard.press('Control+Z');
	await expect(cellValue(a.page, 2, 0)).toHaveText(shown(marks[2]!));
	await expect(syncStatus(a.page)).toHaveText('Đã lưu trên máy chủ');

	await a.context.close();
});

test('paste a 45×4 block from Excel: refused cells previewed, valid ones applied in one step; copy out as TSV', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const { document: shared, second } = await coTeachers(baseURL!, people);
	const document = await writableGradebook(baseURL!, second.personalId, 'khtn', [shared]);
	const a = await signedInContext(browser, second.personalId);
	await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
	await openGradebook(a.page, document);
	const rows = await rowCount(a.page);
	expect(rows).toBeLessThan(45);
	// The demo school's marks in the four columns, before the paste.
	const before = await Promise.all([0, 1, 2, 3].map((col) => columnTexts(a.page, col)));
	// Rows of students who left (an earlier test may have confirmed one, CX/V19) are read-only: a paste skips them.
	const leftRows = await a.page.locator('tbody td[data-col="0"]').evaluateAll((cells) => cells.flatMap((cell, r) => (cell.getAttribute('aria-readonly') === 'true' ? [r] : [])));

	// 45 rows × 4 columns, Vietnamese decimal commas, one bad mark ("11" in row 2).
	const block = Array.from({ length: 45 }, (_, r) => [`${5 + (r % 5)},5`, String(6 + (r % 4)), r === 1 ? '11' : '7', '8,5']);
	const tsv = block.map((line) => line.join('\t')).join('\r\n') + '\r\n';
	await gridCell(a.page, 0, 0).click();
	await pasteFromClipboard(a.page, tsv);

	// Nothing is written until the teacher has seen what is refused and why.
	const dialog = a.page.getByRole('dialog');
	await expect(dialog).toBeVisible();
	const refused = 1 + (45 - rows) * 4;
	await expect(dialog.locator('tbody tr')).toHaveCount(refused);
	await expect(dialog.locator('tr[data-refused="1:2"]')).toContainText('Điểm phải từ 0 đến 10');
	await expect(dialog.locator(`tr[data-refused="${rows}:0"]`)).toContainText('Nằm ngoài sổ điểm');
	await expect(cellValue(a.page, 0, 0)).toHaveText(before[0]![0]!);
	await dialog.getByRole('button', { name: `Nhập ${rows * 4 - 1} ô hợp lệ` }).click();
	await expect(dialog).toBeHidden();

	// The refused cell keeps what it held.
	const expected = (col: number) =>
		block.slice(0, rows).map((line, r) => ((r === 1 && col === 2) || leftRows.includes(r) ? before[col]![r]! : line[col]!.replace(/^(\d+),0$/, '$1')));
	for (let col = 0; col < 4; col++) await expect.poll(() => columnTexts(a.page, col)).toEqual(expected(col));
	await expect(syncStatus(a.page)).toHaveText('Đã lưu trên máy chủ');

	// Copy a 2×2 selection out as TSV with decimal commas.
	await gridCell(a.page, 0, 0).click();
	await a.page.keyboard.press('Shift+ArrowRight');
	await a.page.keyboard.press('Shift+ArrowDown');
	await a.page.keyboard.press('Control+C');
	await expect.poll(() => a.page.evaluate(() => navigator.clipboard.readText())).toBe(`5,5\t6\r\n6,5\t7\r\n`);

	// The whole paste is one undo step.
	await a.page.keyboard.press('Control+Z');
	for (let col = 0; col < 4; col++) await expect.poll(() => columnTexts(a.page, col)).toEqual(before[col]);

	await a.context.close();
});

test('a read-only gradebook refuses typing and says why', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	let reader: { personalId: string; document: string } | null = null;
	for (const person of people.filter((p) => p.roles.includes('Giáo viên'))) {
		const doc = (await documentsOf(baseURL!, person.personalId)).find((d) => d.access === 'read' && isDocumentOfKind(d.name, 'gradebook'));
		if (doc) {
			reader = { personalId: person.personalId, document: doc.name };
			break;
		}
	}
	expect(reader, 'some teacher may read a gradebook they do not teach (homeroom)').toBeTruthy();
	const a = await signedInContext(browser, reader!.personalId);
	await openGradebook(a.page, reader!.document);
	const before = await cellValue(a.page, 0, 0).innerText();
	await gridCell(a.page, 0, 0).click();
	await a.page.keyboard.type('8');
	await expect(a.page.getByRole('alert')).toHaveText('Bạn chỉ có quyền xem sổ này.');
	await expect(cellValue(a.page, 0, 0)).toHaveText(before);
	await a.context.close();
});

test('on a phone: one student at a time, big inputs, next/previous, and a switch back to the table', async ({ browser, page, baseURL }) => {
	const people = await demoPeople(page);
	const { document: shared, first } = await coTeachers(baseURL!, people);
	const document = (await writableGradebook(baseURL!, first.personalId, 'khtn', [shared])).replace('/hk1/', '/hk2/');
	const a = await signedInContext(browser, first.personalId);
	await a.page.setViewportSize({ width: 390, height: 844 });
	await a.page.goto(`/so-diem/${document}`);
	await expect(syncStatus(a.page)).toHaveText('Đã lưu trên máy chủ');

	// Narrow screen: the student card, not a shrunken table.
	await expect(a.page.getByRole('grid')).toHaveCount(0);
	const card = a.page.locator('article.card');
	await expect(card).toBeVisible();
	const firstName = (await card.getByRole('heading').innerText()).trim();

	// Enter moves from one mark to the next; the computed average appears when all are there.
	await card.getByLabel(`ĐĐGtx1 của ${firstName}`).fill('7');
	await card.getByLabel(`ĐĐGtx1 của ${firstName}`).press('Enter');
	await expect(card.getByLabel(`ĐĐGtx2 của ${firstName}`)).toBeFocused();
	for (const mark of ['8', '6,5', '9', '7,5', '8']) {
		// Over the demo school's mark, if the input holds one.
		await a.page.keyboard.press('Control+A');
		await a.page.keyboard.type(mark);
		await a.page.keyboard.press('Enter');
	}
	// After the last mark, Enter went on to the next student.
	await expect(card.getByRole('heading')).not.toHaveText(firstName);
	await a.page.getByRole('button', { name: '← Trước' }).click();
	await expect(card.getByRole('heading')).toHaveText(firstName);
	// Ex 1: the six marks give ĐTBmhk II 7,7.
	await expect(card.locator('.results > div').first()).toHaveText(/ĐTBmhk II\s*7,7/);

	// The teacher can switch to the table anyway; the marks are there.
	await a.page.getByRole('button', { name: 'Bảng' }).click();
	await expect(a.page.getByRole('grid')).toBeVisible();
	await expect(cellValue(a.page, 0, 1)).toHaveText('8');
	await a.context.close();
});
