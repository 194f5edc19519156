import { customType } from 'drizzle-orm/pg-core';

/**
 * bytea as Uint8Array. node-postgres returns a Buffer and PGlite a Uint8Array (a Buffer is a
 * Uint8Array subclass whose slices share memory, which Yjs does not expect):
 * both are normalised to a plain Uint8Array so Y.applyUpdate sees the same type everywhere.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	toDriver: (value) => value,
	fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
});
