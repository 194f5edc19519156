/**
 * Control events (sync-server SPEC F2): decisions the app makes that change what live connections
 * may do. Each instance applies them to its own connections; over the fan-out they reach the
 * others, which re-decide from the shared database.
 */

export type ControlEvent =
	/** A term lock ('read') or its lifting (null) for one document. */
	| { type: 'document-cap'; document: string; cap: 'read' | null }
	/** Something about the person changed (disabled, unassigned, guardianship revoked, role switched). */
	| { type: 'person'; personId: string }
	/** A session ended (signed out, disabled): its connections close. */
	| { type: 'session-ended'; sessionId: string }
	/** Students of a school's year changed state (left, returned): its loaded documents read who has left again (SPEC V19). */
	| { type: 'class-students'; school: string; year: string };

/** Parses a control event from the wire; null for anything else (another version, garbage). */
export function parseControlEvent(text: string): ControlEvent | null {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const event = value as Record<string, unknown>;
	if (event.type === 'document-cap' && typeof event.document === 'string' && (event.cap === 'read' || event.cap === null)) {
		return { type: 'document-cap', document: event.document, cap: event.cap };
	}
	if (event.type === 'person' && typeof event.personId === 'string') return { type: 'person', personId: event.personId };
	if (event.type === 'session-ended' && typeof event.sessionId === 'string') return { type: 'session-ended', sessionId: event.sessionId };
	if (event.type === 'class-students' && typeof event.school === 'string' && typeof event.year === 'string') return { type: 'class-students', school: event.school, year: event.year };
	return null;
}
