/**
 * Runs the real standalone sync server (`node --import tsx sync-server/main.ts`) as a child
 * process, the way an operator would. Started detached and killed by process group, so no
 * orphan survives a test. Its JSON log lines are collected for assertions.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eachLine, signalGroup } from '../../../scripts/child-processes';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LISTENING = /sync server listening on (http:\/\/\S+)/;

export interface LogLine {
	level: string;
	message: string;
	[field: string]: unknown;
}

export interface SyncServerProcess {
	/** http://127.0.0.1:<port> */
	httpUrl: string;
	/** The y-websocket server URL: the client appends `/<document name>`. */
	syncUrl: string;
	port: number;
	logs: LogLine[];
	/** Resolves with the exit code (null when killed by a signal). */
	exited: Promise<number | null>;
	waitForLog(matches: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
	/** SIGKILL: no flush, no goodbye — a crash. */
	crash(): Promise<void>;
	/** SIGTERM: graceful shutdown (flush, then exit 0). Returns the exit code. */
	stop(): Promise<number | null>;
}

export interface StartOptions {
	env: Record<string, string>;
	/** A fixed port, so clients can reconnect to a restarted server; default 0 (any free port). */
	port?: number;
}

export async function startSyncServerProcess({ env, port = 0 }: StartOptions): Promise<SyncServerProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
		cwd: REPO_ROOT,
		// The backend comes only from `env`: a DATABASE_URL in the outer environment (CI sets one)
		// must not turn a PGlite run into a PostgreSQL one.
		env: { ...withoutDatabase(process.env), NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), ...env },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const logs: LogLine[] = [];
	const listeners = new Set<() => void>();
	const stderrText: string[] = [];
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	eachLine(child.stderr!, (line) => {
		stderrText.push(line);
		try {
			logs.push(JSON.parse(line) as LogLine);
			for (const listener of listeners) listener();
		} catch {
			// not a log line (e.g. a Node warning)
		}
	});
	const httpUrl = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`sync server did not start:\n${stderrText.join('\n')}`)), 30_000);
		eachLine(child.stdout!, (line) => {
			const match = LISTENING.exec(line);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]!);
			}
		});
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`sync server exited with ${code} before listening:\n${stderrText.join('\n')}`));
		});
	});
	const signal = async (name: NodeJS.Signals) => {
		if (child.exitCode === null && child.signalCode === null) signalGroup(child, name);
		return exited;
	};
	return {
		httpUrl,
		syncUrl: `${httpUrl.replace(/^http/, 'ws')}/sync`,
		port: Number(new URL(httpUrl).port),
		logs,
		exited,
		waitForLog(matches, timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = logs.find(matches);
					if (!found) return;
					listeners.delete(check);
					clearTimeout(timer);
					resolve(found);
				};
				const timer = setTimeout(() => {
					listeners.delete(check);
					reject(new Error('expected log line did not appear'));
				}, timeoutMs);
				listeners.add(check);
				check();
			});
		},
		crash: async () => {
			await signal('SIGKILL');
		},
		stop: () => signal('SIGTERM')
	};
}



/** A port that was free a moment ago: lets a restarted server come back where clients expect it. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

function withoutDatabase(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const { DATABASE_URL: _url, DATA_DIR: _dir, ...rest } = env;
	return rest;
}
