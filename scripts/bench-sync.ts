/**
 * `npm run bench:sync [-- flags]`: fan-out latency, throughput, CPU and memory of our sync server
 * under a class-in-full-swing load (D gradebooks × C teachers entering marks), the same load on
 * the reference y-websocket 1.5.4 server, and the ratio. Prints figures; asserts nothing.
 * Both servers run side by side and take turns (A B B A …): on a machine shared with other work,
 * a burst of someone else's CPU then falls on both rather than on whichever ran second.
 * Flags and defaults: scripts/bench/options.ts. Everything runs on loopback ports 5300–5399.
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { DRAIN_TIMEOUT_MS, LoadSession, type SegmentHooks } from './bench/load-session';
import { readOptions, USAGE, UsageError, type BenchOptions } from './bench/options';
import { ProcessSampler } from './bench/proc-stats';
import { formatReport, type ServerMeasurement } from './bench/report';
import { startOurServer, startReferenceServer, type ServerUnderTest } from './bench/servers';
import { Teardown } from './bench/teardown';

/** Start-up, connect and drain allowance on top of the load itself, for the watchdog. */
const FIXED_ALLOWANCE_SECONDS = 120;

/** One server with its clients and its samplers. */
interface Contender {
	server: ServerUnderTest;
	session: LoadSession;
	sampler: ProcessSampler;
	helperCpuSeconds: number | null;
	hooks: SegmentHooks;
}

async function main(): Promise<void> {
	const options = parseOptionsOrExit();
	const teardown = new Teardown();
	guardAgainstHangs(options, teardown);
	printPreamble(options);
	const servers: ServerUnderTest[] = [];
	try {
		servers.push(await startOurServer(options.db, teardown, options.profileDir, options.docs, options.redis), await startReferenceServer(teardown));
		const contenders: Contender[] = [];
		for (const server of servers) contenders.push(await connect(server, options, teardown));
		for (const contender of contenders) await contender.session.run(options.warmupSeconds, false);
		const segmentSeconds = options.seconds / options.rounds;
		const [ours, reference] = contenders as [Contender, Contender];
		for (const contender of turnOrder(ours, reference, options.rounds)) {
			await contender.session.run(segmentSeconds, true, contender.hooks);
		}
		console.log('');
		console.log(formatReport(figures(ours), figures(reference)));
		// Other work on the machine shows up in every latency: the load average says how much there was.
		console.log(`load average at the end: ${formatLoadAverage()} on ${availableParallelism()} cores`);
	} catch (error) {
		for (const server of servers) console.error(`--- ${server.label}: last server output ---\n${server.process.recentOutput()}`);
		throw error;
	} finally {
		await teardown.runAll();
	}
}

async function connect(server: ServerUnderTest, options: BenchOptions, teardown: Teardown): Promise<Contender> {
	console.log(server.description);
	const session = await LoadSession.open(server.target, options);
	teardown.add(async () => session.destroy());
	const sampler = new ProcessSampler(server.process.pid);
	let helper: { stop(): Promise<number> } | undefined;
	const contender: Contender = {
		server,
		session,
		sampler,
		helperCpuSeconds: server.sampleHelperCpu ? 0 : null,
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
	const clients = options.docs * options.clients;
	console.log('Sổ Điểm sync benchmark (figures, not a test)');
	console.log(
		`machine: ${availableParallelism()} cores (${model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
			`Node ${process.version} ${process.platform}/${process.arch}, load average ${formatLoadAverage()}`
	);
	console.log(
		`load: ${options.docs} gradebooks × ${options.clients} clients = ${clients} y-websocket clients in this process, ` +
			`${options.rate} marks/s each (${(clients * options.rate).toFixed(1)} marks/s offered), ` +
			`awareness ${options.awareness ? 'on (cursor moves with each mark)' : 'off'}, seed ${options.seed}`
	);
	const segment = options.seconds / options.rounds;
	const order = options.rounds === 1 ? 'ours, then reference' : `turns A B B A … (A = ours), ${+segment.toFixed(2)} s each`;
	console.log(
		`window: ${options.warmupSeconds} s warm-up per server, then ${options.seconds} s measured per server in ${options.rounds} ` +
			`segment(s): both servers up, one loaded at a time, ${order}; ≤ ${DRAIN_TIMEOUT_MS / 1000} s drain after each`
	);
	console.log('fan-out latency: mark entered at one client → applied at each OTHER client of the same document (one process, one clock)');
}

function formatLoadAverage(): string {
	return loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');
}

/** Whatever hangs, the bench ends: the servers are killed and the process exits with an error. */
function guardAgainstHangs(options: BenchOptions, teardown: Teardown): void {
	const drains = 2 + 2 * options.rounds;
	const limitSeconds = 2 * (options.warmupSeconds + options.seconds) + (drains * DRAIN_TIMEOUT_MS) / 1000 + FIXED_ALLOWANCE_SECONDS;
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
