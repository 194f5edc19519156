import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../src/lib/ydoc/wire';
import { MalformedMessage, parseClientMessage } from './client-message';

function syncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

function parseOutcome(frame: Uint8Array): 'parsed' | 'malformed' {
	try {
		parseClientMessage(frame);
		return 'parsed';
	} catch (error) {
		if (error instanceof MalformedMessage) return 'malformed';
		throw error;
	}
}

describe('parseClientMessage', () => {
	it('reads the stock client frames', () => {
		const doc = new Y.Doc();
		doc.getMap('cells').set('a', 1);
		expect(parseClientMessage(syncStep1(doc)).kind).toBe('state-request');
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MessageType.sync);
		syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
		expect(parseClientMessage(encoding.toUint8Array(encoder))).toMatchObject({ kind: 'document-write', step: 'update' });
		expect(parseClientMessage(Uint8Array.of(MessageType.queryAwareness)).kind).toBe('query-awareness');
	});

	it('refuses unknown types, server-only messages, truncation and trailing bytes (sync-server SPEC E1)', () => {
		const valid = syncStep1(new Y.Doc());
		expect(() => parseClientMessage(new Uint8Array())).toThrow(MalformedMessage);
		expect(() => parseClientMessage(Uint8Array.of(7))).toThrow(MalformedMessage);
		expect(() => parseClientMessage(Uint8Array.of(MessageType.persisted, 0))).toThrow(MalformedMessage);
		expect(() => parseClientMessage(Uint8Array.of(MessageType.sync, 9, 0))).toThrow(MalformedMessage);
		expect(() => parseClientMessage(Uint8Array.of(0x80))).toThrow(MalformedMessage);
		expect(() => parseClientMessage(valid.subarray(0, valid.length - 1))).toThrow(MalformedMessage);
		expect(() => parseClientMessage(Uint8Array.of(...valid, 0))).toThrow(MalformedMessage);
	});

	it('never throws anything but MalformedMessage, whatever the bytes (sync-server SPEC E1, E3)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
				expect(['parsed', 'malformed']).toContain(parseOutcome(bytes));
			}),
			{ numRuns: 2_000 }
		);
	});
});
