/**
 * bench:grid's wider gradebook, written server-side before the bench's app serves anyone: clients
 * may not touch a gradebook's header or roster (sync-server SPEC V3), so the bench server does it
 * as the server does when students join a class (mergeRoster) and with extra regular assessments in the
 * header. The extra students are not enrolled in SQL: their marks stay out of the projections
 * (integrity SPEC P2), which the bench does not read.
 */
import { gridColumns } from '../../src/lib/state/grid/columns';
import { readGradebook } from '../../src/lib/ydoc/gradebook';
import { mergeRoster } from '../../src/lib/ydoc/roster';
import type { SyncServer } from '../../sync-server/sync-server';

export async function widenGradebook(sync: SyncServer, document: string, students: number, columns: number): Promise<void> {
	await sync.change(document, (doc) => {
		const read = readGradebook(doc);
		if (!read.ok) throw new Error(`gradebook unreadable: ${read.reason}`);
		const extra = Array.from({ length: Math.max(0, students - read.roster.length) }, (_, i) => ({ id: `bench-${i}`, name: `Học Sinh Thêm ${i + 1}`, code: `BENCH${i}` }));
		// The grid shows the marks, then the term average(s), then the comment.
		const shown = gridColumns(read.meta).length;
		const regular = read.meta.columns.filter((c) => c.kind === 'regular').length;
		const added = Array.from({ length: Math.max(0, columns - shown) }, (_, i) => ({ key: `bench-tx${i + 1}`, label: `ĐĐGtx${regular + i + 1}`, kind: 'regular' as const }));
		if (extra.length > 0) mergeRoster(doc, extra);
		if (added.length > 0) {
			const last = read.meta.columns.findLastIndex((c) => c.kind === 'regular');
			doc.getMap('meta').set('columns', [...read.meta.columns.slice(0, last + 1), ...added, ...read.meta.columns.slice(last + 1)]);
		}
	});
}
