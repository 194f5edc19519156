/**
 * What one Yjs update would do to a document, read WITHOUT applying it (sync-server SPEC V2): the
 * plain values it inserts and the entries it deletes, each located by root type name and map key.
 * The per-kind schemas (document-schema.ts) then decide whether that is allowed. Cheap per
 * keystroke: it decodes the update's structs and delete set and looks their neighbours up in the
 * document's store; no copy of the document is made.
 *
 * It mirrors how Yjs 13.6 integrates an update (Item.getMissing/integrate, readAndApplyDeleteSet):
 * - an item names its parent (a root type name, plus a map key) only when it has no origins;
 *   otherwise it inherits parent and key from its left origin item, else its right origin item;
 * - an item next to a garbage-collected struct becomes garbage itself (it changes nothing);
 * - what is already in the document (clock below the state vector) is skipped, a struct that
 *   starts below it counts only from the state on;
 * - anything Yjs would park as "pending" (a gap in a client's clocks, an origin or a deletion the
 *   document and the update do not hold) is refused here instead: a well-behaved client never
 *   sends it, and a parked struct could later land unchecked.
 * Only plain JSON values (ContentAny) directly in root types are writable; ContentDeleted is the
 * placeholder of an entry already overwritten, reported as a deletion of its key.
 */
import * as Y from 'yjs';

export interface Refusal {
	/** sync-server SPEC rule id, e.g. "V4". */
	rule: string;
	/** Short, machine-readable reason (English, for logs and the refusal message). */
	reason: string;
}

export class RefusedUpdate extends Error {
	override name = 'RefusedUpdate';
	constructor(readonly refusal: Refusal) {
		super(`${refusal.rule}: ${refusal.reason}`);
	}
}

export function refuse(rule: string, reason: string): never {
	throw new RefusedUpdate({ rule, reason });
}

const MISSING_DEPENDENCY = 'missing dependency: ';

/** V2's refusals of an update that needs what the document does not hold yet (a gap, an unknown origin or deletion). */
export function isMissingDependency(refusal: Refusal): boolean {
	return refusal.rule === 'V2' && refusal.reason.startsWith(MISSING_DEPENDENCY);
}

/** New values written by the update, in one root type (and map key, for maps). */
export interface Insertion {
	root: string;
	/** The map key, or null for an array element. */
	key: string | null;
	/** The plain values; null when the struct is a deleted placeholder (ContentDeleted). */
	values: unknown[] | null;
	/** The Yjs client id that wrote it (the item's id). */
	client: number;
	/** Deleted by the same update's delete set. */
	deleted: boolean;
}

/** Entries of the document the update deletes (not counting those already deleted). */
export interface Deletion {
	root: string;
	key: string | null;
	count: number;
}

export interface UpdateEffects {
	insertions: Insertion[];
	deletions: Deletion[];
	/** Total length of the new structs (one per array element or map write). */
	newLength: number;
	/** Whether every struct of the update is new to the document (none of it, not even in part, is held already). */
	allNew: boolean;
}

type Located = { root: string; key: string | null } | 'garbage';

interface NewStruct {
	struct: Y.Item | Y.GC;
	/** First clock of the struct that the document does not hold yet. */
	from: number;
	located?: Located | 'resolving';
}

/** Reads `update` against `doc`. Throws RefusedUpdate (rule V2) when it is not plainly resolvable. */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): UpdateEffects {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch (error) {
		refuse('V2', `undecodable update: ${error instanceof Error ? error.message : String(error)}`);
	}
	const resolver = new Resolver(doc.store);
	for (const struct of decoded.structs) resolver.add(struct);
	const allNew = decoded.structs.every((struct) => !(struct instanceof Y.Skip) && struct.id.clock >= Y.getState(doc.store, struct.id.client));

	// Deletions first, so each new struct knows whether the same update deletes it.
	const deletedNew = new Set<NewStruct>();
	const deletions: Deletion[] = [];
	for (const [client, ranges] of decoded.ds.clients) {
		const known = Y.getState(doc.store, client);
		for (const range of ranges) {
			const end = range.clock + range.len;
			if (range.clock < known) deleteExisting(doc.store, client, range.clock, Math.min(end, known), deletions);
			for (let clock = Math.max(range.clock, known); clock < end; ) {
				const created = resolver.findNew(Y.createID(client, clock));
				if (!created) refuse('V2', `${MISSING_DEPENDENCY}a deletion of something neither the document nor the update holds`);
				deletedNew.add(created);
				clock = created.struct.id.clock + created.struct.length;
			}
		}
	}

	const insertions: Insertion[] = [];
	let newLength = 0;
	for (const [client, entry] of resolver.fresh) {
		for (const created of entry.structs) {
			const struct = created.struct;
			newLength += struct.id.clock + struct.length - created.from;
			if (!(struct instanceof Y.Item)) refuse('V2', 'garbage-collected structs are not writable');
			const located = resolver.locateNew(created);
			if (located === 'garbage') continue;
			const content = struct.content;
			let values: unknown[] | null;
			if (content instanceof Y.ContentAny) values = content.getContent().slice(created.from - struct.id.clock);
			else if (content instanceof Y.ContentDeleted) values = null;
			else refuse('V2', `only plain values are writable, not ${content.constructor.name}`);
			insertions.push({ root: located.root, key: located.key, values, client, deleted: deletedNew.has(created) });
		}
	}
	return { insertions, deletions, newLength, allNew };
}

/** The update's new structs per client, and where each struct (new or in the document) belongs. */
class Resolver {
	/** Per client: its new structs in clock order, and the clock after the last (-1 after a gap). */
	readonly fresh = new Map<number, { structs: NewStruct[]; end: number }>();
	readonly #store: Y.Doc['store'];
	#lastClient: number | null = null;

	constructor(store: Y.Doc['store']) {
		this.#store = store;
	}

	add(struct: Y.Item | Y.GC | Y.Skip): void {
		const client = struct.id.client;
		let entry = this.fresh.get(client);
		if (client !== this.#lastClient && entry) refuse('V2', 'a client appears twice in one update');
		this.#lastClient = client;
		const end = struct.id.clock + struct.length;
		const known = Y.getState(this.#store, client);
		if (!entry) {
			entry = { structs: [], end: known };
			this.fresh.set(client, entry);
		}
		if (end <= known) return;
		if (struct instanceof Y.Skip) {
			// A gap: whatever follows it for this client would wait for the missing part.
			entry.end = -1;
			return;
		}
		if (entry.end < 0 || struct.id.clock > entry.end) refuse('V2', `${MISSING_DEPENDENCY}a gap in the clocks of a client`);
		entry.structs.push({ struct, from: Math.max(known, struct.id.clock) });
		entry.end = end;
	}

	findNew(id: Y.ID): NewStruct | null {
		const entry = this.fresh.get(id.client);
		if (!entry || entry.end < 0 || id.clock >= entry.end) return null;
		const list = entry.structs;
		let low = 0;
		let high = list.length - 1;
		while (low <= high) {
			const mid = (low + high) >> 1;
			const candidate = list[mid]!;
			if (id.clock < candidate.from) high = mid - 1;
			else if (id.clock >= candidate.struct.id.clock + candidate.struct.length) low = mid + 1;
			else return candidate;
		}
		return null;
	}

	locateNew(created: NewStruct): Located {
		if (created.located === 'resolving') refuse('V2', 'circular origins');
		if (created.located) return created.located;
		created.located = 'resolving';
		const struct = created.struct;
		let located: Located;
		if (!(struct instanceof Y.Item)) located = 'garbage';
		else if (created.from > struct.id.clock) {
			// Yjs integrates only the unknown tail, to the right of the part it already holds.
			located = this.#locateExisting(Y.createID(struct.id.client, created.from - 1));
		} else if (struct.origin) located = this.#inherit(this.#locateId(struct.origin), struct.rightOrigin);
		else if (struct.rightOrigin) located = this.#locateId(struct.rightOrigin);
		else if (typeof struct.parent === 'string') located = { root: struct.parent, key: struct.parentSub };
		else refuse('V2', 'nested types are not writable');
		created.located = located;
		return located;
	}

	#locateExisting(id: Y.ID): Located {
		const found = Y.getItem(this.#store, id) as Y.Item | Y.GC;
		return found instanceof Y.Item ? locateIntegrated(found) : 'garbage';
	}

	/** Where the struct holding `id` lives: in the document, or among the update's own new structs. */
	#locateId(id: Y.ID): Located {
		if (id.clock < Y.getState(this.#store, id.client)) return this.#locateExisting(id);
		const created = this.findNew(id);
		if (!created) refuse('V2', `${MISSING_DEPENDENCY}an origin neither the document nor the update holds`);
		return this.locateNew(created);
	}

	/** The left origin decides the parent; a garbage-collected right neighbour still turns the item into garbage. */
	#inherit(left: Located, rightOrigin: Y.ID | null): Located {
		if (left === 'garbage' || !rightOrigin) return left;
		return this.#locateId(rightOrigin) === 'garbage' ? 'garbage' : left;
	}
}

/** Every live item of `client` in [from, to) becomes a deletion of its root and key. */
function deleteExisting(store: Y.Doc['store'], client: number, from: number, to: number, into: Deletion[]): void {
	const structs = store.clients.get(client);
	if (!structs) return;
	for (let index = Y.findIndexSS(structs, from); index < structs.length; index += 1) {
		const struct = structs[index]!;
		if (struct.id.clock >= to) break;
		if (!(struct instanceof Y.Item) || struct.deleted) continue;
		const located = locateIntegrated(struct);
		if (located === 'garbage') continue;
		const count = Math.min(to, struct.id.clock + struct.length) - Math.max(from, struct.id.clock);
		into.push({ root: located.root, key: located.key, count });
	}
}

/** An integrated item knows its parent type: a root type (by name) or a nested one (not writable). */
function locateIntegrated(item: Y.Item): Located {
	const parent = item.parent;
	if (!(parent instanceof Y.AbstractType)) return 'garbage';
	if (parent._item !== null) refuse('V2', 'nested types are not writable');
	return { root: Y.findRootTypeKey(parent), key: item.parentSub };
}
