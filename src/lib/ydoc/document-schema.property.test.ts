/**
 * Property (sync-server SPEC V3–V8, V11): random well-formed-but-hostile operations from a
 * writer's replica against the server's gradebook. Each update is accepted exactly when the
 * operation is legal; whatever was accepted, every mark the gradebook shows is legal and on the
 * roster × columns, the history never shrinks, and meta and roster never change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusedUpdate, validateUpdate, type Writer } from './document-schema';
import { cellKey, initGradebook, readGradebook, splitCellKey, type CellEdit, type CellValue } from './gradebook';
import { MAX_AGE_MS, MAX_AHEAD_MS } from './schema-checks';

const NOW = Date.UTC(2026, 10, 30, 4, 0);
const DAY = 86_400_000;
const LAN: Writer = { personId: 'gv-lan', name: 'Nguyễn Thị Lan' };
const STUDENTS = ['hs-1', 'hs-2', 'hs-3'];
const COLUMNS = ['tx1', 'gk', 'ck'];

type Operation =
	| { type: 'mark'; student: string; column: string; value: unknown; at: number; by: string }
	| { type: 'erase'; index: number }
	| { type: 'meta'; value: number }
	| { type: 'drop-student'; student: string }
	| { type: 'comment'; student: string; length: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
	fc.record({
		type: fc.constant('mark' as const),
		student: fc.constantFrom(...STUDENTS, 'ghost', '=1+2'),
		column: fc.constantFrom(...COLUMNS, 'tx9', '@SUM(A1)'),
		value: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(null, 101, -1, 8.5, 'Đ', '=1+2', 1e20)),
		at: fc.oneof(fc.constant(NOW), fc.integer({ min: NOW - 500 * DAY, max: NOW + 2 * DAY })),
		by: fc.constantFrom(LAN.personId, LAN.personId, 'gv-minh')
	}),
	fc.record({ type: fc.constant('erase' as const), index: fc.nat() }),
	fc.record({ type: fc.constant('meta' as const), value: fc.integer({ min: 0, max: 100 }) }),
	fc.record({ type: fc.constant('drop-student' as const), student: fc.constantFrom(...STUDENTS) }),
	fc.record({ type: fc.constant('comment' as const), student: fc.constantFrom(...STUDENTS, 'ghost'), length: fc.integer({ min: 0, max: 2100 }) })
);

function isLegal(op: Operation, historyLength: number): boolean {
	switch (op.type) {
		case 'mark': {
			const value = op.value;
			const legalValue = value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100);
			const inWindow = op.at >= NOW - MAX_AGE_MS && op.at <= NOW + MAX_AHEAD_MS;
			return STUDENTS.includes(op.student) && COLUMNS.includes(op.column) && legalValue && inWindow && op.by === LAN.personId;
		}
		case 'comment':
			return STUDENTS.includes(op.student) && op.length <= 2000;
		case 'erase':
			return historyLength === 0; // nothing to erase: an empty update
		default:
			return false;
	}
}

function perform(op: Operation, doc: Y.Doc): void {
	const id = `${doc.clientID}-${Y.getState(doc.store, doc.clientID)}-0`;
	switch (op.type) {
		case 'mark': {
			const edit: CellEdit = { id, cell: cellKey(op.student, op.column), value: op.value as CellValue, replaces: [], by: op.by, byName: op.by === LAN.personId ? LAN.name : 'Trần Văn Minh', at: op.at, offline: false, kind: 'edit' };
			doc.getArray('history').push([edit]);
			return;
		}
		case 'erase': {
			const history = doc.getArray('history');
			if (history.length > 0) history.delete(op.index % history.length, 1);
			return;
		}
		case 'meta':
			doc.getMap('meta').set('schemaVersion', op.value);
			return;
		case 'drop-student':
			doc.getMap('students').delete(op.student);
			return;
		case 'comment':
			doc.getMap('comments').set(op.student, { text: 'x'.repeat(op.length), by: LAN.personId, byName: LAN.name, at: NOW, id });
	}
}

describe('hostile writer against the server gradebook (property)', () => {
	it('accepts exactly the legal operations and keeps every invariant', () => {
		fc.assert(
			fc.property(fc.array(operation, { minLength: 1, maxLength: 15 }), (operations) => {
				const server = new Y.Doc();
				initGradebook(
					server,
					{ school: 's', year: '2025-2026', term: 'hk1', classCode: '6a1', className: '6A1', subjectCode: 'toan', subjectName: 'Toán', assessment: 'score', columns: COLUMNS.map((key) => ({ key, label: key, kind: 'regular' as const })) },
					STUDENTS.map((id) => ({ id, name: id, code: id }))
				);
				const metaBefore = JSON.stringify(server.getMap('meta').toJSON());
				const rosterBefore = JSON.stringify(server.getMap('students').toJSON());
				let historyLength = 0;
				for (const op of operations) {
					const replica = new Y.Doc();
					Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
					const before = Y.encodeStateVector(replica);
					perform(op, replica);
					const update = Y.encodeStateAsUpdate(replica, before);
					let accepted = true;
					try {
						validateUpdate('gradebook', server, update, { writer: LAN, now: NOW });
					} catch (error) {
						if (!(error instanceof RefusedUpdate)) throw error;
						accepted = false;
					}
					expect(accepted, JSON.stringify(op)).toBe(isLegal(op, historyLength));
					if (accepted) Y.applyUpdate(server, update);

					const read = readGradebook(server);
					if (!read.ok) throw new Error(`gradebook unreadable: ${read.reason}`);
					for (const [cell, entry] of read.cells) {
						const [student, column] = splitCellKey(cell);
						expect(STUDENTS).toContain(student);
						expect(COLUMNS).toContain(column);
						expect(entry.value === null || (Number.isInteger(entry.value) && (entry.value as number) >= 0 && (entry.value as number) <= 100)).toBe(true);
					}
					expect(server.getArray('history').length).toBeGreaterThanOrEqual(historyLength);
					historyLength = server.getArray('history').length;
					expect(JSON.stringify(server.getMap('meta').toJSON())).toBe(metaBefore);
					expect(JSON.stringify(server.getMap('students').toJSON())).toBe(rosterBefore);
				}
			}),
			{ numRuns: 60 }
		);
	});
});
