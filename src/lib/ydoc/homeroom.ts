/**
 * The homeroom document (sổ chủ nhiệm): the only code that knows its Y.Map keys. One document per
 * class × term (`homeroom/<school>/<year>/<term>/<class>`), written by the homeroom teacher:
 * per student the conduct level (kết quả rèn luyện, TT22 Điều 8) with an optional comment, the
 * sessions absent (buổi) có phép and không phép, and the teacher's comment. The server writes
 * `meta` and `students`.
 *
 * Each field of each student is its own map entry (`<student>:<key>`), so two devices that
 * change different fields of one student offline both keep their change. Documents written
 * before absences were split hold one undivided number under the key `absences`; it is read as
 * `absencesUnclassified` (homeroom SPEC H3–H4), and the split needs no schema version: an older
 * app ignores the two new keys, and this one still reads the old key.
 */
import * as Y from 'yjs';
import { mapKeysWrittenBy } from './map-keys-written';
import { clearsUnclassified } from '../domain/homeroom/absences';
import { MAX_TERM_ABSENCES } from '../domain/homeroom/homeroom-input';
import { parseLevel, type Level } from '../domain/tt22';
import type { Actor } from './gradebook';
import { mergeRoster, ROSTER_ROOT, type RosterEntry } from './roster';

export const HOMEROOM_SCHEMA_VERSION = 1;

export const MAX_HOMEROOM_TEXT = 2000;

export type { Actor, RosterEntry };

export interface HomeroomMeta {
	schemaVersion: number;
	school: string;
	year: string;
	term: 'hk1' | 'hk2';
	classCode: string;
	className: string;
}

export const HOMEROOM_FIELDS = ['conduct', 'conductComment', 'absencesExcused', 'absencesUnexcused', 'absencesUnclassified', 'comment'] as const;
export type HomeroomField = (typeof HOMEROOM_FIELDS)[number];

/** The fields that count sessions absent. */
export const ABSENCE_FIELDS = ['absencesExcused', 'absencesUnexcused', 'absencesUnclassified'] as const;
export type AbsenceField = (typeof ABSENCE_FIELDS)[number];

/** The map key of a field: the same name, except the old undivided count keeps its old key. */
const STORED_KEY: Readonly<Record<HomeroomField, string>> = {
	conduct: 'conduct',
	conductComment: 'conductComment',
	absencesExcused: 'absencesExcused',
	absencesUnexcused: 'absencesUnexcused',
	absencesUnclassified: 'absences',
	comment: 'comment'
};
const FIELD_OF_KEY = new Map(HOMEROOM_FIELDS.map((field) => [STORED_KEY[field], field]));

/** The name a field has in the document (and in the audit trail, so old and new rows agree). */
export function storedFieldName(field: HomeroomField): string {
	return STORED_KEY[field];
}

export interface HomeroomValues {
	/** Kết quả rèn luyện of the term; null = not set yet. */
	conduct: Level | null;
	/** Why that level (optional). */
	conductComment: string;
	/** Sessions (buổi) absent in the term with leave (có phép); null = not entered yet. */
	absencesExcused: number | null;
	/** Sessions absent without leave (không phép); null = not entered yet. */
	absencesUnexcused: number | null;
	/** The undivided number of a document written before the split (chưa phân loại); null = none. */
	absencesUnclassified: number | null;
	/** The homeroom teacher's comment on the student (nhận xét). */
	comment: string;
}

export interface HomeroomEntry<F extends HomeroomField = HomeroomField> {
	value: HomeroomValues[F];
	by: string;
	byName: string;
	at: number;
	offline: boolean;
}

export interface Stamp {
	actor: Actor;
	at: number;
	offline: boolean;
}

export type HomeroomRead =
	| { ok: true; meta: HomeroomMeta; roster: RosterEntry[]; records: Map<string, HomeroomValues>; entries: Map<string, HomeroomEntry> }
	| { ok: false; reason: 'empty' | 'too-new' | 'malformed' };

const META = 'meta';
const STUDENTS = ROSTER_ROOT;
const RECORDS = 'records';

/** The root type names, for the server's schema (homeroom-schema.ts). */
export const HOMEROOM_ROOTS = { meta: META, students: STUDENTS, records: RECORDS } as const;

export function emptyValues(): HomeroomValues {
	return { conduct: null, conductComment: '', absencesExcused: null, absencesUnexcused: null, absencesUnclassified: null, comment: '' };
}

export function recordKey(studentId: string, field: HomeroomField): string {
	return `${studentId}:${STORED_KEY[field]}`;
}

export function splitKey(key: string): [string, HomeroomField] | null {
	const at = key.lastIndexOf(':');
	const field = FIELD_OF_KEY.get(key.slice(at + 1));
	return at > 0 && field ? [key.slice(0, at), field] : null;
}

/** Server side: writes the header and roster of a new homeroom document. */
export function initHomeroom(doc: Y.Doc, meta: Omit<HomeroomMeta, 'schemaVersion'>, roster: RosterEntry[]): void {
	doc.transact(() => {
		const metaMap = doc.getMap(META);
		for (const [key, value] of Object.entries({ ...meta, schemaVersion: HOMEROOM_SCHEMA_VERSION })) metaMap.set(key, value);
		mergeRoster(doc, roster);
	});
}

export type HomeroomPatch = Partial<HomeroomValues>;

/**
 * Writes fields of several students in ONE transaction (one network message). Values are
 * validated here too: an invalid one throws a RangeError, as it is a bug in the caller (input is
 * parsed at the UI boundary, src/lib/domain/homeroom).
 */
export function writeHomeroom(doc: Y.Doc, changes: ReadonlyArray<{ studentId: string; patch: HomeroomPatch }>, stamp: Stamp): void {
	const records = doc.getMap<unknown>(RECORDS);
	const students = doc.getMap<unknown>(STUDENTS);
	// The server refuses records of students not on the roster (sync-server SPEC V9, V12).
	for (const { studentId } of changes) if (!students.has(studentId)) throw new RangeError(`student not on the roster: ${studentId}`);
	doc.transact(() => {
		for (const { studentId, patch: asked } of changes) {
			const patch = withSplitSettled(records, studentId, asked);
			for (const field of HOMEROOM_FIELDS) {
				if (!(field in patch)) continue;
				const value = patch[field];
				if (!isFieldValue(field, value)) throw new RangeError(`invalid homeroom ${field}: ${String(value)}`);
				const entry: HomeroomEntry = { value: value as HomeroomEntry['value'], by: stamp.actor.id, byName: stamp.actor.name, at: stamp.at, offline: stamp.offline };
				records.set(recordKey(studentId, field), entry);
			}
		}
	});
}

/** H4: a patch that completes a student's có phép + không phép also clears the old undivided number. */
function withSplitSettled(records: Y.Map<unknown>, studentId: string, patch: HomeroomPatch): HomeroomPatch {
	if (!('absencesExcused' in patch) && !('absencesUnexcused' in patch)) return patch;
	const current = (field: AbsenceField): number | null => {
		const raw = records.get(recordKey(studentId, field));
		return isEntry(field, raw) ? (raw.value as number | null) : null;
	};
	const after = {
		excused: 'absencesExcused' in patch ? (patch.absencesExcused ?? null) : current('absencesExcused'),
		unexcused: 'absencesUnexcused' in patch ? (patch.absencesUnexcused ?? null) : current('absencesUnexcused'),
		unclassified: 'absencesUnclassified' in patch ? (patch.absencesUnclassified ?? null) : current('absencesUnclassified')
	};
	return clearsUnclassified(after) ? { ...patch, absencesUnclassified: null } : patch;
}

export function readHomeroom(doc: Y.Doc): HomeroomRead {
	const metaMap = doc.getMap(META);
	if (metaMap.size === 0) return { ok: false, reason: 'empty' };
	const meta = metaMap.toJSON() as HomeroomMeta;
	if (typeof meta.schemaVersion !== 'number') return { ok: false, reason: 'malformed' };
	if (meta.schemaVersion > HOMEROOM_SCHEMA_VERSION) return { ok: false, reason: 'too-new' };
	if (meta.term !== 'hk1' && meta.term !== 'hk2') return { ok: false, reason: 'malformed' };
	const roster = [...doc.getMap<unknown>(STUDENTS).values()].filter(isRosterEntry);
	const records = new Map<string, HomeroomValues>();
	const entries = new Map<string, HomeroomEntry>();
	doc.getMap<unknown>(RECORDS).forEach((raw, key) => {
		const parts = splitKey(key);
		if (!parts || !isEntry(parts[1], raw)) return;
		const [studentId, field] = parts;
		entries.set(key, raw);
		const values = records.get(studentId) ?? emptyValues();
		(values as unknown as Record<HomeroomField, unknown>)[field] = raw.value;
		records.set(studentId, values);
	});
	return { ok: true, meta, roster, records, entries };
}

/**
 * The record keys (`recordKey`, one per student and field) an update writes or erases, told from
 * the update itself: each map entry it adds, and each entry its delete set removes, is looked up
 * in `doc` — which already holds the update — for the key it sits under. Entries of `meta`,
 * `students` or malformed keys are not fields and are left out. `null` when that cannot be told
 * (the update does not decode, or names a struct `doc` does not hold as an item), so the caller
 * compares every field instead. Projections use this to audit only what the sender wrote: the
 * document may already hold other instances' edits, which their own instance projects
 * (sync-server SPEC F5, F7).
 */
export function fieldsWrittenBy(update: Uint8Array, doc: Y.Doc): Set<string> | null {
	return mapKeysWrittenBy(update, doc, doc.getMap<unknown>(RECORDS), (key) => splitKey(key) !== null);
}

/** Calls back after every change of the document, local or remote. */
export function observeHomeroom(doc: Y.Doc, onChange: () => void): () => void {
	const maps = [doc.getMap(META), doc.getMap(STUDENTS), doc.getMap(RECORDS)];
	for (const map of maps) map.observe(onChange);
	return () => {
		for (const map of maps) map.unobserve(onChange);
	};
}

/** The Y.Map that holds records, for Y.UndoManager scoping in the browser. */
export function recordsType(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(RECORDS);
}

function isLevel(value: unknown): value is Level {
	try {
		return parseLevel(value) === value;
	} catch {
		return false;
	}
}

export function isFieldValue(field: HomeroomField, value: unknown): boolean {
	switch (field) {
		case 'conduct':
			return value === null || isLevel(value);
		case 'absencesExcused':
		case 'absencesUnexcused':
		case 'absencesUnclassified':
			return value === null || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_TERM_ABSENCES);
		case 'conductComment':
		case 'comment':
			return typeof value === 'string' && value.length <= MAX_HOMEROOM_TEXT;
	}
}

/** Content from peers is untrusted: an entry that is not well-formed is ignored, never shown. */
function isEntry(field: HomeroomField, value: unknown): value is HomeroomEntry {
	if (typeof value !== 'object' || value === null) return false;
	const entry = value as Record<string, unknown>;
	return isFieldValue(field, entry.value) && typeof entry.by === 'string' && typeof entry.at === 'number';
}

function isRosterEntry(value: unknown): value is RosterEntry {
	if (typeof value !== 'object' || value === null) return false;
	const entry = value as Record<string, unknown>;
	return typeof entry.id === 'string' && typeof entry.name === 'string';
}
