/**
 * Edits that arrive after a term lock are not lost (issue: "Term lock"): the sync server refuses
 * them (read-only), and this hook keeps them as a correction request listing each changed mark.
 * The principal approves (the marks are written, on their behalf, and audited) or rejects with a
 * reason the teacher sees.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../../../../drizzle/database';
import { correctionCells, correctionRequests, yjsDocuments } from '../../../../drizzle/schema';
import { documentAccess } from '../../domain/access/policy';
import { markFromText } from '../../domain/marks/cell-text';
import { parseDocumentName } from '../../ydoc/document-name';
import { readGradebook, writeCells, type CellValue } from '../../ydoc/gradebook';
import { loadGrants } from '../grants';
import type { SyncControl, SyncPerson } from '../services';
import { orderedPerKey } from '../ordered-per-key';
import { cellChanges, marksByCell } from './cell-changes';
import { loadGradebookScope, screenChanges } from './gradebook-scope';
import { isClassLocked } from './term-locks';

export interface RefusedWrite {
	document: string;
	doc: Y.Doc;
	update: Uint8Array;
	actor: SyncPerson | null;
}

/** The marks a refused update would have changed: applied to a copy, never to the real document. */
function wouldChange(doc: Y.Doc, update: Uint8Array) {
	const current = readGradebook(doc);
	if (!current.ok) return [];
	const probe = new Y.Doc();
	Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
	Y.applyUpdate(probe, update);
	const after = readGradebook(probe);
	probe.destroy();
	return after.ok ? cellChanges(marksByCell(current.cells), after.cells) : [];
}

/** `onRequested`: told which students a new or updated correction request concerns (their views show it as pending). */
export function correctionCapture(db: Database, options: { onRequested?: (document: string, studentIds: readonly string[]) => void } = {}) {
	const ordered = orderedPerKey();
	// A live client's refused updates depend on each other (each continues its predecessor's
	// clock): Yjs integrates one only together with the ones before it, so keep them all.
	const refused = new Map<string, Uint8Array>();

	async function capture({ document, actor }: RefusedWrite, edits: ReturnType<typeof wouldChange>) {
		if (!actor || edits.length === 0) return;
		const parsed = parseDocumentName(document);
		if (!parsed.ok || parsed.ref.kind !== 'gradebook') return;
		const ref = parsed.ref;
		// A request holds only marks the projection would take, and only written ones (P8):
		// erasing history is never a correction to ask for.
		const changes = screenChanges(edits, await loadGradebookScope(db, ref)).accepted.filter((c) => c.entry);
		if (changes.length === 0) return;
		// Only a teacher of this gradebook locked out by the term lock has a correction to ask for;
		// anyone else's writes were never theirs to make.
		if (!(await isClassLocked(db, { school: ref.school, year: ref.year, term: ref.term, classCode: ref.classCode }))) return;
		if (documentAccess(await loadGrants(db, actor.personId), ref) !== 'write') return;
		// One pending request per teacher and gradebook, holding the latest value of each mark: the
		// client resends what the server lacks on every reconnect, and may edit a mark again.
		await db.transaction(async (tx) => {
			const [open] = await tx
				.select({ id: correctionRequests.id })
				.from(correctionRequests)
				.where(and(eq(correctionRequests.document, document), eq(correctionRequests.personId, actor.personId), eq(correctionRequests.status, 'pending')));
			const requestId =
				open?.id ??
				(await tx.insert(correctionRequests).values({ document, personId: actor.personId, personName: actor.name }).returning({ id: correctionRequests.id }))[0]!.id;
			await tx
				.insert(correctionCells)
				.values(changes.map((c) => ({ requestId, studentId: c.studentId, columnKey: c.columnKey, oldValue: c.oldValue, newValue: c.newValue })))
				.onConflictDoUpdate({
					target: [correctionCells.requestId, correctionCells.studentId, correctionCells.columnKey],
					set: { newValue: sql`excluded.new_value` }
				});
		});
		options.onRequested?.(document, [...new Set(changes.map((c) => c.studentId))]);
	}

	function hook(event: RefusedWrite): Promise<void> {
		const key = `${event.document}\n${event.actor?.personId ?? ''}`;
		const earlier = refused.get(key);
		const all = earlier ? Y.mergeUpdates([earlier, event.update]) : event.update;
		refused.set(key, all);
		// Computed now, while the document is as the refused update found it.
		const changes = wouldChange(event.doc, all);
		return ordered.run(event.document, () => capture(event, changes));
	}

	return {
		hook,
		idle: ordered.idle,
		backlog: ordered.backlog
	};
}

export async function correctionRequestsOf(
	db: Database,
	filter: { documents?: string[]; schools?: string[]; personId?: string; status?: 'pending' | 'approved' | 'rejected' }
) {
	const conditions = [
		filter.documents ? inArray(correctionRequests.document, filter.documents) : undefined,
		// A school's requests through its documents' key columns, not every request of the district.
		filter.schools ? inArray(correctionRequests.document, db.select({ name: yjsDocuments.name }).from(yjsDocuments).where(inArray(yjsDocuments.school, filter.schools))) : undefined,
		filter.personId ? eq(correctionRequests.personId, filter.personId) : undefined,
		filter.status ? eq(correctionRequests.status, filter.status) : undefined
	].filter((c) => c !== undefined);
	const requests = await db
		.select()
		.from(correctionRequests)
		.where(conditions.length > 0 ? and(...conditions) : undefined)
		.orderBy(desc(correctionRequests.id));
	if (requests.length === 0) return [];
	const cells = await db.select().from(correctionCells).where(inArray(correctionCells.requestId, requests.map((r) => r.id)));
	return requests.map((r) => ({ ...r, cells: cells.filter((c) => c.requestId === r.id) }));
}

export type DecisionResult = { ok: true } | { ok: false; reason: 'not-found' | 'already-decided' | 'reason-required' };

export async function decideCorrection(
	db: Database,
	sync: SyncControl,
	decision: { requestId: number; approve: boolean; reason?: string; by: SyncPerson; now: Date }
): Promise<DecisionResult> {
	const [request] = await db.select().from(correctionRequests).where(eq(correctionRequests.id, decision.requestId));
	if (!request) return { ok: false, reason: 'not-found' };
	if (request.status !== 'pending') return { ok: false, reason: 'already-decided' };
	const reason = decision.reason?.trim() ?? '';
	if (!decision.approve && reason === '') return { ok: false, reason: 'reason-required' };
	if (decision.approve) {
		const cells = await db.select().from(correctionCells).where(eq(correctionCells.requestId, request.id));
		const writes = cells.flatMap((c) => {
			const value = markFromText(c.newValue);
			return value === undefined ? [] : [{ studentId: c.studentId, columnKey: c.columnKey, value: value as CellValue }];
		});
		// Written by the server on the approver's behalf: the lock does not apply to it, and the
		// projection hook audits each mark with the approver as the person.
		await sync.change(request.document, (doc) => writeCells(doc, writes, { actor: { id: decision.by.personId, name: decision.by.name }, at: decision.now.getTime(), offline: false }), decision.by);
	}
	await db
		.update(correctionRequests)
		.set({ status: decision.approve ? 'approved' : 'rejected', decidedBy: decision.by.personId, decidedAt: decision.now, reason: reason || null })
		.where(eq(correctionRequests.id, request.id));
	// The marks are no longer pending in the students' views (parents SPEC PV3).
	const parsed = parseDocumentName(request.document);
	if (parsed.ok && parsed.ref.kind === 'gradebook') {
		const cells = await db.select({ studentId: correctionCells.studentId }).from(correctionCells).where(eq(correctionCells.requestId, request.id));
		await sync.refreshStudentViews?.({ year: parsed.ref.year, students: [...new Set(cells.map((c) => c.studentId))] });
	}
	return { ok: true };
}

/**
 * The marks `personId` asked to correct in one gradebook that still wait for a decision (sync
 * SPEC O5): the teacher's device marks those cells. A person sees only their own requests.
 */
export async function pendingCorrectionCells(db: Database, document: string, personId: string) {
	const requests = await correctionRequestsOf(db, { documents: [document], personId, status: 'pending' });
	return requests.flatMap((r) => r.cells.map((c) => ({ studentId: c.studentId, columnKey: c.columnKey, asked: c.newValue })));
}
