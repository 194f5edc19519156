/**
 * Exactly-once projection with several instances (sync-server SPEC F5), without timing luck: two
 * projections on one database stand for two sync server instances. Instance B holds a gradebook
 * replica that already received instance A's edit through the fan-out (applied without hooks, as
 * room.ts does) when B's own client writes another cell. B must audit only what its client wrote;
 * A's edit is A's to audit. Before the fix B diffed the whole document against its own cache and
 * audited A's edit a second time, under B's sender.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as t from '../../drizzle/schema';
import { gradeProjection } from '../../src/lib/server/grades/grade-projection';
import { writeCell } from '../../src/lib/ydoc/gradebook';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { whenSynced } from './helpers/sync-clients';

const DOCUMENT = 'gradebook/thcs-nvb/2025-2026/hk1/9a1/khtn';

describe('a gradebook edited on two instances is audited once per edit, under its sender', () => {
	let running: RunningApp;
	let teacher: { id: string; name: string };
	let students: string[];
	let seed: Uint8Array;

	beforeAll(async () => {
		running = await startComposedApp('postgres', 'sodiem-exactly-once-');
		const db = running.app.services.db;
		const [assignment] = await db
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.teachingAssignments)
			.innerJoin(t.people, eq(t.people.id, t.teachingAssignments.personId))
			.where(and(eq(t.teachingAssignments.classCode, '9a1'), eq(t.teachingAssignments.subjectCode, 'khtn')));
		teacher = assignment!;
		students = (await db.select().from(t.enrolments).where(eq(t.enrolments.classCode, '9a1'))).slice(0, 3).map((e) => e.studentId);
		const client = running.connect(DOCUMENT, teacher, 'read');
		await whenSynced(client);
		seed = Y.encodeStateAsUpdate(client.doc);
		client.destroy();
	}, 120_000);

	afterAll(async () => {
		await running?.stop();
	});

	function replica(): Y.Doc {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, seed);
		return doc;
	}
	/** Writes through `write` and returns the update it made, as a sync server receives it. */
	function updateOf(doc: Y.Doc, write: () => void): Uint8Array {
		const made: Uint8Array[] = [];
		const listener = (update: Uint8Array) => void made.push(update);
		doc.on('update', listener);
		write();
		doc.off('update', listener);
		return Y.mergeUpdates(made);
	}

	it('sync-server SPEC F5: instance B does not audit instance A\'s edit again', async () => {
		const db = running.app.services.db;
		const a = gradeProjection(db);
		const b = gradeProjection(db);
		const onA = replica();
		const onB = replica();
		const stamp = (name: string) => ({ actor: { id: teacher.id, name }, at: Date.now(), offline: false });
		const actorA = { personId: 'staff-a', name: 'Người trên A' };
		const actorB = { personId: 'staff-b', name: 'Người trên B' };

		// B has projected this document before (its cache is loaded), then A's client writes.
		const first = updateOf(onB, () => writeCell(onB, students[0]!, 'tx3', 61, stamp('B')));
		await b.hook({ document: DOCUMENT, doc: onB, actor: actorB, update: first });
		Y.applyUpdate(onA, first);
		const fromA = updateOf(onA, () => writeCell(onA, students[1]!, 'tx3', 72, stamp('A')));
		await a.hook({ document: DOCUMENT, doc: onA, actor: actorA, update: fromA });
		// The fan-out brings A's edit to B (no hooks), then B's client writes another cell.
		Y.applyUpdate(onB, fromA);
		const fromB = updateOf(onB, () => writeCell(onB, students[2]!, 'tx3', 83, stamp('B')));
		await b.hook({ document: DOCUMENT, doc: onB, actor: actorB, update: fromB });
		await Promise.all([a.idle(), b.idle()]);

		const audit = await db
			.select({ studentId: t.gradeAudit.studentId, personId: t.gradeAudit.personId, newValue: t.gradeAudit.newValue })
			.from(t.gradeAudit)
			.where(and(eq(t.gradeAudit.document, DOCUMENT), eq(t.gradeAudit.columnKey, 'tx3')));
		expect(audit.sort((x, y) => x.studentId.localeCompare(y.studentId))).toEqual(
			[
				{ studentId: students[0], personId: 'staff-b', newValue: '6.1' },
				{ studentId: students[1], personId: 'staff-a', newValue: '7.2' },
				{ studentId: students[2], personId: 'staff-b', newValue: '8.3' }
			].sort((x, y) => x.studentId!.localeCompare(y.studentId!))
		);
	});
});
