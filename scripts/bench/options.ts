/**
 * Command-line flags of `npm run bench:sync`, parsed and bounded once at the edge: every run is
 * finite in time and in clients, whatever is typed.
 */
import { parseArgs } from 'node:util';

export type BenchDatabase = 'pglite' | 'postgres' | 'memory';
export type BenchScenario = 'classroom' | 'ramp' | 'joins';

export interface BenchOptions {
	docs: number;
	clients: number;
	/** Edits per second per client. */
	rate: number;
	/** Length of the measured window. */
	seconds: number;
	/** Load before the window opens: connections settle, JIT warms, the database has rows. */
	warmupSeconds: number;
	/** The window is cut into this many segments per server, alternating A B B A …. */
	rounds: number;
	/** Our server's storage for each pass, in order: one pass per storage, each with its own reference server. */
	dbs: BenchDatabase[];
	scenarios: BenchScenario[];
	ramp: { docs: number; writers: number; viewers: number; rates: number[]; stepSeconds: number; p99LimitMs: number };
	joins: { clients: number; docs: number; marks: number };
	/** Each edit also moves the writer's awareness to the cell, as the grid does. */
	awareness: boolean;
	/** Seed of the edit schedule and the values written. */
	seed: number;
	/** A directory for a V8 CPU profile of our server (node --cpu-prof), or null. */
	profileDir: string | null;
	/** Scale-out shape: ours runs as two sync server processes joined by this Redis (PostgreSQL only), or null. */
	redis: string | null;
	/** Our server's group-commit window (SYNC_COMMIT_WINDOW_MS), or null for its default. */
	commitWindowMs: number | null;
}

export const USAGE = `usage: npm run bench:sync -- [--scenario classroom|ramp|joins|all] [--db pglite|postgres|memory|both]
       [--docs 20] [--clients 4] [--rate 2] [--seconds 20] [--warmup 3] [--rounds 4]
       [--awareness on|off] [--seed 1] [--profile DIR] [--redis redis://127.0.0.1:6379] [--commit-window MS]
       [--ramp-rates 800,1600,3200,4800,6400,8000,9600,12800] [--step-seconds 3]
       [--ramp-docs 4] [--writers 8] [--viewers 2] [--p99-limit 100]
       [--join-clients 2000] [--join-docs 40] [--join-marks 200]

  --scenario   classroom (steady class-in-full-swing load, below), ramp (open-loop write
               ramp to saturation), joins (many clients join at once), or all (default),
               comma-separated for several
  --db         our server's storage: pglite (temp DATA_DIR, default), postgres (a fresh
               database on BENCH_DATABASE_ADMIN_URL, dropped afterwards), memory (our sync
               server without persistence: isolates what the database costs), or both
               (pglite, then postgres; each pass with its own reference server)

 classroom:

  --docs       documents (gradebooks), 1–200
  --clients    clients per document, 2–20 (fan-out needs a second client)
  --rate       edits per second per client, 0.1–50
  --seconds    measured window per server, 1–600
  --warmup     load before the window, per server, 0–30 s
  --rounds     segments per server, 1–30: both servers run side by side and take turns
               (A B B A A B B A …), so noise from other work on the machine falls on
               both alike; 1 = ours for the whole window, then the reference
  --awareness  each edit also moves the writer's cursor (awareness), default on
  --seed       seed of the schedule and values, default 1
  --profile    write V8 CPU profiles (whole run) of our server into DIR and of the reference into DIR/reference
  --redis      scale-out shape: ours runs as TWO sync server processes sharing the PostgreSQL
               database and fanning out through this Redis (needs --db postgres); the clients
               of each document alternate between the two, so every mark crosses Redis to
               half of its readers. Server CPU and RSS are the first instance's
  --commit-window  our server's group-commit window in ms (SYNC_COMMIT_WINDOW_MS, 1–1000);
               default: the server's own

 ramp (light clients: scripts/bench/light-client.ts):
  --ramp-rates    offered writes/s of each step, all documents together, ascending
  --step-seconds  length of each step, 1–30 s; each step runs on fresh documents
  --ramp-docs     documents, 1–20; --writers per document, 2–20; --viewers, 0–10
  --p99-limit     a step passes with fan-out p99 at most this (ms) and every write
                  delivered; saturation = the highest offered rate that passed

 joins:
  --join-clients  clients joining at once, 10–5000; --join-docs documents, 1–200;
  --join-marks    marks already in each document, 0–5000`;

export class UsageError extends Error {
	override name = 'UsageError';
}

/** Per server; both servers' clients live in this process at once. */
const MAX_TOTAL_CLIENTS = 500;
const MIN_SEGMENT_SECONDS = 1;

export function readOptions(argv: string[]): BenchOptions {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			strict: true,
			allowPositionals: false,
			options: {
				docs: { type: 'string' },
				clients: { type: 'string' },
				rate: { type: 'string' },
				seconds: { type: 'string' },
				warmup: { type: 'string' },
				rounds: { type: 'string' },
				db: { type: 'string' },
				scenario: { type: 'string' },
				'ramp-rates': { type: 'string' },
				'step-seconds': { type: 'string' },
				'ramp-docs': { type: 'string' },
				writers: { type: 'string' },
				viewers: { type: 'string' },
				'p99-limit': { type: 'string' },
				'join-clients': { type: 'string' },
				'join-docs': { type: 'string' },
				'join-marks': { type: 'string' },
				awareness: { type: 'string' },
				seed: { type: 'string' },
				profile: { type: 'string' },
				redis: { type: 'string' },
				'commit-window': { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			}
		});
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
	const values = parsed.values;
	if (values.help) throw new UsageError('');
	const options: BenchOptions = {
		docs: readNumber(values.docs, 'docs', 20, { min: 1, max: 200, integer: true }),
		clients: readNumber(values.clients, 'clients', 4, { min: 2, max: 20, integer: true }),
		rate: readNumber(values.rate, 'rate', 2, { min: 0.1, max: 50, integer: false }),
		seconds: readNumber(values.seconds, 'seconds', 20, { min: 1, max: 600, integer: false }),
		warmupSeconds: readNumber(values.warmup, 'warmup', 3, { min: 0, max: 30, integer: false }),
		rounds: readNumber(values.rounds, 'rounds', 4, { min: 1, max: 30, integer: true }),
		dbs: readDatabases(values.db),
		scenarios: readScenarios(values.scenario),
		ramp: {
			docs: readNumber(values['ramp-docs'], 'ramp-docs', 4, { min: 1, max: 20, integer: true }),
			writers: readNumber(values.writers, 'writers', 8, { min: 2, max: 20, integer: true }),
			viewers: readNumber(values.viewers, 'viewers', 2, { min: 0, max: 10, integer: true }),
			rates: readRates(values['ramp-rates']),
			stepSeconds: readNumber(values['step-seconds'], 'step-seconds', 3, { min: 1, max: 30, integer: false }),
			p99LimitMs: readNumber(values['p99-limit'], 'p99-limit', 100, { min: 1, max: 10_000, integer: false })
		},
		joins: {
			clients: readNumber(values['join-clients'], 'join-clients', 2000, { min: 10, max: 5000, integer: true }),
			docs: readNumber(values['join-docs'], 'join-docs', 40, { min: 1, max: 200, integer: true }),
			marks: readNumber(values['join-marks'], 'join-marks', 200, { min: 0, max: 5000, integer: true })
		},
		awareness: readSwitch(values.awareness, 'awareness', true),
		seed: readNumber(values.seed, 'seed', 1, { min: 0, max: 2 ** 31, integer: true }),
		profileDir: values.profile?.trim() || null,
		redis: values.redis?.trim() || null,
		commitWindowMs: values['commit-window'] === undefined ? null : readNumber(values['commit-window'], 'commit-window', 0, { min: 1, max: 1000, integer: true })
	};
	if (options.redis !== null && !/^rediss?:\/\//.test(options.redis)) throw new UsageError(`--redis must be a redis:// URL, got "${options.redis}".`);
	if (options.redis !== null && options.dbs.some((db) => db !== 'postgres')) {
		throw new UsageError('--redis needs --db postgres: the two instances must share one database.');
	}
	if (options.seconds / options.rounds < MIN_SEGMENT_SECONDS) {
		throw new UsageError(`--seconds / --rounds is under ${MIN_SEGMENT_SECONDS} s: fewer rounds or more seconds.`);
	}
	if (options.docs * options.clients > MAX_TOTAL_CLIENTS) {
		throw new UsageError(`--docs × --clients is ${options.docs * options.clients}; at most ${MAX_TOTAL_CLIENTS} clients.`);
	}
	return options;
}

function readNumber(
	text: string | undefined,
	name: string,
	fallback: number,
	range: { min: number; max: number; integer: boolean }
): number {
	if (text === undefined) return fallback;
	const value = Number(text);
	const valid = text.trim() !== '' && Number.isFinite(value) && (!range.integer || Number.isInteger(value));
	if (!valid || value < range.min || value > range.max) {
		const kind = range.integer ? 'an integer' : 'a number';
		throw new UsageError(`--${name} must be ${kind} from ${range.min} to ${range.max}, got "${text}".`);
	}
	return value;
}

function readDatabases(text: string | undefined): BenchDatabase[] {
	if (text === undefined) return ['pglite'];
	if (text === 'both') return ['pglite', 'postgres'];
	if (text === 'pglite' || text === 'postgres' || text === 'memory') return [text];
	throw new UsageError(`--db must be pglite, postgres, memory or both, got "${text}".`);
}

const SCENARIOS: readonly BenchScenario[] = ['classroom', 'ramp', 'joins'];

function readScenarios(text: string | undefined): BenchScenario[] {
	if (text === undefined || text === 'all') return [...SCENARIOS];
	const named = text.split(',').map((part) => part.trim());
	for (const name of named) {
		if (!SCENARIOS.includes(name as BenchScenario)) throw new UsageError(`--scenario must be classroom, ramp, joins or all (comma-separated), got "${text}".`);
	}
	// In the fixed order, once each.
	return SCENARIOS.filter((scenario) => named.includes(scenario));
}

const DEFAULT_RATES = [800, 1600, 3200, 4800, 6400, 8000, 9600, 12800];

function readRates(text: string | undefined): number[] {
	if (text === undefined) return DEFAULT_RATES;
	const rates = text.split(',').map((part) => Number(part.trim()));
	const valid = rates.length >= 1 && rates.length <= 20 && rates.every((rate, index) => Number.isInteger(rate) && rate >= 10 && rate <= 50_000 && (index === 0 || rate > rates[index - 1]!));
	if (!valid) throw new UsageError(`--ramp-rates must be 1–20 ascending integers from 10 to 50000, comma-separated, got "${text}".`);
	return rates;
}

function readSwitch(text: string | undefined, name: string, fallback: boolean): boolean {
	if (text === undefined) return fallback;
	if (text === 'on') return true;
	if (text === 'off') return false;
	throw new UsageError(`--${name} must be on or off, got "${text}".`);
}
