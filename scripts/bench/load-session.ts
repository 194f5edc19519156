/**
 * The load on one server: D × C clients connected and the gradebooks seeded once, then segments
 * of mark entry on an open-loop schedule (a late timer does not lower the offered rate). Only
 * measured segments count in the figures; after each segment the session waits for its marks to
 * land, so the next segment — maybe on the other server — starts quiet.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchClient, type LoadTarget } from './bench-client';
import { EditLedger } from './edit-ledger';
import { cellPlan, seededRandom } from './gradebook-fixture';
import { summarize, type LatencySummary } from './latency-summary';
import { LoopLagProbe } from './loop-lag-probe';
import type { BenchOptions } from './options';

const CONNECT_TIMEOUT_MS = 20_000;
export const DRAIN_TIMEOUT_MS = 3_000;

export interface SegmentHooks {
	onStart(): void;
	onEnd(): void | Promise<void>;
}

export interface LoadResult {
	/** Total length of the measured segments. */
	windowSeconds: number;
	marksSent: number;
	/** Remote marks applied by clients during the measured segments. */
	marksApplied: number;
	fanOut: LatencySummary | null;
	/** Fan-out p99 of each measured segment, in order (a segment without samples is left out). */
	segmentP99s: number[];
	/** Edit → "persisted" acknowledgement; null for a server that does not send it. */
	durable: LatencySummary | null;
	/** Deliveries of measured marks that had not arrived when the last drain ended. */
	undelivered: number;
	/** Measured marks never acknowledged as durable (our server only). */
	notDurable: number;
	disconnects: number;
	/** The load generator itself: if it is saturated, latencies are the clients', not the server's. */
	clientProcess: { cpuSeconds: number; loopLag: LatencySummary | null };
}

export class LoadSession {
	readonly #target: LoadTarget;
	readonly #options: BenchOptions;
	readonly #ledger: EditLedger;
	readonly #clients: BenchClient[];
	readonly #loopLag = new LoopLagProbe();
	#segments = 0;
	#measuredSeconds = 0;
	#clientCpuSeconds = 0;
	readonly #segmentP99s: number[] = [];

	private constructor(target: LoadTarget, options: BenchOptions) {
		this.#target = target;
		this.#options = options;
		this.#ledger = new EditLedger(options.clients);
		this.#clients = [];
		for (let documentIndex = 0; documentIndex < options.docs; documentIndex += 1) {
			for (let client = 0; client < options.clients; client += 1) {
				const plan = cellPlan(documentIndex, client, options.clients);
				this.#clients.push(new BenchClient(target, documentIndex, client, plan, this.#ledger));
			}
		}
	}

	/** Connects every client and seeds every gradebook (header and roster, as the app's server does). */
	static async open(target: LoadTarget, options: BenchOptions): Promise<LoadSession> {
		// Each provider adds a process 'exit' listener.
		process.setMaxListeners(process.getMaxListeners() + options.docs * options.clients);
		const session = new LoadSession(target, options);
		const clients = session.#clients;
		try {
			await waitFor(() => clients.every((client) => client.provider.synced), 'every client synced', CONNECT_TIMEOUT_MS);
			if (!target.provisioned) {
				for (let documentIndex = 0; documentIndex < options.docs; documentIndex += 1) clients[documentIndex * options.clients]!.seedGradebook();
			}
			await waitFor(() => clients.every((client) => client.hasRoster()), 'every client has the roster', CONNECT_TIMEOUT_MS);
		} catch (error) {
			session.destroy();
			throw error;
		}
		return session;
	}

	/** Enters marks for `seconds`, then waits (bounded) for them to fan out and be acknowledged. */
	async run(seconds: number, measured: boolean, hooks?: SegmentHooks): Promise<void> {
		const options = { awareness: this.#options.awareness, inWindow: measured, trackDurable: this.#target.reportsPersisted };
		const schedule = this.#startSchedule((client, tenths) => client.enterMark(tenths, options));
		const samplesBefore = this.#ledger.fanOut.length;
		try {
			const cpuBefore = process.cpuUsage();
			const started = performance.now();
			if (measured) {
				this.#loopLag.start();
				this.#ledger.openWindow();
				hooks?.onStart();
			}
			await sleep(seconds * 1000);
			schedule.stop();
			if (measured) {
				this.#ledger.closeWindow();
				this.#measuredSeconds += (performance.now() - started) / 1000;
				this.#loopLag.stop();
				const cpu = process.cpuUsage(cpuBefore);
				this.#clientCpuSeconds += (cpu.user + cpu.system) / 1e6;
				await hooks?.onEnd();
			}
		} finally {
			schedule.stop();
			this.#loopLag.stop();
		}
		const settled = () => this.#ledger.undelivered('all') === 0 && this.#notDurable('all') === 0;
		await waitFor(settled, 'drain', DRAIN_TIMEOUT_MS).catch(() => undefined);
		// This session's samples since the segment began: its marks, delivered during it or the drain.
		const segment = measured ? summarize(this.#ledger.fanOut.slice(samplesBefore)) : null;
		if (segment) this.#segmentP99s.push(segment.p99);
	}

	result(): LoadResult {
		const ledger = this.#ledger;
		return {
			windowSeconds: this.#measuredSeconds,
			marksSent: ledger.sentInWindow,
			marksApplied: ledger.appliedInWindow,
			fanOut: summarize(ledger.fanOut),
			segmentP99s: [...this.#segmentP99s],
			durable: this.#target.reportsPersisted ? summarize(ledger.durableLatencies) : null,
			undelivered: ledger.undelivered('measured'),
			notDurable: this.#notDurable('measured'),
			disconnects: this.#clients.reduce((sum, client) => sum + client.disconnects, 0),
			clientProcess: { cpuSeconds: this.#clientCpuSeconds, loopLag: summarize(this.#loopLag.lags) }
		};
	}

	destroy(): void {
		for (const client of this.#clients) client.destroy();
	}

	#notDurable(which: 'all' | 'measured'): number {
		return this.#clients.reduce((sum, client) => sum + client.notYetDurable(which), 0);
	}

	/**
	 * Each client enters a mark every 1/rate s from a random phase, on a fixed timetable: a timer
	 * that fires late is followed by one that fires early, so the offered rate stays the same.
	 */
	#startSchedule(enter: (client: BenchClient, tenths: number) => void): { stop(): void } {
		const segment = this.#segments++;
		const periodMs = 1000 / this.#options.rate;
		const start = performance.now();
		const timers = new Set<ReturnType<typeof setTimeout>>();
		let stopped = false;
		for (const [index, client] of this.#clients.entries()) {
			const random = seededRandom(this.#options.seed * 100_003 + segment * 7_919 + index);
			let due = start + random() * periodMs;
			const arm = () => {
				const timer = setTimeout(() => {
					timers.delete(timer);
					if (stopped) return;
					// Marks 4.0–10.0, as integer tenths.
					enter(client, 40 + Math.floor(random() * 61));
					due += periodMs;
					arm();
				}, Math.max(0, due - performance.now()));
				timers.add(timer);
			};
			arm();
		}
		return {
			stop() {
				stopped = true;
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
			}
		};
	}
}

async function waitFor(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!condition()) {
		if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
		await sleep(20);
	}
}
