import * as Y from 'yjs';

/**
 * The keys of `map` that an update writes, overwrites or deletes, looked up in `doc`, which
 * already holds the update; only keys `accept` takes are kept. `null` when that cannot be told
 * (the update does not decode, or names a struct `doc` does not hold as an item), so the caller
 * compares every entry instead. Projections use this to touch only what the sender wrote
 * (sync-server SPEC F5, F7).
 */
export function mapKeysWrittenBy(update: Uint8Array, doc: Y.Doc, map: Y.Map<unknown>, accept: (key: string) => boolean = () => true): Set<string> | null {
	try {
		const decoded = Y.decodeUpdate(update);
		const keys = new Set<string>();
		const collect = (client: number, clock: number, length: number): boolean => {
			for (let at = clock; at < clock + length; ) {
				const item = Y.getItem(doc.store, Y.createID(client, at));
				if (!(item instanceof Y.Item)) return false;
				if (item.parent === map && typeof item.parentSub === 'string' && accept(item.parentSub)) keys.add(item.parentSub);
				at = item.id.clock + item.length;
			}
			return true;
		};
		for (const struct of decoded.structs) {
			// A Skip is a gap in a merged update: it writes nothing.
			if (struct instanceof Y.Item || struct instanceof Y.GC) {
				if (!collect(struct.id.client, struct.id.clock, struct.length)) return null;
			}
		}
		for (const [client, ranges] of decoded.ds.clients) {
			for (const { clock, len } of ranges) if (!collect(client, clock, len)) return null;
		}
		return keys;
	} catch {
		return null;
	}
}
