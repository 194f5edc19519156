/**
 * What keeps a serving process alive and lets it stop cleanly, shared by both composition roots
 * (scripts/start.ts and sync-server/main.ts), sync-server SPEC D5:
 * - an unhandled rejection (a database error some path did not catch) is logged, never fatal:
 *   one failed request must not close every teacher's socket;
 * - SIGTERM/SIGINT stop once, and a database that does not answer cannot keep a stopping process
 *   (and its deploy) hanging: after the timeout it exits with 1 and says what was still pending.
 */
import { describeError, type Log } from './log';

export const SHUTDOWN_TIMEOUT_MS = 15_000;

export function logUnhandledRejections(log: Log): void {
	process.on('unhandledRejection', (reason) => log('error', 'unhandled rejection', { error: describeError(reason) }));
}

export function stopOnSignals(
	stop: () => Promise<void>,
	options: { log: Log; pendingUpdates: () => number; timeoutMs?: number }
): void {
	let stopping = false;
	const onSignal = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		options.log('info', 'shutting down', { signal });
		setTimeout(() => {
			options.log('error', 'shutdown timed out: writes still pending', { pendingUpdates: options.pendingUpdates() });
			process.exit(1);
		}, options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS);
		stop().then(
			() => {
				options.log('info', 'stopped');
				process.exit(0);
			},
			(error: unknown) => {
				options.log('error', 'shutdown failed', { error: describeError(error) });
				process.exit(1);
			}
		);
	};
	process.on('SIGTERM', onSignal);
	process.on('SIGINT', onSignal);
}
