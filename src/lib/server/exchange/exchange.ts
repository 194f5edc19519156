/**
 * Where an integration platform connector plugs in (exchange SPEC CX13). The city's platform
 * (LGSP) and its API are not public, so the exchange is this interface: push a class's results,
 * pull the student list. Today's adapter reads and writes files (the leader downloads from and
 * uploads to the education database's pages); a connector to the platform would be a second
 * implementation of `Exchange`, and nothing else changes: the pulled sheets go through the same
 * header matcher, change preview and confirmation, the pushed file is the same adapter's output.
 */
import type { SheetGrid } from '../../domain/exchange/headers';
import type { ClassSummary } from '../../domain/reports';
import { layoutOf } from '../../domain/exchange/results-layout';
import type { ClassInfo } from '../homeroom/class-summary-data';
import { resultsFileName, resultsWorkbook } from './results-export';
import { readWorkbook } from './workbook';

export type Pulled = { ok: true; sheets: SheetGrid[] } | { ok: false; message: string; fix: string };

/** What was pushed: a file to hand over (file adapter) or the platform's receipt (a connector). */
export type Pushed = { kind: 'file'; fileName: string; body: Uint8Array } | { kind: 'receipt'; reference: string };

export interface Exchange {
	/** The student list as the education database holds it now (CX4). */
	pullRoster(): Promise<Pulled>;
	/** One class's results of a period, in the template version given (CX11–CX12). */
	pushResults(info: ClassInfo, summary: ClassSummary, version: string | null): Promise<Pushed>;
}

/** CX13: the file adapter: the roster comes from an uploaded workbook, results leave as a file. */
export function fileExchange(uploaded: Uint8Array | null): Exchange {
	return {
		async pullRoster() {
			if (!uploaded) return { ok: false, message: 'Chưa có tệp danh sách.', fix: 'Tải danh sách học sinh từ CSDL ngành rồi chọn tệp.' };
			return readWorkbook(uploaded);
		},
		async pushResults(info, summary, version) {
			const layout = layoutOf(version);
			return { kind: 'file', fileName: resultsFileName(info, summary.period, layout), body: resultsWorkbook(info, summary, layout) };
		}
	};
}
