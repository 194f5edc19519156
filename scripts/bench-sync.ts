/**
 * `npm run bench:sync [-- flags]`: our sync server against the reference y-websocket 1.5.4
 * server, side by side in one run, in three scenarios (`--scenario`, default all):
 * - classroom: fan-out latency, throughput, CPU and memory under a class-in-full-swing load
 *   (D gradebooks × C teachers entering marks with stock y-websocket clients); both servers take
 *   turns (A B B A …), so a burst of someone else's CPU falls on both;
 * - ramp: an open-loop write ramp (scripts/bench/ramp.ts) up to each server's saturation;
 * - joins: many clients joining at once (scripts/bench/joins.ts).
 * `--db both` runs every scenario on PGlite, then on PostgreSQL, each pass with its own
 * reference server, and ends with the ratios of the targets of issue 13. Prints figures; asserts
 * nothing. Flags and defaults: scripts/bench/options.ts. Everything runs on loopback ports
 * `BENCH_SYNC_PORTS` (default 5300–5399; scripts/bench/server-process.ts).
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { DRAIN_TIMEOUT_MS, LoadSession, type SegmentHooks } from './bench/load-session';
import { joinsDocuments, runJoins, type JoinsPlan, type JoinsResult } from './bench/joins';
import { readOptions, USAGE, UsageError, type BenchDatabase, type BenchOptions } from './bench/options';
import { ProcessSampler } from './bench/proc-stats';
import { formatStepLine, RAMP_DRAIN_MS, rampDocuments, rampWarmUp, runRamp, type RampPlan, type RampResult } from './bench/ramp';
import { formatJoins, formatRampSummary, formatReport, formatTargets, type PassFigures, type ServerMeasurement } from './bench/report';
import { startOurServer, startReferenceServer, type ServerUnderTest } from './bench/servers';
import { Teardown } from './bench/teardown';
import type { ProvisionedDocument } from './bench/provision';

/** Start-up, connect and drain allowance on top of the load itself, for the watchdog (per pass). */
const FIXED_ALLOWANCE_SECONDS = 120;
/** The ramp's documents, and the joins', after any classroom gradebook (--docs ≤ 200). */
const RAMP_FIRST_DOCUMENT = 1000;
const JOINS_FIRST_DOCUMENT = 2000;

/** One server with its clients and its samplers. */
interface Contender {
	server: ServerUnderTest;
	session: LoadSession;
	sampler: ProcessSampler;
	helperCpuSeconds: number | null;
	hooks: SegmentHooks;
	/** Disconnects its clients (once). */
	close: () => Promise<void>;
}

async function main(): Promise<void> {
	const options = parseOptionsOrExit();
	const teardown = new Teardown();
	guardAgainstHangs(options, teardown);
	printPreamble(options);
	const passes: PassFigures[] = [];
	try {
		for (const db of options.dbs) {
			passes.push(await runPass(db, options, teardown));
			await teardown.runAll();
		}
	} finally {
		await teardown.runAll();
	}
	if (passes.length > 0 && options.scenarios.some((scenario) => scenario !== 'classroom' || passes.length > 1)) {
		console.log('');
		console.log(formatTargets(passes));
	}
	// Other work on the machine shows up in every latency: the load average says how much there was.
	console.log(`load average at the end: ${formatLoadAverage()} on ${availableParallelism()} cores`);
}

function rampPlan(options: BenchOptions): RampPlan {
	return { ...options.ramp, firstDocument: RAMP_FIRST_DOCUMENT, seed: options.seed };
}

function joinsPlan(options: BenchOptions): JoinsPlan {
	return { ...options.joins, firstDocument: JOINS_FIRST_DOCUMENT };
}

/** Every gradebook the chosen scenarios use, stored before our server starts. */
function provisioned(options: BenchOptions): ProvisionedDocument[] {
	const documents: ProvisionedDocument[] = [];
	if (options.scenarios.includes('classroom')) for (let index = 0; index < options.docs; index += 1) documents.push({ index, marks: 0 });
	if (options.scenarios.includes('ramp')) for (const index of rampDocuments(rampPlan(options))) documents.push({ index, marks: 0 });
	const joins = joinsPlan(options);
	if (options.scenarios.includes('joins')) for (const index of joinsDocuments(joins)) documents.push({ index, marks: joins.marks });
	return documents;
}

/** Every chosen scenario on one storage: our server and a reference server, both started fresh. */
async function runPass(db: BenchDatabase, options: BenchOptions, teardown: Teardown): Promise<PassFigures> {
	console.log('');
	console.log(`=== storage: ${db} (${new Date().toISOString()}, load average ${formatLoadAverage()}) ===`);
	const servers: ServerUnderTest[] = [];
	const figures: PassFigures = { db, classroom: null, ramp: null, joins: null };
	try {
		servers.push(await startOurServer(db, teardown, options.profileDir, provisioned(options), { redis: options.redis, commitWindowMs: options.commitWindowMs }), await startReferenceServer(teardown, options.profileDir));
		const [ours, reference] = servers as [ServerUnderTest, ServerUnderTest];
		console.log(ours.description);
		console.log(reference.description);
		if (options.scenarios.includes('classroom')) figures.classroom = await runClassroom(ours, reference, options, teardown);
		if (options.scenarios.includes('ramp')) figures.ramp = await runRampPair(ours, reference, rampPlan(options));
		if (options.scenarios.includes('joins')) figures.joins = await runJoinsPair(ours, reference, joinsPlan(options));
	} catch (error) {
		for (const server of servers) console.error(`--- ${server.label}: last server output ---\n${server.process.recentOutput()}`);
		throw error;
	}
	return figures;
}

async function runClassroom(ours: ServerUnderTest, reference: ServerUnderTest, options: BenchOptions, teardown: Teardown): Promise<{ ours: ServerMeasurement; reference: ServerMeasurement }> {
	console.log('');
	console.log(
		`--- classroom: ${options.docs} gradebooks × ${options.clients} stock y-websocket clients, ${options.rate} marks/s each ` +
			`(${(options.docs * options.clients * options.rate).toFixed(1)} marks/s offered), awareness ${options.awareness ? 'on' : 'off'}, ` +
			`${options.warmupSeconds} s warm-up, ${options.seconds} s measured per server in ${options.rounds} segment(s) ---`
	);
	const contenders: Contender[] = [];
	for (const server of [ours, reference]) contenders.push(await connect(server, options, teardown));
	for (const contender of contenders) await contender.session.run(options.warmupSeconds, false);
	const segmentSeconds = options.seconds / options.rounds;
	const [oursContender, referenceContender] = contenders as [Contender, Contender];
	for (const contender of turnOrder(oursContender, referenceContender, options.rounds)) {
		await contender.session.run(segmentSeconds, true, contender.hooks);
	}
	const result = { ours: figures(oursContender), reference: figures(referenceContender) };
	for (const contender of contenders) await contender.close();
	console.log('');
	console.log(formatReport(result.ours, result.reference));
	return result;
}

/** Step by step, the two servers taking turns at each rate (A B, then B A at the next), each stopping after its first failed step. */
async function runRampPair(ours: ServerUnderTest, reference: ServerUnderTest, plan: RampPlan): Promise<{ ours: RampResult; reference: RampResult }> {
	console.log('');
	console.log(
		`--- ramp: ${plan.docs} documents × ${plan.writers} writers + ${plan.viewers} viewers (light clients), ${plan.stepSeconds} s per step, ` +
			`fresh documents each step; pass = fan-out p99 ≤ ${plan.p99LimitMs} ms and every write delivered (≤ ${RAMP_DRAIN_MS / 1000} s drain) ---`
	);
	const results = { ours: { label: ours.label, steps: [], saturation: null } as RampResult, reference: { label: reference.label, steps: [], saturation: null } as RampResult };
	for (const server of [ours, reference]) {
		const warmUp = await runRamp(server, rampWarmUp(plan), () => undefined);
		console.log(`  ${server.label}: warm-up (not counted): ${formatStepLine(warmUp.steps[0]!, plan)}`);
	}
	const stopped = new Set<string>();
	for (const [index, rate] of plan.rates.entries()) {
		const order: Array<['ours' | 'reference', ServerUnderTest]> = index % 2 === 0 ? [['ours', ours], ['reference', reference]] : [['reference', reference], ['ours', ours]];
		for (const [key, server] of order) {
			if (stopped.has(key)) continue;
			// One step at a time: the ramp module runs its steps in order, so hand it the one rate.
			const single = await runRamp(server, { ...plan, rates: [rate], firstDocument: plan.firstDocument + index * plan.docs }, (line) => console.log(line));
			const step = single.steps[0]!;
			results[key].steps.push(step);
			if (step.passed) results[key].saturation = rate;
			else stopped.add(key);
		}
		if (stopped.size === 2) break;
	}
	console.log('');
	console.log(formatRampSummary(results.ours, results.reference));
	return results;
}

async function runJoinsPair(ours: ServerUnderTest, reference: ServerUnderTest, plan: JoinsPlan): Promise<{ ours: JoinsResult; reference: JoinsResult }> {
	console.log('');
	console.log(`--- joins: ${plan.clients} clients open at once over ${plan.docs} documents of ${plan.marks} marks each (light clients) ---`);
	const oursResult = await runJoins(ours, plan);
	const referenceResult = await runJoins(reference, plan);
	console.log(formatJoins(oursResult, referenceResult));
	return { ours: oursResult, reference: referenceResult };
}

async function connect(server: ServerUnderTest, options: BenchOptions, teardown: Teardown): Promise<Contender> {
	const session = await LoadSession.open(server.target, options);
	const close = teardown.add(async () => session.destroy());
	const sampler = new ProcessSampler(server.process.pid);
	let helper: { stop(): Promise<number> } | undefined;
	const contender: Contender = {
		server,
		session,
		sampler,
		helperCpuSeconds: server.sampleHelperCpu ? 0 : null,
		close,
		hooks: {
			onStart: () => {
				sampler.start();
				helper = server.sampleHelperCpu?.();
			},
			onEnd: async () => {
				sampler.stop();
				if (helper && contender.helperCpuSeconds !== null) contender.helperCpuSeconds += await helper.stop();
			}
		}
	};
	return contender;
}

/** A B B A A B B A …: each server gets as many early and late turns as the other. */
function turnOrder<T>(first: T, second: T, rounds: number): T[] {
	return Array.from({ length: rounds }, (_, round) => (round % 2 === 0 ? [first, second] : [second, first])).flat();
}

function figures(contender: Contender): ServerMeasurement {
	return {
		label: contender.server.label,
		load: contender.session.result(),
		server: contender.sampler.figures(),
		helperCpuSeconds: contender.helperCpuSeconds
	};
}

function parseOptionsOrExit(): BenchOptions {
	try {
		return readOptions(process.argv.slice(2));
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		// --help: the usage on stdout; a wrong flag: what is wrong and the usage on stderr.
		if (!error.message) {
			console.log(USAGE);
			process.exit(0);
		}
		console.error(`${error.message}\n${USAGE}`);
		process.exit(2);
	}
}

function printPreamble(options: BenchOptions): void {
	const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
	console.log('Sổ Điểm sync benchmark (figures, not a test)');
	console.log(
		`machine: ${availableParallelism()} cores (${model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
			`Node ${process.version} ${process.platform}/${process.arch}, load average ${formatLoadAverage()}`
	);
	console.log(`scenarios: ${options.scenarios.join(', ')}; storage: ${options.dbs.join(', then ')}; seed ${options.seed}`);
	console.log('fan-out latency: mark entered at one client → applied (classroom) or received (ramp) at each OTHER client of the same document (one process, one clock)');
	console.log(`classroom drains ≤ ${DRAIN_TIMEOUT_MS / 1000} s after each segment`);
}

function formatLoadAverage(): string {
	return loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');
}

/** Whatever hangs, the bench ends: the servers are killed and the process exits with an error. */
function guardAgainstHangs(options: BenchOptions, teardown: Teardown): void {
	const drains = 2 + 2 * options.rounds;
	const classroom = options.scenarios.includes('classroom') ? 2 * (options.warmupSeconds + options.seconds) + (drains * DRAIN_TIMEOUT_MS) / 1000 : 0;
	// Per step and server: connect (≤ 20 s, usually < 1), the step, the drain, the close.
	const ramp = options.scenarios.includes('ramp') ? 2 * (options.ramp.rates.length + 1) * (options.ramp.stepSeconds + RAMP_DRAIN_MS / 1000 + 5) : 0;
	const joins = options.scenarios.includes('joins') ? 2 * 30 : 0;
	const limitSeconds = options.dbs.length * (classroom + ramp + joins + FIXED_ALLOWANCE_SECONDS);
	const watchdog = setTimeout(() => {
		console.error(`bench: still running after ${limitSeconds} s; stopping the servers.`);
		void teardown.runAll().finally(() => process.exit(1));
	}, limitSeconds * 1000);
	watchdog.unref();
	const interrupt = (signal: NodeJS.Signals) => {
		console.error(`bench: ${signal}, stopping the servers.`);
		void teardown.runAll().finally(() => process.exit(130));
	};
	process.once('SIGINT', interrupt);
	process.once('SIGTERM', interrupt);
	process.once('exit', () => teardown.killAllNow());
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exit(1);
	}
);
