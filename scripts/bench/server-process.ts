/**
 * A server under test as a child process in its own process group, so that stopping it stops
 * everything it started (killing only the direct child would leave
 * its own children — e.g. a VNeID simulator — running), on a loopback port of the range this bench may use.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { eachLine, signalGroup } from '../child-processes';

/** The ports this bench may listen on: `BENCH_SYNC_PORTS=first-last` (e.g. 5670-5679), default 5300–5399. */
export const PORT_RANGE = readPortRange(process.env.BENCH_SYNC_PORTS);

export function readPortRange(text: string | undefined): { first: number; last: number } {
	if (text === undefined || text.trim() === '') return { first: 5300, last: 5399 };
	const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
	const first = Number(match?.[1]);
	const last = Number(match?.[2]);
	if (!match || first < 1024 || last > 65535 || first > last) {
		throw new Error(`BENCH_SYNC_PORTS must be first-last within 1024–65535 (e.g. 5670-5679), got "${text}".`);
	}
	return { first, last };
}

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const KEPT_LOG_LINES = 40;

export interface ServerProcess {
	pid: number;
	port: number;
	/** The last lines the server wrote, for an error message. */
	recentOutput(): string;
	/** SIGTERM to the group, SIGKILL after a grace period; resolves once the process is gone. */
	stop(): Promise<void>;
	/** Synchronous last resort (process exit): SIGKILL to the group. */
	killNow(): void;
}

export interface StartOptions {
	args: string[];
	env: Record<string, string>;
	/** Inherited variables the server must not see (the reference server's persistence switches). */
	unsetEnv?: string[];
	cwd: string;
	/** Matched against each stdout line; the server is ready at the first match. */
	ready: RegExp;
	label: string;
}

export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
	const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
	for (const name of options.unsetEnv ?? []) delete env[name];
	const child = spawn(process.execPath, options.args, {
		cwd: options.cwd,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`${options.label} did not start`);
	const recent: string[] = [];
	const keep = (line: string) => {
		recent.push(line);
		if (recent.length > KEPT_LOG_LINES) recent.shift();
	};
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	// Both pipes are always drained: a full pipe would stall the server and skew every figure.
	eachLine(child.stderr, keep);
	const ready = new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${options.label} not ready after ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
		eachLine(child.stdout, (line) => {
			keep(line);
			if (options.ready.test(line)) {
				clearTimeout(timer);
				resolve();
			}
		});
		void exited.then(() => {
			clearTimeout(timer);
			reject(new Error(`${options.label} exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready`));
		});
	});
	const isRunning = () => child.exitCode === null && child.signalCode === null;
	const handle: ServerProcess = {
		pid,
		port: Number(options.env.PORT),
		recentOutput: () => recent.join('\n'),
		async stop() {
			if (!isRunning()) return;
			signalGroup(child, 'SIGTERM');
			const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
			await exited;
			clearTimeout(timer);
		},
		killNow() {
			if (isRunning()) signalGroup(child, 'SIGKILL');
		}
	};
	try {
		await ready;
	} catch (error) {
		await handle.stop();
		throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- last output ---\n${handle.recentOutput()}`, {
			cause: error
		});
	}
	return handle;
}



/** The first port of PORT_RANGE nobody listens on (skipping `taken`); a race is possible but harmless here. */
export async function freePort(taken: ReadonlySet<number> = new Set()): Promise<number> {
	for (let port = PORT_RANGE.first; port <= PORT_RANGE.last; port += 1) {
		if (!taken.has(port) && (await canListen(port))) return port;
	}
	throw new Error(`no free port in ${PORT_RANGE.first}–${PORT_RANGE.last}`);
}

function canListen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}
