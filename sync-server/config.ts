/**
 * Who may open a socket from a browser. The environment itself is read by the one configuration
 * module both hosts share (src/lib/server/config.ts, SPEC C2); the hosts pass the list in.
 */

/**
 * Browsers send Origin on every WebSocket upgrade; only listed origins may open a connection.
 * Requests without Origin are non-browser clients, which can send any Origin they like, so
 * refusing them adds nothing: they are allowed and the ticket decides.
 */
export function originPolicy(allowedOrigins: readonly string[]): (origin: string | undefined) => boolean {
	const allowed = new Set(allowedOrigins.map(normalizeOrigin));
	return (origin) => origin === undefined || allowed.has(normalizeOrigin(origin));
}

function normalizeOrigin(origin: string): string {
	return origin.trim().toLowerCase().replace(/\/+$/, '');
}
