/**
 * Checks shared by the per-kind schemas: the exact shape of a plain object, and the stamp every
 * client-written entry carries (author and time) — sync-server SPEC V5–V7.
 */
import type { WriteContext } from './document-schema';
import { refuse } from './update-inspector';

/** V7: the oldest `at` accepted (offline work of a whole school year and a bit)… */
export const MAX_AGE_MS = 400 * 24 * 60 * 60 * 1000;
/**
 * …and how far ahead of the server clock a device's clock may run: a day, because a phone set to
 * the wrong time zone with its clock adjusted by hand runs hours ahead, and refusing its edits
 * would strand a teacher's offline work on the device.
 */
export const MAX_AHEAD_MS = 24 * 60 * 60 * 1000;
/** V5: an edit id (`<Yjs client>-<clock>-<index>`) or a replaced id. */
export const MAX_ID_LENGTH = 64;

/** A plain object with exactly `keys` as its own keys (no prototype tricks, nothing extra). */
export function isExactRecord(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	if (Object.getPrototypeOf(value) !== Object.prototype) return false;
	const own = Object.keys(value);
	return own.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
}

/** V6 + V7: the entry is authored by the connection's person and dated by a sane clock. */
export function checkStamp(entry: Record<string, unknown>, context: WriteContext, where: string): void {
	if (entry.by !== context.writer.personId || entry.byName !== context.writer.name) refuse('V6', `${where}: author is not the connection's person`);
	const at = entry.at;
	if (typeof at !== 'number' || !Number.isFinite(at) || at < context.now - MAX_AGE_MS || at > context.now + MAX_AHEAD_MS) {
		refuse('V7', `${where}: time outside the accepted window`);
	}
}

/** V5: an id written by Yjs client `client` starts with that client's number, so ids never collide. */
export function checkEditId(id: unknown, client: number, where: string): void {
	if (typeof id !== 'string' || id.length > MAX_ID_LENGTH || !id.startsWith(`${client}-`)) refuse('V5', `${where}: id must start with the writing client's number`);
}

/**
 * V8/V9: a map entry may be deleted only by writing the same key again in the same update (an
 * overwrite); `written` are the keys the update writes a live value to.
 */
export function checkMapDeletions(keys: Iterable<string | null>, written: ReadonlySet<string>, rule: string, root: string): void {
	for (const key of keys) if (key === null || !written.has(key)) refuse(rule, `${root}: an entry may only be replaced, not deleted`);
}
