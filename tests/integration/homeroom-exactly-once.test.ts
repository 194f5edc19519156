/**
 * Exactly-once homeroom projection with several instances (sync-server SPEC F5, F7), without
 * timing luck: two homeroom projections on one database stand for two sync server instances, each
 * with its own replica of one homeroom document. An update reaches the other instance through the
 * fan-out (applied without hooks, as room.ts does). Each instance must audit only the fields its
 * own client wrote, under that client's person, and write only those fields' columns: before this
 * rule an instance diffed the whole document against its own cache, so it audited the other
 * instance's edit a second time, and upserted whole rows from that cache, so it put back a field
 * the other instance had just written.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as t from '../../drizzle/schema';
import { homeroomProjection } from '../../src/lib/server/homeroom/homeroom-projection';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';
import { readHomeroom, writeHomeroom, type HomeroomPatch, type HomeroomValues } from '../../src/lib/ydoc/homeroom';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { whenSynced } from './helpers/sync-clients';

const CLASS = '9a1';
const DOCUMENT = formatDocumentName({ kind: 'homeroom', school: 'thcs-nvb', year: '2025-2026', term: 'hk1', classCode: CLASS });
const ACTOR_A = { personId: 'staff-a', name: 'Người gửi qua A' };
const ACTOR_B = { personId: 'staff-b', name: 'Người gửi qua B' };

describe('a homeroom document edited on two instances is audited once per field, under its sender', () => {
	let running: RunningApp;
	let gvcn: { id: string; name: string };
	let students: string[];
	let seed: Uint8Array;
	let seeded: Map<string, HomeroomValues>;

	beforeAll(async () => {
		running = await startComposedApp('postgres', 'sodiem-homeroom-once-');
		const db = running.app.services.db;
		const [teacher] = await db
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.homeroomAssignments)
			.innerJoin(t.people, eq(t.people.id, t.homeroomAssignments.personId))
			.where(eq(t.homeroomAssignments.classCode, CLASS));
		gvcn = teacher!;
		students = (await db.select().from(t.enrolments).where(eq(t.enrolments.classCode, CLASS))).slice(0, 6).map((e) => e.studentId);
		const client = running.connect(DOCUMENT, gvcn, 'read');
		await whenSynced(client);
		seed = Y.encodeStateAsUpdate(client.doc);
		const read = readHomeroom(client.doc);
		if (!read.ok) throw new Error(`the seeded homeroom document does not read: ${read.reason}`);
		seeded = read.records;
		client.destroy();
	}, 120_000);

	afterAll(async () => {
		await running?.stop();
	});

	const db = () => running.app.services.db;
	function replica(): Y.Doc {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, seed);
		return doc;
	}
	/** The client on `doc` writes `patch` for a student; returns the update, as its sync server receives it. */
	function write(doc: Y.Doc, studentId: string, patch: HomeroomPatch): Uint8Array {
		const made: Uint8Array[] = [];
		const listener = (update: Uint8Array) => void made.push(update);
		doc.on('update', listener);
		writeHomeroom(doc, [{ studentId, patch }], { actor: gvcn, at: Date.now(), offline: false });
		doc.off('update', listener);
		return Y.mergeUpdates(made);
	}
	/** A conduct level other than the seeded one, so the edit is a change. */
	const otherConduct = (studentId: string) => (seeded.get(studentId)?.conduct === 'Tốt' ? 'Khá' : 'Tốt');
	/** A count of sessions other than the seeded one. */
	const moreThanSeeded = (studentId: string, field: 'absencesExcused' | 'absencesUnexcused', more = 1) => (seeded.get(studentId)?.[field] ?? 0) + more;
	const auditOf = (studentIds: string[]) =>
		db()
			.select({ studentId: t.homeroomAudit.studentId, field: t.homeroomAudit.field, newValue: t.homeroomAudit.newValue, personId: t.homeroomAudit.personId, personName: t.homeroomAudit.personName })
			.from(t.homeroomAudit)
			.where(and(eq(t.homeroomAudit.document, DOCUMENT), inArray(t.homeroomAudit.studentId, studentIds), inArray(t.homeroomAudit.personId, [ACTOR_A.personId, ACTOR_B.personId])))
			.orderBy(t.homeroomAudit.id);
	const rowOf = async (studentId: string) =>
		(await db().select().from(t.homeroomEntries).where(and(eq(t.homeroomEntries.document, DOCUMENT), eq(t.homeroomEntries.studentId, studentId))))[0];

	it('sync-server SPEC F5, F7: each edit is audited once, by the instance its sender is connected to; different fields of one student written on two instances both reach SQL', async () => {
		const a = homeroomProjection(db());
		const b = homeroomProjection(db());
		const onA = replica();
		const onB = replica();
		const [s0, s1, s2, s3] = students as [string, string, string, string];

		// B has projected this document before (it knows the rows), then A's client writes.
		const first = write(onB, s0, { comment: 'Nhận xét gửi qua B' });
		await b.hook({ document: DOCUMENT, doc: onB, actor: ACTOR_B, update: first });
		Y.applyUpdate(onA, first);
		const fromA = write(onA, s1, { conduct: otherConduct(s1) });
		await a.hook({ document: DOCUMENT, doc: onA, actor: ACTOR_A, update: fromA });
		// The fan-out brings A's edit to B (no hooks), then B's client writes another student.
		Y.applyUpdate(onB, fromA);
		const fromB = write(onB, s2, { absencesExcused: moreThanSeeded(s2, 'absencesExcused') });
		await b.hook({ document: DOCUMENT, doc: onB, actor: ACTOR_B, update: fromB });
		Y.applyUpdate(onA, fromB);

		// Concurrently, on the two instances, two fields of one student: neither has seen the other.
		const conductOnA = write(onA, s3, { conduct: otherConduct(s3) });
		const commentOnB = write(onB, s3, { comment: 'Nhận xét cùng lúc qua B' });
		await a.hook({ document: DOCUMENT, doc: onA, actor: ACTOR_A, update: conductOnA });
		await b.hook({ document: DOCUMENT, doc: onB, actor: ACTOR_B, update: commentOnB });
		Y.applyUpdate(onB, conductOnA);
		Y.applyUpdate(onA, commentOnB);
		await Promise.all([a.idle(), b.idle()]);

		expect(await auditOf([s0, s1, s2, s3])).toEqual([
			{ studentId: s0, field: 'comment', newValue: 'Nhận xét gửi qua B', ...fromActor(ACTOR_B) },
			{ studentId: s1, field: 'conduct', newValue: otherConduct(s1), ...fromActor(ACTOR_A) },
			{ studentId: s2, field: 'absencesExcused', newValue: String(moreThanSeeded(s2, 'absencesExcused')), ...fromActor(ACTOR_B) },
			{ studentId: s3, field: 'conduct', newValue: otherConduct(s3), ...fromActor(ACTOR_A) },
			{ studentId: s3, field: 'comment', newValue: 'Nhận xét cùng lúc qua B', ...fromActor(ACTOR_B) }
		]);
		// Both concurrent fields survive in SQL, and the fields nobody touched keep their values.
		const row = await rowOf(s3);
		expect(row).toMatchObject({ conduct: otherConduct(s3), comment: 'Nhận xét cùng lúc qua B', absencesExcused: seeded.get(s3)?.absencesExcused ?? null });
		// SQL is what both replicas now read.
		for (const doc of [onA, onB]) {
			const read = readHomeroom(doc);
			expect(read.ok && read.records.get(s3)).toMatchObject({ conduct: row!.conduct, comment: row!.comment });
		}
	});

	it('sync-server SPEC D3, F7: fields of a projection given up are projected, once, with the next update', async () => {
		const a = homeroomProjection(db());
		const onA = replica();
		const [, , , , s4, s5] = students as [string, string, string, string, string, string];
		await db().execute(sql`alter table homeroom_audit rename to homeroom_audit_away`);
		const lost = write(onA, s4, { conductComment: 'Viết khi bảng nhật ký vắng' });
		try {
			await expect(a.hook({ document: DOCUMENT, doc: onA, actor: ACTOR_A, update: lost })).rejects.toThrow();
		} finally {
			await db().execute(sql`alter table homeroom_audit_away rename to homeroom_audit`);
		}
		expect(await auditOf([s4])).toEqual([]);
		const next = write(onA, s5, { absencesUnexcused: moreThanSeeded(s5, 'absencesUnexcused') });
		await a.hook({ document: DOCUMENT, doc: onA, actor: ACTOR_A, update: next });
		await a.idle();
		expect(await auditOf([s4, s5])).toEqual(
			expect.arrayContaining([
				{ studentId: s4, field: 'conductComment', newValue: 'Viết khi bảng nhật ký vắng', ...fromActor(ACTOR_A) },
				{ studentId: s5, field: 'absencesUnexcused', newValue: String(moreThanSeeded(s5, 'absencesUnexcused')), ...fromActor(ACTOR_A) }
			])
		);
		expect((await auditOf([s4, s5])).length).toBe(2);
		expect(await rowOf(s4)).toMatchObject({ conductComment: 'Viết khi bảng nhật ký vắng' });
		// Nothing is owed any more: a further update projects only its own field.
		await a.hook({ document: DOCUMENT, doc: onA, actor: ACTOR_A, update: write(onA, s5, { absencesUnexcused: moreThanSeeded(s5, 'absencesUnexcused', 2) }) });
		expect((await auditOf([s4, s5])).length).toBe(3);
	});
});

function fromActor(actor: { personId: string; name: string }) {
	return { personId: actor.personId, personName: actor.name };
}
