/**
 * Tells "the database is not there right now" (worth retrying until it is back) from every other
 * database error (a bug or bad data: retrying the same statement gives the same answer).
 * drizzle wraps a failed query's driver error as `cause`, so the whole chain is looked at.
 */

/** SQLSTATE classes and codes that mean the connection or the server, not the statement. */
const UNAVAILABLE_SQLSTATE = [
	/^08/, // connection exception
	/^57P0[1-3]$/, // admin_shutdown (pg_terminate_backend), crash_shutdown, cannot_connect_now
	/^53300$/, // too_many_connections
	/^40001$/, // serialization_failure
	/^40P01$/ // deadlock_detected
];

const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** node-postgres and pg-pool report a lost or refused connection with these messages and no code. */
const UNAVAILABLE_MESSAGES = [
	/Connection terminated/i,
	/not queryable/i,
	/timeout exceeded when trying to connect/i,
	/terminating connection/i
];

export function isDatabaseUnavailable(error: unknown): boolean {
	for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
		const { code, severity } = current as { code?: unknown; severity?: unknown };
		// A FATAL error ends the session (terminated backend, database not accepting connections,
		// shutdown): whatever the code, the statement itself was not the problem.
		if (severity === 'FATAL' || severity === 'PANIC') return true;
		// The embedded database's socket file is gone with its worker (docs/architecture.md §8, E3).
		if (code === 'ENOENT' && (current as { syscall?: unknown }).syscall === 'connect') return true;
		if (typeof code === 'string' && (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLSTATE.some((pattern) => pattern.test(code)))) return true;
		if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(current.message))) return true;
	}
	return false;
}
