/**
 * Where Yjs documents live between processes. One small interface, one contract test suite
 * (tests/integration/doc-storage.contract.test.ts) run against every implementation.
 */

export interface StoredDocument {
	/** Every stored update of the document (snapshot rows included), in any order: Yjs updates commute. */
	updates: Uint8Array[];
	/** Highest row id among them: compaction merges rows up to here. 0 when there are none. */
	lastId: number;
}

export interface DocStorage {
	/** Everything stored for a document; an empty list for one never written. */
	load(document: string): Promise<StoredDocument>;
	/** Appends updates in one write (group commit); resolves once they are durable. Returns the highest new row id. */
	append(document: string, updates: Uint8Array[]): Promise<number>;
	/**
	 * Replaces the rows with id ≤ throughId by one row holding `merged`, in one transaction.
	 * Rows appended after `throughId` are kept as they are.
	 */
	compact(document: string, merged: Uint8Array, throughId: number): Promise<void>;
	/** How many rows the document has: the compaction threshold is checked against it. */
	rowCount(document: string): Promise<number>;
}
