/** The printed figures: a plain-text table, ours beside the reference, and the ratios. Pure. */
import type { JoinsResult } from './joins';
import { pairedRatios, type LatencySummary } from './latency-summary';
import type { LoadResult } from './load-session';
import type { RampResult } from './ramp';

export interface ServerMeasurement {
	label: string;
	load: LoadResult;
	server: { cpuSeconds: number | null; maxRss: number | null; peakRss: number | null };
	/** CPU of PostgreSQL's backends for this server over the window, when it uses PostgreSQL. */
	helperCpuSeconds: number | null;
}

type Cell = number | null;

interface Row {
	name: string;
	ours: Cell;
	reference: Cell;
	format: (value: number) => string;
	ratio: boolean;
}

const MIB = 1024 * 1024;
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const fixed1 = (value: number) => value.toFixed(1);
const integer = (value: number) => String(Math.round(value));

export function formatReport(ours: ServerMeasurement, reference: ServerMeasurement): string {
	const rows = [...latencyRows(ours, reference), ...throughputRows(ours, reference), ...resourceRows(ours, reference)];
	const header = ['', ours.label, reference.label, 'ours/ref'];
	const body = rows.map((row) => [
		row.name,
		row.ours === null ? '—' : row.format(row.ours),
		row.reference === null ? '—' : row.format(row.reference),
		row.ratio ? formatRatio(row.ours, row.reference) : ''
	]);
	return [...table([header, ...body]), '', ...roundLines(ours, reference), ...ratioLines(ours, reference)].join('\n');
}

/** The p99 of each round side by side, and the median of their ratios (latency-summary.ts pairedRatios). */
function roundLines(ours: ServerMeasurement, reference: ServerMeasurement): string[] {
	const paired = pairedRatios(ours.load.segmentP99s, reference.load.segmentP99s);
	if (paired.ratios.length < 2) return [];
	return [
		`fan-out p99 per round (ms): ours ${ours.load.segmentP99s.map(ms).join(' ')}; reference ${reference.load.segmentP99s.map(ms).join(' ')}`,
		`  ratio per round ${paired.ratios.map((ratio) => ratio.toFixed(2)).join(' ')}: median ${formatMedian(paired)}`
	];
}

function formatMedian(paired: ReturnType<typeof pairedRatios>): string {
	return paired.median === null ? '—' : `×${paired.median.toFixed(2)}, ours ≤ the reference in ${paired.oursNotWorse} of ${paired.ratios.length} rounds`;
}

function latencyRows(ours: ServerMeasurement, reference: ServerMeasurement): Row[] {
	const pick = (summary: LatencySummary | null, key: keyof LatencySummary) => summary?.[key] ?? null;
	const latency = (name: string, key: keyof LatencySummary): Row => ({
		name,
		ours: pick(ours.load.fanOut, key),
		reference: pick(reference.load.fanOut, key),
		format: ms,
		ratio: true
	});
	const saved = (name: string, key: keyof LatencySummary): Row => ({
		name,
		ours: pick(ours.load.durable, key),
		reference: pick(reference.load.durable, key),
		format: ms,
		ratio: false
	});
	return [
		latency('fan-out latency p50 (ms)', 'p50'),
		latency('fan-out latency p95 (ms)', 'p95'),
		latency('fan-out latency p99 (ms)', 'p99'),
		latency('fan-out latency max (ms)', 'max'),
		{ name: 'fan-out samples', ours: ours.load.fanOut?.count ?? 0, reference: reference.load.fanOut?.count ?? 0, format: integer, ratio: false },
		saved('"saved" ack p50 (ms, edit → persisted)', 'p50'),
		saved('"saved" ack p99 (ms)', 'p99')
	];
}

function throughputRows(ours: ServerMeasurement, reference: ServerMeasurement): Row[] {
	const perSecond = (measurement: ServerMeasurement, count: number) => count / measurement.load.windowSeconds;
	const row = (name: string, value: (measurement: ServerMeasurement) => number | null, format = fixed1): Row => ({
		name,
		ours: value(ours),
		reference: value(reference),
		format,
		ratio: false
	});
	return [
		row('marks entered /s', (m) => perSecond(m, m.load.marksSent)),
		row('remote updates applied /s (all clients)', (m) => perSecond(m, m.load.marksApplied)),
		row('deliveries missing after drain', (m) => m.load.undelivered, integer),
		row('edits never acknowledged "saved"', (m) => (m.load.durable ? m.load.notDurable : null), integer),
		row('client disconnects', (m) => m.load.disconnects, integer)
	];
}

function resourceRows(ours: ServerMeasurement, reference: ServerMeasurement): Row[] {
	const percentOfCore = (m: ServerMeasurement, seconds: number | null) => (seconds === null ? null : (100 * seconds) / m.load.windowSeconds);
	const mib = (bytes: number | null) => (bytes === null ? null : bytes / MIB);
	const both = (name: string, value: (m: ServerMeasurement) => number | null, format: (value: number) => string, ratio: boolean): Row => ({
		name,
		ours: value(ours),
		reference: value(reference),
		format,
		ratio
	});
	return [
		both('server CPU user+sys (s in window)', (m) => m.server.cpuSeconds, (value) => value.toFixed(2), true),
		both('server CPU (% of one core)', (m) => percentOfCore(m, m.server.cpuSeconds), fixed1, false),
		both('PostgreSQL backends CPU (% of one core)', (m) => percentOfCore(m, m.helperCpuSeconds), fixed1, false),
		both('server RSS max during window (MiB)', (m) => mib(m.server.maxRss), fixed1, true),
		both('server peak RSS, VmHWM (MiB)', (m) => mib(m.server.peakRss), fixed1, true),
		both('load generator CPU (% of one core)', (m) => percentOfCore(m, m.load.clientProcess.cpuSeconds), fixed1, false),
		both('load generator timer lag p99 (ms)', (m) => m.load.clientProcess.loopLag?.p99 ?? null, ms, false),
		both('load generator timer lag max (ms)', (m) => m.load.clientProcess.loopLag?.max ?? null, ms, false)
	];
}

function ratioLines(ours: ServerMeasurement, reference: ServerMeasurement): string[] {
	const lines = [
		`ratio ours/reference — fan-out p99: ${formatRatio(ours.load.fanOut?.p99 ?? null, reference.load.fanOut?.p99 ?? null)}` +
			`   server CPU: ${formatRatio(ours.server.cpuSeconds, reference.server.cpuSeconds)}`
	];
	if (ours.helperCpuSeconds !== null && ours.server.cpuSeconds !== null) {
		const withDatabase = ours.server.cpuSeconds + ours.helperCpuSeconds;
		lines.push(`  server CPU including PostgreSQL's backends: ${formatRatio(withDatabase, reference.server.cpuSeconds)}`);
	}
	return lines;
}

function formatRatio(ours: Cell, reference: Cell): string {
	if (ours === null || reference === null || reference === 0) return '—';
	return `×${(ours / reference).toFixed(2)}`;
}

function table(rows: string[][]): string[] {
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
	return rows.map((row) =>
		row
			.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
			.join('  ')
			.trimEnd()
	);
}

/** Everything one storage pass measured, for the closing ratios. */
export interface PassFigures {
	db: string;
	classroom: { ours: ServerMeasurement; reference: ServerMeasurement } | null;
	ramp: { ours: RampResult; reference: RampResult } | null;
	joins: { ours: JoinsResult; reference: JoinsResult } | null;
}

export function formatRampSummary(ours: RampResult, reference: RampResult): string {
	const rates = [...new Set([...ours.steps, ...reference.steps].map((step) => step.offered))].sort((a, b) => a - b);
	const cell = (result: RampResult, rate: number) => {
		const step = result.steps.find((candidate) => candidate.offered === rate);
		if (!step) return '—';
		const p99 = step.fanOut ? ms(step.fanOut.p99) : '—';
		return `${p99} ms${step.undelivered > 0 ? `, ${step.undelivered} undelivered` : ''} ${step.passed ? 'pass' : 'FAIL'}`;
	};
	const rows = [['offered writes/s', `${ours.label}: fan-out p99`, `${reference.label}: fan-out p99`], ...rates.map((rate) => [String(rate), cell(ours, rate), cell(reference, rate)])];
	return [
		...table(rows),
		`saturation (highest offered rate that passed): ${ours.label} ${formatRate(ours.saturation)}, ${reference.label} ${formatRate(reference.saturation)}` +
			` — ratio ${formatRatio(ours.saturation, reference.saturation)}`
	].join('\n');
}

export function formatJoins(ours: JoinsResult, reference: JoinsResult): string {
	const row = (name: string, value: (result: JoinsResult) => number | null, format: (value: number) => string, ratio: boolean) => {
		const a = value(ours);
		const b = value(reference);
		return [name, a === null ? '—' : format(a), b === null ? '—' : format(b), ratio ? formatRatio(a, b) : ''];
	};
	return table([
		['', ours.label, reference.label, 'ours/ref'],
		row('sync latency p50 (ms, open → sync step 2)', (r) => r.sync?.p50 ?? null, ms, true),
		row('sync latency p99 (ms)', (r) => r.sync?.p99 ?? null, ms, true),
		row('sync latency max (ms)', (r) => r.sync?.max ?? null, ms, false),
		row('clients that failed to sync', (r) => r.failed, integer, false),
		row('burst: first open → last synced (s)', (r) => r.burstSeconds, (v) => v.toFixed(2), false),
		row('server CPU over the burst (s)', (r) => r.serverCpuSeconds, (v) => v.toFixed(2), true),
		row('server memory per connection (KiB, RSS delta / clients)', (r) => r.kibPerConnection, fixed1, true),
		row('server RSS with everyone in (MiB)', (r) => r.serverRssMiB, fixed1, false)
	])
		.concat([ours, reference].flatMap((result) => [...result.failures].map(([reason, count]) => `${result.label}: ${count} failed (${reason})`)))
		.join('\n');
}

/** The targets of issue 13, from whatever this run measured. */
export function formatTargets(passes: readonly PassFigures[]): string {
	const lines = ['=== ratios (targets of issue 13) ==='];
	for (const pass of passes) {
		if (pass.ramp) {
			lines.push(
				`${pass.db}: saturation ours ${formatRate(pass.ramp.ours.saturation)} / reference ${formatRate(pass.ramp.reference.saturation)} writes/s = ` +
					`${formatRatio(pass.ramp.ours.saturation, pass.ramp.reference.saturation)} (target on PostgreSQL ≥ ×1.00)`
			);
		}
		if (pass.classroom) {
			const { ours, reference } = pass.classroom;
			lines.push(
				`${pass.db}: classroom fan-out p99 ${formatRatio(ours.load.fanOut?.p99 ?? null, reference.load.fanOut?.p99 ?? null)} of the reference over the run ` +
					`(median per round ${formatMedian(pairedRatios(ours.load.segmentP99s, reference.load.segmentP99s))}; target ≤ ×1.00), ` +
					`server CPU ${formatRatio(ours.server.cpuSeconds, reference.server.cpuSeconds)}, RSS ${fixed1((ours.server.maxRss ?? 0) / MIB)} MiB`
			);
		}
		if (pass.joins) {
			const { ours, reference } = pass.joins;
			lines.push(
				`${pass.db}: joins sync p99 ${formatRatio(ours.sync?.p99 ?? null, reference.sync?.p99 ?? null)}, memory per connection ${formatRatio(ours.kibPerConnection, reference.kibPerConnection)} of the reference`
			);
		}
	}
	const pglite = passes.find((pass) => pass.db === 'pglite');
	const postgres = passes.find((pass) => pass.db === 'postgres');
	if (pglite?.ramp && postgres?.ramp) {
		lines.push(`PGlite / PostgreSQL saturation: ${formatRatio(pglite.ramp.ours.saturation, postgres.ramp.ours.saturation)} (target ≥ ×0.80)`);
	}
	if (pglite?.classroom && postgres?.classroom) {
		lines.push(`PGlite / PostgreSQL classroom RSS: ${formatRatio(pglite.classroom.ours.server.maxRss, postgres.classroom.ours.server.maxRss)} (target ≤ ×2.00)`);
	}
	return lines.join('\n');
}

function formatRate(rate: number | null): string {
	return rate === null ? `below the first step` : String(rate);
}
