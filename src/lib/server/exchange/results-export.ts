/**
 * One class's results as an upload file for the education database (exchange SPEC CX11–CX12): the
 * class summary (reports S1–S15, the same function the class summary page and its .xlsx use)
 * laid out by the one adapter `resultsGrid` with the template version's column map, written as
 * .xlsx with SheetJS (the library that reads the database's own files). Each export is logged.
 */
import * as XLSX from '@e965/xlsx';
import type { Database } from '../../../../drizzle/database';
import { exchangeRuns } from '../../../../drizzle/schema';
import { layoutOf, resultsGrid, type ResultsLayout } from '../../domain/exchange/results-layout';
import type { ClassSummary, SummaryPeriod } from '../../domain/reports';
import { classInfo, loadClassSummary, type ClassInfo } from '../homeroom/class-summary-data';
import { neutraliseCell } from '../exports/spreadsheet-text';
import { fileExchange } from './exchange';

export const RESULTS_SHEET = 'Kết quả';

/** The workbook's bytes; text cells are neutralised so no value is read as a formula. */
export function resultsWorkbook(info: ClassInfo, summary: ClassSummary, layout: ResultsLayout): Uint8Array {
	const grid = resultsGrid(summary, layout, info);
	const sheet = XLSX.utils.aoa_to_sheet(grid.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutraliseCell(cell) : cell))));
	sheet['!merges'] = grid.merges;
	const workbook = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(workbook, sheet, RESULTS_SHEET);
	return new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

export const resultsFileName = (info: ClassInfo, period: SummaryPeriod, layout: ResultsLayout) => `ket-qua-csdl-${info.classCode}-${info.year}-${period === 'year' ? 'ca-nam' : period}-mau-${layout.version}.xlsx`;

/** The file for one class and period, logged as an export of that class (CX10). */
export async function exportClassResults(db: Database, target: { schoolId: string; year: string; actorId: string; now: Date }, classCode: string, period: SummaryPeriod, version: string | null) {
	const info = await classInfo(db, target.schoolId, target.year, classCode);
	if (!info) return null;
	const layout = layoutOf(version);
	try {
		const pushed = await fileExchange(null).pushResults(info, await loadClassSummary(db, info, period), layout.version);
		if (pushed.kind !== 'file') throw new Error('the file adapter returns a file');
		await db.insert(exchangeRuns).values({ schoolId: target.schoolId, kind: 'results_export', classCode, outcome: 'done', detail: `Kết quả ${period === 'year' ? 'cả năm' : period === 'hk1' ? 'học kì I' : 'học kì II'}, mẫu ${layout.version}.`, actorId: target.actorId, at: target.now });
		return { body: pushed.body, fileName: pushed.fileName };
	} catch (cause) {
		await db.insert(exchangeRuns).values({ schoolId: target.schoolId, kind: 'results_export', classCode, outcome: 'failed', detail: 'Lỗi máy chủ khi lập tệp kết quả.', actorId: target.actorId, at: target.now });
		throw cause;
	}
}
