/**
 * The sync server's one logging seam. Events are short fixed messages plus fields, so operators
 * can grep and count them ("document loaded", "persist failed"); the default writes one JSON
 * line per event to stderr. Callers must never put tickets or personal ID numbers in fields:
 * a person is identified by their internal id only.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export type Log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

export function jsonLineLog(write: (line: string) => void = (line) => process.stderr.write(line)): Log {
	return (level, message, fields) => {
		const entry = { time: new Date().toISOString(), level, message, ...fields };
		write(`${JSON.stringify(entry)}\n`);
	};
}

/** A thrown value as a loggable string; stacks stay out of the log line on purpose (one line per event). */
export function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
