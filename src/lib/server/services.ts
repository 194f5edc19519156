/**
 * The services the composition root (scripts/compose.ts) builds once per process and hands to
 * SvelteKit. SvelteKit's bundle and the composition root are separate module graphs, so the
 * hand-over goes through one well-known global slot instead of module state.
 */
import type * as Y from 'yjs';
import type { Database, DatabaseKind } from '../../../drizzle/database';
import type { VneidClient } from './auth/vneid-client';
import type { AppConfig } from './config';
import type { Keys } from './keys';
import type { StudentViewScope } from './parents/student-view-projection';

/** What routes may ask of the sync server, without importing it (docs/architecture.md §5). */
export interface SyncControl {
	/**
	 * A term lock ('read') or unlock (null) of a document, on every sync server instance: live
	 * writers are downgraded, or asked to reconnect after an unlock (sync-server SPEC F2). Later
	 * upgrades read the lock from the database (C3).
	 */
	capAccess(document: string, cap: 'read' | 'write' | null): void;
	/**
	 * Re-decides every live connection of the person from the database, on every instance (sync-server SPEC R4, F2): call
	 * it after anything that may take access away — disabling, unassigning, revoking a guardianship,
	 * switching the acting role. Resolves once each connection is closed, downgraded or kept.
	 */
	reauthorizePerson(personId: string): Promise<void>;
	/** Closes the live connections opened under a session that ended (sync-server SPEC R5). */
	endSession(sessionId: string): void;
	/**
	 * Students of a school's year left or returned: the loaded gradebooks read again, on every
	 * instance, whose marks are read-only (sync-server SPEC V19). Absent in tests without a sync server.
	 */
	refreshClassStudents?(school: string, year: string): Promise<void>;
	/** A server-side write on behalf of a person (e.g. an approved correction). */
	change(document: string, change: (doc: Y.Doc) => void, actor?: SyncPerson): Promise<void>;
	/**
	 * Re-projects the student views (parents SPEC PV3) a change outside the documents affects: a
	 * term lock or unlock, a correction decision. Absent where no student views are kept (the sync
	 * engine alone).
	 */
	refreshStudentViews?(scope: StudentViewScope): Promise<void>;
	/** Projects a student's view now if the student is enrolled that year (first demand, PV6); false otherwise. */
	ensureStudentView?(student: string, year: string): Promise<boolean>;
}

export interface SyncPerson {
	personId: string;
	name: string;
}

export interface AppServices {
	config: AppConfig;
	db: Database;
	dbKind: DatabaseKind;
	keys: Keys;
	sync: SyncControl;
	/** The OpenID Connect client for VNeID; null when VNEID_ISSUER is not set. */
	vneid: VneidClient | null;
	now: () => Date;
	/** What /healthz answers: the database's state and the work waiting for it (sync-server SPEC D4). */
	health(): Promise<HealthReport>;
}

export interface HealthReport {
	/** 200 when the database answers, 503 when it does not. */
	status: 200 | 503;
	body: { ok: boolean; db: DatabaseKind; database: 'ok' | 'unreachable'; pendingUpdates: number; projectionBacklog: number };
}

const SLOT = Symbol.for('so-diem.services');

type Slot = { [SLOT]?: AppServices };

export function provideServices(services: AppServices): void {
	(globalThis as Slot)[SLOT] = services;
}

export function services(): AppServices {
	const provided = (globalThis as Slot)[SLOT];
	if (!provided) throw new Error('Services not provided: start the app through scripts/start.ts (npm start / npm run demo).');
	return provided;
}
