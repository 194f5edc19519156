/**
 * Child processes started in their own process group, so one signal to the group stops them and
 * everything they started (a signal to the child alone leaves its children behind); shared by the
 * benchmarks and the tests.
 */
import type { ChildProcess } from 'node:child_process';

/** Signals the child's whole process group (tsx and whatever it spawned); falls back to the child alone. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		process.kill(-(child.pid ?? 0), signal);
	} catch {
		child.kill(signal);
	}
}

/** Calls `onLine` for each complete line the stream writes. */
export function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
	let buffered = '';
	stream.setEncoding('utf8');
	stream.on('data', (chunk: string) => {
		buffered += chunk;
		let newline: number;
		while ((newline = buffered.indexOf('\n')) >= 0) {
			onLine(buffered.slice(0, newline));
			buffered = buffered.slice(newline + 1);
		}
	});
}
