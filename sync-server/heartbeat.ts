/**
 * Finds dead peers: a laptop that closed its lid never sends a close frame, and its socket would
 * otherwise hold the document in memory forever. Every `intervalMs` each connection gets a ping;
 * one that has not answered the previous ping is terminated.
 */
import type { Connection } from './connection';
import type { Log } from './log';

export function startHeartbeat(connections: ReadonlySet<Connection>, intervalMs: number, log: Log): { stop(): void } {
	const timer = setInterval(() => {
		for (const connection of [...connections]) {
			if (!connection.alive) {
				log('info', 'heartbeat missed', { document: connection.document, personId: connection.actor.personId });
				connection.terminate();
				continue;
			}
			connection.alive = false;
			connection.ping();
		}
	}, intervalMs);
	// The heartbeat alone must not keep a process alive that has nothing else to do.
	timer.unref();
	return { stop: () => clearInterval(timer) };
}
