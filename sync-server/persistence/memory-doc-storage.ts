import type { DocStorage, StoredDocument } from './doc-storage';

interface Row {
	id: number;
	data: Uint8Array;
}

/** In-process storage for tests and benchmarks: same contract, nothing survives the process. */
export class MemoryDocStorage implements DocStorage {
	#rows = new Map<string, Row[]>();
	#nextId = 1;

	async load(document: string): Promise<StoredDocument> {
		const rows = this.#rows.get(document) ?? [];
		return { updates: rows.map((row) => row.data), lastId: rows.reduce((max, row) => Math.max(max, row.id), 0) };
	}

	async append(document: string, updates: Uint8Array[]): Promise<number> {
		const rows = this.#rows.get(document) ?? [];
		for (const data of updates) rows.push({ id: this.#nextId++, data: data.slice() });
		this.#rows.set(document, rows);
		return this.#nextId - 1;
	}

	async compact(document: string, merged: Uint8Array, throughId: number): Promise<void> {
		const kept = (this.#rows.get(document) ?? []).filter((row) => row.id > throughId);
		this.#rows.set(document, [{ id: this.#nextId++, data: merged.slice() }, ...kept]);
	}

	async rowCount(document: string): Promise<number> {
		return this.#rows.get(document)?.length ?? 0;
	}
}
