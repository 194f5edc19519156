/**
 * The sync protocol's numbers, shared by the browser and the sync server (docs/architecture.md §3).
 * Message types 0–3 are the standard y-websocket framing, so the stock client works; project
 * messages start at 100 so they never collide with y-websocket's own.
 */

export const MessageType = {
	sync: 0,
	awareness: 1,
	auth: 2,
	queryAwareness: 3,
	/** server → client: varUint8Array state vector of everything committed to the database. */
	persisted: 100,
	/** server → client: varString access ('read' | 'write') — sent at connect and when it changes. */
	access: 101,
	/**
	 * server → client: varString rule id (sync-server SPEC V…), varString reason — the update the
	 * client just sent was refused as a whole; the server then closes with CloseCode.refusedUpdate.
	 */
	refused: 102,
	/**
	 * server → client: varString, a JSON object of the class document's read-only rows (sync-server
	 * SPEC V19): student id → what the row says ("Đã chuyển đi 20/11/2025", "Đã chuyển sang lớp 6A2") — sent to a client of a gradebook or homeroom record as it connects
	 * (when there are any) and to every connected client when it changes, so an open page greys
	 * their rows and stops sending edits for them without a reload.
	 */
	leftStudents: 103
} as const;

/**
 * WebSocket close codes. The y-websocket client treats 4400–4499 as permanent (it stops
 * reconnecting) and everything else as transient, so the numbers carry that meaning too.
 */
export const CloseCode = {
	/** A frame that is not a valid message of this protocol. */
	malformedMessage: 4400,
	unauthorized: 4401,
	/** The person lost access while connected (disabled, or the assignment was removed). */
	forbidden: 4403,
	unknownDocument: 4404,
	/** The client named a protocol version older than the server accepts (sync-server SPEC P2): reload the app. */
	clientTooOld: 4426,
	messageTooBig: 4413,
	/** The client sent an update the document's schema refuses (sync-server SPEC V1). */
	refusedUpdate: 4422,
	/** Transient: the server failed internally; the client retries. */
	serverError: 4500,
	/** Transient: the server is shutting down or restarting; the client retries. */
	goingAway: 4503
} as const;

export type CloseCodeName = keyof typeof CloseCode;

export type Access = 'read' | 'write';

/** The path prefix of the sync endpoint: `/sync/<document name>?ticket=…&protocol=…`. */
export const SYNC_PATH_PREFIX = '/sync/';

/**
 * The sync protocol's version (sync-server SPEC P1–P4). The client names it in the upgrade request,
 * the first message of every connection (`?protocol=N`); a client naming none is taken as version 1.
 * When a change breaks clients that are still installed, raise both numbers: the server then
 * closes older clients with CloseCode.clientTooOld and the page asks the person to reload.
 */
export const SYNC_PROTOCOL_VERSION = 2;
/** The oldest client protocol the server still serves. */
export const MIN_CLIENT_PROTOCOL = 1;
/**
 * From this version on, a client is sent "persisted" only when it connects and for its own writes
 * (sync-server SPEC S7, P4); it counts as unsaved only the changes made on its device. Version 1
 * clients get every acknowledgement, as they count every client's changes against it.
 */
export const PROTOCOL_OWN_ACKNOWLEDGEMENTS = 2;
export const PROTOCOL_PARAM = 'protocol';
