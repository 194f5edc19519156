/**
 * Runs the real app (`node --import tsx scripts/start.ts`, the built SvelteKit handler and the sync
 * endpoint on one port) as a child process, the way `npm start` does. Started detached and killed
 * by process group. Everything it prints is kept, so tests can check what it
 * logged (and what it never logs, such as raw personal ID numbers).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LISTENING = /Sổ Điểm đang chạy tại/;

export interface AppProcess {
	url: string;
	/** stdout and stderr lines, in arrival order. */
	output: string[];
	waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
	/** False once the process has exited, whatever the reason (a crash included). */
	running(): boolean;
	/** SIGTERM to the process group; resolves with the exit code (null when killed by a signal). */
	stop(): Promise<number | null>;
}

export async function startAppProcess(options: { port: number; env: Record<string, string> }): Promise<AppProcess> {
	const url = `http://127.0.0.1:${options.port}`;
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
		cwd: REPO_ROOT,
		env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(options.port), ORIGIN: url, DEMO: '0', ...options.env },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	const listeners = new Set<() => void>();
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	for (const stream of [child.stdout!, child.stderr!]) {
		let buffered = '';
		stream.setEncoding('utf8');
		stream.on('data', (chunk: string) => {
			buffered += chunk;
			let newline: number;
			while ((newline = buffered.indexOf('\n')) >= 0) {
				output.push(buffered.slice(0, newline));
				buffered = buffered.slice(newline + 1);
				for (const listener of listeners) listener();
			}
		});
	}
	const waitForOutput = (pattern: RegExp, timeoutMs = 10_000) =>
		new Promise<string>((resolve, reject) => {
			const check = () => {
				const line = output.find((l) => pattern.test(l));
				if (line === undefined) return;
				listeners.delete(check);
				clearTimeout(timer);
				resolve(line);
			};
			const timer = setTimeout(() => {
				listeners.delete(check);
				reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms:\n${output.join('\n')}`));
			}, timeoutMs);
			listeners.add(check);
			check();
		});
	await Promise.race([
		waitForOutput(LISTENING, 60_000),
		exited.then((code) => Promise.reject(new Error(`app exited with ${code} before listening:\n${output.join('\n')}`)))
	]);
	return {
		url,
		output,
		waitForOutput,
		running: () => child.exitCode === null && child.signalCode === null,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				try {
					process.kill(-child.pid!, 'SIGTERM');
				} catch {
					child.kill('SIGTERM');
				}
			}
			return exited;
		}
	};
}
