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

/**
 * Runs synchronously right after an update was applied, so it sees the document exactly as that
 * update left it; async work may continue after. A throwing or rejecting hook is logged and never
 * breaks sync. `SyncServer.flush()` waits for running hooks, so a hook must not await it.
 */
export type SyncHook = (event: UpdateEvent) => void | Promise<void>;
