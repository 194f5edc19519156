import { and, asc, count, eq, isNull, lte, max, sql } from 'drizzle-orm';
import type pg from 'pg';
import { poolOf, type Database } from '../../drizzle/database';
import { yjsDocuments, yjsUpdates } from '../../drizzle/schema/sync';
import { documentRow } from '../../src/lib/ydoc/document-name';
import type { DocStorage, StoredDocument } from './doc-storage';

/**
 * Yjs documents in `yjs_updates`, on PostgreSQL or PGlite alike: both drivers sit behind the same
 * drizzle `Database`, and the `bytea` column type already hands back plain Uint8Arrays.
 */
interface PendingAppend {
	document: string;
	updates: Uint8Array[];
	resolve: (lastId: number) => void;
	reject: (error: unknown) => void;
}

export class DrizzleDocStorage implements DocStorage {
	readonly #db: Database;
	/** For the append (SPEC S12): a named prepared statement, not drizzle's query builder. */
	readonly #pool: pg.Pool;
	#pending: PendingAppend[] = [];
	/** An INSERT of what is pending is due at the end of this turn. */
	#writeDue = false;
	/** Documents this instance has already seen registered with their key columns. */
	readonly #keyed = new Set<string>();

	constructor(db: Database) {
		this.#db = db;
		this.#pool = poolOf(db);
	}

	async load(document: string): Promise<StoredDocument> {
		const rows = await this.#db
			.select({ id: yjsUpdates.id, data: yjsUpdates.data })
			.from(yjsUpdates)
			.where(eq(yjsUpdates.document, document))
			.orderBy(asc(yjsUpdates.id));
		return { updates: rows.map((row) => row.data), lastId: rows.at(-1)?.id ?? 0 };
	}

	append(document: string, updates: Uint8Array[]): Promise<number> {
		// Nothing to write: answer with what is already durable rather than an id that was never written.
		if (updates.length === 0) return this.#lastId(document);
		// Appends made in one turn of the event loop share one statement (SPEC S1): every document
		// whose window ended at the same tick of the commit clock (S11). On PGlite and on PostgreSQL
		// alike, statements, not rows, are what a busy school costs.
		return new Promise((resolve, reject) => {
			this.#pending.push({ document, updates, resolve, reject });
			if (this.#writeDue) return;
			this.#writeDue = true;
			setImmediate(() => void this.#writePending());
		});
	}

	async #writePending(): Promise<void> {
		const batch = this.#pending;
		this.#pending = [];
		this.#writeDue = false;
		try {
			await this.#register(batch.map((append) => append.document));
			// One multi-row INSERT is one round trip and one implicit transaction: every group
			// commit in it lands whole or not at all.
			const values = batch.flatMap(({ document, updates }) => updates.flatMap((data) => [document, data]));
			const inserted = await this.#pool.query<[string]>({ ...appendStatement(values.length / 2), values });
			// PostgreSQL returns the rows of an INSERT … VALUES in the order given: each append's
			// rows are its own slice.
			let next = 0;
			for (const append of batch) {
				let lastId = 0;
				for (const [id] of inserted.rows.slice(next, next + append.updates.length)) lastId = Math.max(lastId, Number(id));
				next += append.updates.length;
				append.resolve(lastId);
			}
		} catch (error) {
			for (const append of batch) append.reject(error);
		}
	}

	/**
	 * The first time this instance stores a document, its `yjs_documents` row gets the key columns
	 * parsed from its name (registered now if it was not; keyed now if it was registered before the
	 * columns existed). Listings select by those columns, never by parsing names.
	 */
	async #register(documents: string[]): Promise<void> {
		const rows = [...new Set(documents)].filter((name) => !this.#keyed.has(name)).flatMap((name) => documentRow(name) ?? []);
		if (rows.length === 0) return;
		await this.#db
			.insert(yjsDocuments)
			.values(rows)
			.onConflictDoUpdate({
				target: yjsDocuments.name,
				set: {
					school: sql`excluded.school`,
					year: sql`excluded.year`,
					term: sql`excluded.term`,
					classCode: sql`excluded.class_code`,
					subject: sql`excluded.subject`,
					student: sql`excluded.student`
				},
				setWhere: isNull(yjsDocuments.year)
			});
		for (const row of rows) this.#keyed.add(row.name);
	}

	async compact(document: string, merged: Uint8Array, throughId: number): Promise<void> {
		await this.#db.transaction(async (tx) => {
			// Only rows visible now and ≤ throughId go: an append that commits meanwhile keeps its
			// row (it was not in `merged`), and Yjs updates commute, so nothing is lost either way.
			const replaced = await tx
				.delete(yjsUpdates)
				.where(and(eq(yjsUpdates.document, document), lte(yjsUpdates.id, throughId)))
				.returning({ merged: yjsUpdates.merged });
			const mergedCount = replaced.reduce((sum, row) => sum + row.merged, 0);
			// A snapshot that replaced nothing (say another instance compacted first) is stored
			// as a plain update: applying it again is harmless, dropping it might not be.
			await tx.insert(yjsUpdates).values({ document, data: merged, merged: Math.max(mergedCount, 1) });
		});
	}

	async rowCount(document: string): Promise<number> {
		const [row] = await this.#db
			.select({ rows: count() })
			.from(yjsUpdates)
			.where(eq(yjsUpdates.document, document));
		return row?.rows ?? 0;
	}

	async #lastId(document: string): Promise<number> {
		const [row] = await this.#db
			.select({ lastId: max(yjsUpdates.id) })
			.from(yjsUpdates)
			.where(eq(yjsUpdates.document, document));
		return row?.lastId ?? 0;
	}
}

/**
 * SPEC S12: the INSERT of a group commit, by its number of rows. Up to PREPARED_ROWS_MAX rows it
 * is a named statement, parsed and planned once per connection and bound with binary `bytea`
 * parameters after that; drizzle's builder cost about twice the statement's round trip in CPU on
 * every commit (about 220 µs of a 320 µs append, measured in-process). Larger ones, rare (more
 * documents committing in one window), are sent unnamed so a connection keeps a bounded set.
 */
const PREPARED_ROWS_MAX = 32;
const appendStatements = new Map<number, pg.QueryConfig & { rowMode: 'array' }>();

function appendStatement(rows: number): pg.QueryConfig & { rowMode: 'array' } {
	const prepared = appendStatements.get(rows);
	if (prepared) return prepared;
	const tuples = Array.from({ length: rows }, (_, row) => `($${2 * row + 1}, $${2 * row + 2})`).join(', ');
	const text = `insert into yjs_updates (document, data) values ${tuples} returning id`;
	if (rows > PREPARED_ROWS_MAX) return { text, rowMode: 'array' };
	const statement = { name: `yjs_append_${rows}`, text, rowMode: 'array' as const };
	appendStatements.set(rows, statement);
	return statement;
}
