/**
 * Hostile frames from authenticated sockets: random bytes, truncated and corrupted frames, text
 * frames. Each may close its own connection (4400 malformed, or 4422 when a corrupted update
 * still parses but its content is refused — sync-server SPEC V1, V2) and nothing else:
 * afterwards the process is alive, /healthz answers and stock clients still sync.
 */
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '../../src/lib/ydoc/wire';
import { openSyncBackend, syncBackendNames, type SyncBackend } from './helpers/sync-backend';
import { connectClient, TICKET_SECRET_ENV, ticketFor, tryUpgrade, uniqueDocument, waitUntil, whenSynced } from './helpers/sync-clients';
import { startSyncServerProcess, type SyncServerProcess } from './helpers/sync-server-process';

/** Frames a real client sends, to be cut short or corrupted. */
function validFrames(): Uint8Array[] {
	const doc = new Y.Doc();
	doc.getMap('cells').set('hs-01/tx1', 85);
	doc.getArray('log').push(['a', { nested: [1, 2, 3] }]);
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState({ user: { name: 'Cô Lan' } });
	const frame = (write: (encoder: encoding.Encoder) => void) => {
		const encoder = encoding.createEncoder();
		write(encoder);
		return encoding.toUint8Array(encoder);
	};
	const frames = [
		frame((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeSyncStep1(e, doc))),
		frame((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeSyncStep2(e, doc))),
		frame((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc)))),
		frame((e) => {
			encoding.writeVarUint(e, MessageType.awareness);
			encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
		})
	];
	awareness.destroy();
	return frames;
}

const hostileFrame = fc.oneof(
	fc.record({ kind: fc.constant('binary' as const), bytes: fc.uint8Array({ maxLength: 300 }) }),
	fc.record({
		kind: fc.constant('binary' as const),
		bytes: fc
			.tuple(fc.constantFrom(...validFrames()), fc.nat(), fc.uint8Array({ maxLength: 3 }))
			.map(([frame, cut, junk]) => {
				const truncated = frame.slice(0, cut % frame.length);
				return junk.length > 0 && cut % 2 === 0 ? Uint8Array.of(...truncated, ...junk) : truncated;
			})
	}),
	fc.record({
		kind: fc.constant('binary' as const),
		// Corrupted payloads: a real frame with a few bytes overwritten, so Yjs and awareness decoders see garbage.
		bytes: fc
			.tuple(fc.constantFrom(...validFrames()), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }))
			.map(([frame, edits]) => {
				const corrupted = frame.slice();
				for (const [position, value] of edits) corrupted[2 + (position % (corrupted.length - 2))] = value;
				return corrupted;
			})
	}),
	fc.record({
		kind: fc.constant('binary' as const),
		bytes: fc.tuple(fc.constantFrom(0, 1, 2, 3, 100, 101), fc.uint8Array({ maxLength: 40 })).map(([type, rest]) => Uint8Array.of(type, ...rest))
	}),
	fc.record({ kind: fc.constant('text' as const), text: fc.string({ maxLength: 50 }) })
);

type HostileFrame = { kind: 'binary'; bytes: Uint8Array } | { kind: 'text'; text: string };

/** Sends one frame on a fresh authenticated socket; returns the close code, or 'open' if it is still fine. */
async function sendHostile(url: () => string, frame: HostileFrame): Promise<number | 'open'> {
	const outcome = await tryUpgrade(url());
	if (!outcome.opened) throw new Error(`upgrade refused with ${outcome.status}`);
	const socket = outcome.socket;
	const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
	socket.send(frame.kind === 'binary' ? frame.bytes : frame.text, { binary: frame.kind === 'binary' });
	const result = await Promise.race([closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 60))]);
	if (result === 'open') {
		socket.close();
		await closed;
	}
	return result;
}

describe.each(syncBackendNames)('hostile frames on %s', (backendName) => {
	let backend: SyncBackend;
	let server: SyncServerProcess;
	let gradebooks: string[];

	beforeAll(async () => {
		backend = await openSyncBackend(backendName);
		gradebooks = await backend.provisionGradebooks(2);
		server = await startSyncServerProcess({ env: { ...backend.env, ...TICKET_SECRET_ENV } });
	});
	afterAll(async () => {
		await server?.stop();
		await backend?.cleanup();
	});

	it('random bytes, truncated frames and text frames never crash the server (sync-server SPEC E1, E3)', async () => {
		const document = gradebooks[0]!;
		// A ticket opens one socket: a fresh one for each.
		const url = () => `${server.syncUrl}/${document}?ticket=${ticketFor(document, 'write', { personId: 'fuzzer' })}`;
		const closeCodes = new Set<number | 'open'>();
		await fc.assert(
			fc.asyncProperty(hostileFrame, async (frame) => {
				const result = await sendHostile(url, frame);
				closeCodes.add(result);
				// Closed as malformed or refused, or a frame that happened to be harmless: nothing else.
				expect([CloseCode.malformedMessage, CloseCode.refusedUpdate, 'open']).toContain(result);
			}),
			{ numRuns: 120 }
		);
		expect(closeCodes.has(CloseCode.malformedMessage)).toBe(true);

		const health = await fetch(`${server.httpUrl}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.json()).toMatchObject({ ok: true, db: backendName, database: 'ok' });

		const other = gradebooks[1]!;
		const first = connectClient(server.syncUrl, other, ticketFor(other, 'write', { personId: 'first' }));
		const second = connectClient(server.syncUrl, other, ticketFor(other, 'write', { personId: 'second' }));
		try {
			await Promise.all([whenSynced(first), whenSynced(second)]);
			first.mark('hs-01', 'tx1', 100);
			await waitUntil(() => second.marks()['hs-01:tx1'] === 100, 'a normal client still syncs');
		} finally {
			first.destroy();
			second.destroy();
		}
		expect(server.logs.some((line) => line.message === 'malformed message')).toBe(true);
		// Hostile input is the peer's fault, never an internal error.
		expect(server.logs.filter((line) => line.level === 'error')).toEqual([]);
	});

	it('a frame torn mid-send (socket destroyed) is survived too (sync-server SPEC E3)', async () => {
		const document = uniqueDocument();
		for (let attempt = 0; attempt < 10; attempt++) {
			const outcome = await tryUpgrade(`${server.syncUrl}/${document}?ticket=${ticketFor(document, 'write')}`);
			if (!outcome.opened) throw new Error('refused');
			// Write a frame header promising 1000 bytes, then vanish.
			const raw = (outcome.socket as WebSocket & { _socket: import('node:net').Socket })._socket;
			raw.write(Buffer.from([0x82, 0x7e, 0x03, 0xe8, 0, 0, 0, 0, 1, 2, 3]));
			raw.destroy();
		}
		const health = await fetch(`${server.httpUrl}/healthz`);
		expect(health.status).toBe(200);
	});
});
