/**
 * The ramp scenario: D documents × W writers + V viewers (light clients, light-client.ts), the
 * offered write rate stepping up on an open-loop schedule (a late tick sends what is due, so the
 * offered rate holds whatever the server does). Each step runs on fresh documents with fresh
 * connections — a step's figures do not depend on how big the earlier steps made a document —
 * then waits (bounded) for every write to reach every other client of its document.
 * A step passes when the fan-out p99 is at most the limit and every write was delivered; the
 * saturation point is the highest offered rate that passed, and the ramp stops after the first
 * step that fails (a server past saturation only falls further behind).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { writeCell, type Actor } from '../../src/lib/ydoc/gradebook';
import { cellPlan, documentName, seededRandom, type CellTarget } from './gradebook-fixture';
import { summarize, type LatencySummary } from './latency-summary';
import { connectionUrl, LightClient } from './light-client';
import { LoopLagProbe } from './loop-lag-probe';
import { ProcessSampler } from './proc-stats';
import { seed } from './provision';
import type { ServerUnderTest } from './servers';

export interface RampPlan {
	docs: number;
	writers: number;
	viewers: number;
	/** Offered writes per second of each step, all documents together. */
	rates: number[];
	stepSeconds: number;
	/** Fan-out p99 a step may reach and still pass. */
	p99LimitMs: number;
	/** Index of the first document this ramp may use (gradebook-fixture.ts documentName); step k uses the next `docs` after step k − 1's. */
	firstDocument: number;
	seed: number;
}

export interface RampStep {
	offered: number;
	/** Writes actually sent per second (below `offered` when the load generator could not keep up). */
	sentPerSecond: number;
	fanOut: LatencySummary | null;
	/** Edit → our "persisted" acknowledgement covering it; null for the reference. */
	durable: LatencySummary | null;
	undelivered: number;
	notDurable: number;
	disconnects: number;
	serverCpuPercent: number | null;
	/** Server CPU per write sent, µs: less sensitive to other work on the machine than latencies. */
	serverCpuMicrosPerWrite: number | null;
	helperCpuPercent: number | null;
	serverRssMiB: number | null;
	loadGeneratorCpuPercent: number;
	loadGeneratorLagP99: number | null;
	passed: boolean;
}

export interface RampResult {
	label: string;
	steps: RampStep[];
	/** Highest offered rate of a passed step; null if none passed. */
	saturation: number | null;
}

export const RAMP_DRAIN_MS = 3_000;
const CONNECT_TIMEOUT_MS = 20_000;
/** Fewest ms between two scheduler ticks: each tick sends everything due by then. */
const TICK_MS = 1;

/** Documents the ramp may touch, for provisioning: every step's, then the warm-up's. */
export function rampDocuments(plan: RampPlan): number[] {
	return Array.from({ length: (plan.rates.length + 1) * plan.docs }, (_, index) => plan.firstDocument + index);
}

/**
 * The plan of the warm-up step run before the measured ones, on documents of its own at the first
 * rate: a server's first seconds (JIT, PGlite's WASM tiering up on the machine's other core, first
 * statements) are not its saturation, and without the classroom scenario before it the first
 * step paid for them.
 */
export function rampWarmUp(plan: RampPlan): RampPlan {
	return { ...plan, rates: [plan.rates[0]!], firstDocument: plan.firstDocument + plan.rates.length * plan.docs };
}

export async function runRamp(server: ServerUnderTest, plan: RampPlan, log: (line: string) => void): Promise<RampResult> {
	const steps: RampStep[] = [];
	for (const [stepIndex, rate] of plan.rates.entries()) {
		const step = await runStep(server, plan, stepIndex, rate);
		steps.push(step);
		log(`  ${server.label}: ${formatStepLine(step, plan)}`);
		if (!step.passed) break;
	}
	const passed = steps.filter((step) => step.passed).map((step) => step.offered);
	return { label: server.label, steps, saturation: passed.length > 0 ? Math.max(...passed) : null };
}

export function formatStepLine(step: RampStep, plan: RampPlan): string {
	const p = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(value < 10 ? 2 : 1));
	return (
		`${String(step.offered).padStart(6)} writes/s offered, ${step.sentPerSecond.toFixed(0).padStart(6)} sent/s; ` +
		`fan-out p50 ${p(step.fanOut?.p50)} p99 ${p(step.fanOut?.p99)} max ${p(step.fanOut?.max)} ms; ` +
		(step.durable ? `saved p99 ${p(step.durable.p99)} ms; ` : '') +
		`undelivered ${step.undelivered}${step.durable ? `, unsaved ${step.notDurable}` : ''}, disconnects ${step.disconnects}; ` +
		`server CPU ${step.serverCpuPercent?.toFixed(0) ?? '—'} % (${step.serverCpuMicrosPerWrite?.toFixed(0) ?? '—'} µs/write)` +
		(step.helperCpuPercent !== null ? ` (+${step.helperCpuPercent.toFixed(0)} % PostgreSQL)` : '') +
		`, RSS ${step.serverRssMiB?.toFixed(0) ?? '—'} MiB; load generator ${step.loadGeneratorCpuPercent.toFixed(0)} % CPU, ` +
		`lag p99 ${p(step.loadGeneratorLagP99 ?? undefined)} ms → ${step.passed ? 'pass' : `FAIL (p99 > ${plan.p99LimitMs} ms or undelivered)`}`
	);
}

interface Sent {
	sentAt: number;
	remaining: number;
}

interface Writer {
	documentIndex: number;
	trackDurable: boolean;
	client: LightClient;
	doc: Y.Doc;
	actor: Actor;
	plan: CellTarget[];
	next: number;
	sent: number;
	phaseMs: number;
	random: () => number;
	/** Clock after each edit not yet covered by a "persisted" message, with its send time. */
	unacknowledged: Array<{ state: number; sentAt: number }>;
	pendingUpdate: Uint8Array | null;
}

async function runStep(server: ServerUnderTest, plan: RampPlan, stepIndex: number, rate: number): Promise<RampStep> {
	const target = server.target;
	const receiversPerWrite = plan.writers - 1 + plan.viewers;
	const ledger = new Map<string, Sent>();
	const fanOut: number[] = [];
	const durable: number[] = [];
	let disconnects = 0;
	const writers: Writer[] = [];
	const everyone: LightClient[] = [];
	const synced = new Set<LightClient>();
	const onClose = () => (disconnects += 1);

	const received = (documentIndex: number, client: number, clock: number, now: number) => {
		const key = `${documentIndex}|${client}|${clock}`;
		const sent = ledger.get(key);
		if (!sent) return;
		fanOut.push(now - sent.sentAt);
		sent.remaining -= 1;
		if (sent.remaining === 0) ledger.delete(key);
	};

	for (let d = 0; d < plan.docs; d += 1) {
		const documentIndex = plan.firstDocument + stepIndex * plan.docs + d;
		const document = documentName(documentIndex);
		for (let w = 0; w < plan.writers; w += 1) {
			const actor: Actor = { id: `ramp-${documentIndex}-${w + 1}`, name: `Giáo viên ${documentIndex}.${w + 1}` };
			const doc = new Y.Doc();
			// The roster, so the gradebook adapter accepts the writes; the server has it already (or gets it below).
			Y.applyUpdate(doc, seed(documentIndex).update);
			const writer: Writer = {
				documentIndex,
				trackDurable: target.reportsPersisted,
				client: undefined as unknown as LightClient,
				doc,
				actor,
				plan: cellPlan(documentIndex, w, plan.writers),
				next: 0,
				sent: 0,
				phaseMs: 0,
				random: seededRandom(plan.seed * 100_003 + stepIndex * 7_919 + documentIndex * 31 + w),
				unacknowledged: [],
				pendingUpdate: null
			};
			writer.phaseMs = writer.random() * (1000 / (rate / (plan.docs * plan.writers)));
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin === null) writer.pendingUpdate = update;
			});
			const ownClient = doc.clientID;
			writer.client = new LightClient(connectionUrl(target.serverUrls[w % target.serverUrls.length]!, document, target.params(document, actor)), {
				onSynced: () => synced.add(writer.client),
				onUpdate: (client, clock, now) => {
					// The reference echoes a writer's own update back to it.
					if (client !== ownClient) received(documentIndex, client, clock, now);
				},
				onPersisted: (stateVector, now) => {
					const covered = Y.decodeStateVector(stateVector).get(ownClient) ?? 0;
					while (writer.unacknowledged.length > 0 && writer.unacknowledged[0]!.state <= covered) {
						durable.push(now - writer.unacknowledged.shift()!.sentAt);
					}
				},
				onClose
			});
			writers.push(writer);
			everyone.push(writer.client);
		}
		for (let v = 0; v < plan.viewers; v += 1) {
			const actor: Actor = { id: `ramp-${documentIndex}-viewer-${v + 1}`, name: `Người xem ${documentIndex}.${v + 1}` };
			const viewer: LightClient = new LightClient(
				connectionUrl(target.serverUrls[v % target.serverUrls.length]!, document, target.params(document, actor)),
				{ onSynced: () => synced.add(viewer), onUpdate: (client, clock, now) => received(documentIndex, client, clock, now), onClose }
			);
			everyone.push(viewer);
		}
	}
	try {
		await waitFor(() => synced.size === everyone.length, `${everyone.length} ramp clients synced`, CONNECT_TIMEOUT_MS);
		if (!target.provisioned) {
			// The reference keeps documents in memory only: the first writer of each brings the header and roster.
			for (let d = 0; d < plan.docs; d += 1) {
				writers[d * plan.writers]!.client.sendUpdate(Y.encodeStateAsUpdate(writers[d * plan.writers]!.doc));
			}
			await sleep(300);
		}

		const sampler = new ProcessSampler(server.process.pid);
		const helper = server.sampleHelperCpu?.();
		const lag = new LoopLagProbe();
		const perWriterPeriodMs = 1000 / (rate / (plan.docs * plan.writers));
		const cpuBefore = process.cpuUsage();
		sampler.start();
		lag.start();
		const start = performance.now();
		const end = start + plan.stepSeconds * 1000;
		let sentTotal = 0;
		await new Promise<void>((resolve) => {
			const tick = () => {
				const now = Math.min(performance.now(), end);
				for (const writer of writers) {
					const due = now < start + writer.phaseMs ? 0 : Math.floor((now - start - writer.phaseMs) / perWriterPeriodMs) + 1;
					while (writer.sent < due) {
						write(writer, ledger, receiversPerWrite);
						sentTotal += 1;
					}
				}
				if (performance.now() >= end) resolve();
				else setTimeout(tick, TICK_MS);
			};
			tick();
		});
		const elapsed = (performance.now() - start) / 1000;
		lag.stop();
		sampler.stop();
		const helperSeconds = helper ? await helper.stop() : null;
		const cpu = process.cpuUsage(cpuBefore);
		const undelivered = () => [...ledger.values()].reduce((sum, sent) => sum + sent.remaining, 0);
		const notDurable = () => (target.reportsPersisted ? writers.reduce((sum, writer) => sum + writer.unacknowledged.length, 0) : 0);
		await waitFor(() => undelivered() === 0 && notDurable() === 0, 'drain', RAMP_DRAIN_MS).catch(() => undefined);
		const figures = sampler.figures();
		const fanOutSummary = summarize(fanOut);
		const missing = undelivered();
		return {
			offered: rate,
			sentPerSecond: sentTotal / elapsed,
			fanOut: fanOutSummary,
			durable: target.reportsPersisted ? summarize(durable) : null,
			undelivered: missing,
			notDurable: notDurable(),
			disconnects,
			serverCpuPercent: figures.cpuSeconds === null ? null : (100 * figures.cpuSeconds) / elapsed,
			serverCpuMicrosPerWrite: figures.cpuSeconds === null || sentTotal === 0 ? null : (1e6 * figures.cpuSeconds) / sentTotal,
			helperCpuPercent: helperSeconds === null ? null : (100 * helperSeconds) / elapsed,
			serverRssMiB: figures.maxRss === null ? null : figures.maxRss / 2 ** 20,
			loadGeneratorCpuPercent: (100 * (cpu.user + cpu.system)) / 1e6 / elapsed,
			loadGeneratorLagP99: summarize(lag.lags)?.p99 ?? null,
			passed: fanOutSummary !== null && fanOutSummary.p99 <= plan.p99LimitMs && missing === 0 && disconnects === 0
		};
	} finally {
		for (const client of everyone) client.close();
		for (const writer of writers) writer.doc.destroy();
		// Let the server see the closes and unload the step's documents before the next step.
		await sleep(500);
	}
}

/** One mark, typed through the gradebook adapter as the grid does, sent as the update it makes. */
function write(writer: Writer, ledger: Map<string, Sent>, receivers: number): void {
	writer.sent += 1;
	const cell = writer.plan[writer.next % writer.plan.length]!;
	writer.next += 1;
	const clock = Y.getState(writer.doc.store, writer.doc.clientID);
	writeCell(writer.doc, cell.studentId, cell.columnKey, 40 + Math.floor(writer.random() * 61), {
		actor: writer.actor,
		at: Date.now(),
		offline: false
	});
	const update = writer.pendingUpdate;
	writer.pendingUpdate = null;
	if (!update) return;
	const sentAt = performance.now();
	ledger.set(`${writer.documentIndex}|${writer.doc.clientID}|${clock}`, { sentAt, remaining: receivers });
	if (writer.trackDurable) writer.unacknowledged.push({ state: Y.getState(writer.doc.store, writer.doc.clientID), sentAt });
	writer.client.sendUpdate(update);
}

async function waitFor(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!condition()) {
		if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
		await sleep(20);
	}
}
