/**
 * Command-line flags of `npm run bench:sync`, parsed and bounded once at the edge: every run is
 * finite in time and in clients, whatever is typed.
 */
import { parseArgs } from 'node:util';

export type BenchDatabase = 'pglite' | 'postgres' | 'memory';

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
	db: BenchDatabase;
	/** Each edit also moves the writer's awareness to the cell, as the grid does. */
	awareness: boolean;
	/** Seed of the edit schedule and the values written. */
	seed: number;
	/** A directory for a V8 CPU profile of our server (node --cpu-prof), or null. */
	profileDir: string | null;
	/** Scale-out shape: ours runs as two sync server processes joined by this Redis (PostgreSQL only), or null. */
	redis: string | null;
}

export const USAGE = `usage: npm run bench:sync -- [--docs 20] [--clients 4] [--rate 2] [--seconds 20]
       [--warmup 3] [--rounds 4] [--db pglite|postgres|memory] [--awareness on|off] [--seed 1]
       [--profile DIR] [--redis redis://127.0.0.1:6379]

  --docs       documents (gradebooks), 1–200
  --clients    clients per document, 2–20 (fan-out needs a second client)
  --rate       edits per second per client, 0.1–50
  --seconds    measured window per server, 1–120
  --warmup     load before the window, per server, 0–30 s
  --rounds     segments per server, 1–10: both servers run side by side and take turns
               (A B B A A B B A …), so noise from other work on the machine falls on
               both alike; 1 = ours for the whole window, then the reference
  --db         our server's storage: pglite (temp DATA_DIR, default), postgres (a fresh
               database on postgres://postgres@127.0.0.1:5432, dropped afterwards),
               memory (our sync server without persistence: isolates what the database costs)
  --awareness  each edit also moves the writer's cursor (awareness), default on
  --seed       seed of the schedule and values, default 1
  --profile    write a V8 CPU profile of our server (whole run) into DIR, for where its CPU goes
  --redis      scale-out shape: ours runs as TWO sync server processes sharing the PostgreSQL
               database and fanning out through this Redis (needs --db postgres); the clients
               of each document alternate between the two, so every mark crosses Redis to
               half of its readers. Server CPU and RSS are the first instance's`;

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
				awareness: { type: 'string' },
				seed: { type: 'string' },
				profile: { type: 'string' },
				redis: { type: 'string' },
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
		seconds: readNumber(values.seconds, 'seconds', 20, { min: 1, max: 120, integer: false }),
		warmupSeconds: readNumber(values.warmup, 'warmup', 3, { min: 0, max: 30, integer: false }),
		rounds: readNumber(values.rounds, 'rounds', 4, { min: 1, max: 10, integer: true }),
		db: readDatabase(values.db),
		awareness: readSwitch(values.awareness, 'awareness', true),
		seed: readNumber(values.seed, 'seed', 1, { min: 0, max: 2 ** 31, integer: true }),
		profileDir: values.profile?.trim() || null,
		redis: values.redis?.trim() || null
	};
	if (options.redis !== null && !/^rediss?:\/\//.test(options.redis)) throw new UsageError(`--redis must be a redis:// URL, got "${options.redis}".`);
	if (options.redis !== null && options.db !== 'postgres') {
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

function readDatabase(text: string | undefined): BenchDatabase {
	if (text === undefined) return 'pglite';
	if (text === 'pglite' || text === 'postgres' || text === 'memory') return text;
	throw new UsageError(`--db must be pglite, postgres or memory, got "${text}".`);
}

function readSwitch(text: string | undefined, name: string, fallback: boolean): boolean {
	if (text === undefined) return fallback;
	if (text === 'on') return true;
	if (text === 'off') return false;
	throw new UsageError(`--${name} must be on or off, got "${text}".`);
}
