/**
 * What the sync server tells the app after a document changed. The app registers hooks (grade
 * audit, projections into SQL, student views); the sync server itself knows nothing about schools.
 */
import type * as Y from 'yjs';

export interface SyncActor {
	personId: string;
	name: string;
}

export interface UpdateEvent {
	document: string;
	doc: Y.Doc;
	update: Uint8Array;
	/** null = a server-side write (`SyncServer.change`). */
	actor: SyncActor | null;
}

/** Runs after an update was applied; a throwing or rejecting hook is logged and never breaks sync. */
export type SyncHook = (event: UpdateEvent) => void | Promise<void>;
