/**
 * `--db postgres`: a fresh database on the local PostgreSQL for our server (it applies the
 * migrations itself at start), dropped afterwards; and the CPU its backend processes use, since
 * with PostgreSQL part of the persistence work leaves our process.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { cpuSeconds } from './proc-stats';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
	url: string;
	name: string;
	/** Samples the CPU of this database's backend processes until `stop()`. */
	sampleBackends(): { stop(): Promise<number> };
	drop(): Promise<void>;
}

function adminUrl(): string {
	return process.env.BENCH_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
}

function quoteIdentifier(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
	const name = `sodiem_bench_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl() });
	try {
		await admin.connect();
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(
			`--db postgres needs PostgreSQL at ${adminUrl()} (BENCH_DATABASE_ADMIN_URL to change it): ${reason}. ` +
				'Start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start`.',
			{ cause: error }
		);
	}
	await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
	const url = new URL(adminUrl());
	url.pathname = `/${name}`;
	let dropped = false;
	return {
		url: url.toString(),
		name,
		sampleBackends: () => sampleBackendCpu(admin, name),
		async drop() {
			if (dropped) return;
			dropped = true;
			try {
				await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
			} finally {
				await admin.end();
			}
		}
	};
}

/**
 * Sums the CPU of the database's backends over the window. Backends that existed at the start
 * count from their reading then; backends born during the window count whole. A backend that
 * exits between two samples loses at most one interval of CPU: the figure is a slight underestimate.
 */
function sampleBackendCpu(admin: pg.Client, database: string, intervalMs = 250): { stop(): Promise<number> } {
	const baseline = new Map<number, number>();
	const latest = new Map<number, number>();
	let first = true;
	let running: Promise<void> = Promise.resolve();
	const sample = async () => {
		const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
		for (const { pid } of rows) {
			const cpu = cpuSeconds(pid);
			if (cpu === null) continue;
			if (!baseline.has(pid)) baseline.set(pid, first ? cpu : 0);
			latest.set(pid, cpu);
		}
		first = false;
	};
	const tick = () => {
		running = running.then(sample).catch(() => undefined);
	};
	tick();
	const timer = setInterval(tick, intervalMs);
	return {
		async stop() {
			clearInterval(timer);
			tick();
			await running;
			let total = 0;
			for (const [pid, cpu] of latest) total += cpu - (baseline.get(pid) ?? 0);
			return total;
		}
	};
}
