/**
 * The process's group-commit window (sync-server SPEC S11): one timer for every document.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { recordingLog, ScriptedStorage } from '../testing/storage-doubles';
import { CommitClock } from './commit-clock';
import { Persister } from './persister';

afterEach(() => {
	vi.useRealTimers();
});

/** A clock of 10 ms on fake timers, and work that records its name when it runs. */
function recordingClock() {
	vi.useFakeTimers();
	const ran: string[] = [];
	return { clock: new CommitClock(10), ran, work: (name: string) => () => void ran.push(name) };
}

describe('CommitClock (sync-server SPEC S11)', () => {
	it('runs everything scheduled within a window at one tick, once each, with one timer', () => {
		const { clock, ran, work } = recordingClock();
		const a = work('a');
		const b = work('b');
		clock.schedule(a);
		vi.advanceTimersByTime(6);
		clock.schedule(b);
		clock.schedule(a);
		expect(vi.getTimerCount()).toBe(1);
		vi.advanceTimersByTime(3);
		expect(ran).toEqual([]);
		// The window opened by the first schedule ends 10 ms after it, for both.
		vi.advanceTimersByTime(1);
		expect(ran).toEqual(['a', 'b']);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('is idle until asked again, and a cancelled work does not run', () => {
		const { clock, ran, work } = recordingClock();
		const a = work('a');
		clock.schedule(a);
		clock.schedule(work('b'));
		clock.cancel(a);
		vi.advanceTimersByTime(10);
		expect(ran).toEqual(['b']);
		// Nothing left: no timer keeps waking the process.
		clock.schedule(a);
		clock.cancel(a);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('work scheduled while a tick runs waits for the next window', () => {
		const { clock, ran, work } = recordingClock();
		const again = work('again');
		clock.schedule(() => {
			ran.push('first');
			clock.schedule(again);
		});
		vi.advanceTimersByTime(10);
		expect(ran).toEqual(['first']);
		vi.advanceTimersByTime(10);
		expect(ran).toEqual(['first', 'again']);
	});

	it('one work that throws does not keep the others of its tick from running', () => {
		const { clock, ran, work } = recordingClock();
		clock.schedule(() => {
			throw new Error('broken');
		});
		clock.schedule(work('other'));
		expect(() => vi.advanceTimersByTime(10)).toThrow('broken');
		expect(ran).toEqual(['other']);
	});

	it('documents whose windows overlap commit at the same tick, in one turn of the event loop', async () => {
		const clock = new CommitClock(30);
		const storage = new ScriptedStorage();
		// Counts turns of the event loop, to tell appends made in one turn from appends made in several.
		const turns: number[] = [];
		let turn = 0;
		let immediate = setImmediate(function bump() {
			turn += 1;
			immediate = setImmediate(bump);
		});
		const inner = storage.append.bind(storage);
		storage.append = (document, updates) => {
			turns.push(turn);
			return inner(document, updates);
		};
		const docs = ['gradebook/thcs-nvb/2025-2026/hk1/6a1/toan', 'gradebook/thcs-nvb/2025-2026/hk1/6a2/toan', 'homeroom/thcs-nvb/2025-2026/hk1/6a1'].map((document) => {
			const doc = new Y.Doc();
			const persister = new Persister({ document, storage, stateVector: () => Y.encodeStateVector(doc), onPersisted: () => {}, clock, compactAfterRows: 500, log: recordingLog().log });
			doc.on('update', (update: Uint8Array) => persister.enqueue(update));
			return { doc, persister };
		});
		for (const [index, { doc }] of docs.entries()) {
			doc.getMap('cells').set('a', index);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		await Promise.all(docs.map(({ persister }) => persister.whenDurable()));
		clearImmediate(immediate);
		expect(turns).toHaveLength(3);
		expect(new Set(turns).size).toBe(1);
	});
});
