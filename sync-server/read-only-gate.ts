/**
 * The read-only gate sits in the message path, not the UI: whatever a read-only
 * client sends, its document writes — sync step 2 as well as live updates — are never applied,
 * so they cannot reach other clients, hooks or the database. Everything else (asking for state,
 * awareness) is allowed: a reader still sees the document and who else is in it.
 */
import type { Access } from '../src/lib/ydoc/wire';
import type { ClientMessage } from './client-message';

export function admits(access: Access, message: ClientMessage): boolean {
	return message.kind !== 'document-write' || access === 'write';
}
