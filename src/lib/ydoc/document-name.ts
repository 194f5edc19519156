/**
 * Document names are the permission boundary (docs/architecture.md §2): one Yjs document per thing
 * one group of people may write. This module is the only place that parses or formats them.
 */

import type { DocumentKind, DocumentRef, Term } from '../domain/access/document-ref';

export type { DocumentKind, DocumentRef, Term } from '../domain/access/document-ref';

export type ParseResult = { ok: true; ref: DocumentRef } | { ok: false; reason: string };

/** Lowercase ASCII codes: school, class, subject, student and version codes. */
const CODE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** A school year such as 2025-2026: two consecutive years. */
const YEAR = /^(\d{4})-(\d{4})$/;
const TERMS: readonly Term[] = ['hk1', 'hk2'];
const MAX_NAME_LENGTH = 256;

function isYear(value: string): boolean {
	const match = YEAR.exec(value);
	return match !== null && Number(match[2]) === Number(match[1]) + 1;
}

function isTerm(value: string): value is Term {
	return (TERMS as readonly string[]).includes(value);
}

export function parseDocumentName(name: string): ParseResult {
	if (name.length === 0 || name.length > MAX_NAME_LENGTH) return { ok: false, reason: 'length' };
	const parts = name.split('/');
	const [kind, ...rest] = parts;
	const badCode = rest.find((part, index) => !(isCodePart(kind, index, part)));
	if (badCode !== undefined) return { ok: false, reason: `invalid segment "${badCode}"` };
	switch (kind) {
		case 'gradebook': {
			const [school, year, term, classCode, subject] = rest;
			if (rest.length !== 5 || !school || !year || !term || !classCode || !subject || !isTerm(term))
				return { ok: false, reason: 'gradebook/<school>/<year>/<term>/<class>/<subject>' };
			return { ok: true, ref: { kind, school, year, term, classCode, subject } };
		}
		case 'homeroom': {
			const [school, year, term, classCode] = rest;
			if (rest.length !== 4 || !school || !year || !term || !classCode || !isTerm(term))
				return { ok: false, reason: 'homeroom/<school>/<year>/<term>/<class>' };
			return { ok: true, ref: { kind, school, year, term, classCode } };
		}
		case 'timetable': {
			const [school, year, version] = rest;
			if (rest.length !== 3 || !school || !year || !version)
				return { ok: false, reason: 'timetable/<school>/<year>/<version>' };
			return { ok: true, ref: { kind, school, year, version } };
		}
		case 'student': {
			const [student, year] = rest;
			if (rest.length !== 2 || !student || !year) return { ok: false, reason: 'student/<student>/<year>' };
			return { ok: true, ref: { kind, student, year } };
		}
		default:
			return { ok: false, reason: `unknown document kind "${kind ?? ''}"` };
	}
}

/** Which segment of each kind holds the school year; every other segment is a code. */
const YEAR_SEGMENT: Record<string, number> = { gradebook: 1, homeroom: 1, timetable: 1, student: 1 };
const TERM_SEGMENT: Record<string, number> = { gradebook: 2, homeroom: 2 };

function isCodePart(kind: string | undefined, index: number, part: string): boolean {
	if (kind === undefined) return false;
	if (YEAR_SEGMENT[kind] === index) return isYear(part);
	if (TERM_SEGMENT[kind] === index) return isTerm(part);
	return CODE.test(part);
}

export function formatDocumentName(ref: DocumentRef): string {
	switch (ref.kind) {
		case 'gradebook':
			return `gradebook/${ref.school}/${ref.year}/${ref.term}/${ref.classCode}/${ref.subject}`;
		case 'homeroom':
			return `homeroom/${ref.school}/${ref.year}/${ref.term}/${ref.classCode}`;
		case 'timetable':
			return `timetable/${ref.school}/${ref.year}/${ref.version}`;
		case 'student':
			return `student/${ref.student}/${ref.year}`;
	}
}

/**
 * The start every name of one kind shares within a school (and year), for listings by prefix
 * (SQL `LIKE prefix%`, `startsWith`). Codes and years hold no `%` or `_`, so the prefix needs no
 * escaping in a LIKE pattern.
 */
export function documentNamePrefix(kind: 'gradebook' | 'homeroom', school: string, year?: string): string {
	return year === undefined ? `${kind}/${school}/` : `${kind}/${school}/${year}/`;
}

/** Whether a name is of this kind (by its first segment; the rest is not checked). */
export function isDocumentOfKind(name: string, kind: DocumentKind): boolean {
	return name.startsWith(`${kind}/`);
}

/** Parses a name given as its kind and segments, e.g. a route's parameters. */
export function parseDocumentParts(kind: DocumentKind, parts: readonly string[]): ParseResult {
	if (parts.some((part) => part.includes('/'))) return { ok: false, reason: 'a segment holds "/"' };
	return parseDocumentName([kind, ...parts].join('/'));
}

/** The key columns of a document's row in `yjs_documents`: what listings select and index on. */
export interface DocumentKeys {
	kind: DocumentRef['kind'];
	school: string | null;
	year: string;
	term: Term | null;
	classCode: string | null;
	subject: string | null;
	student: string | null;
}

export function documentKeys(ref: DocumentRef): DocumentKeys {
	switch (ref.kind) {
		case 'gradebook':
			return { kind: ref.kind, school: ref.school, year: ref.year, term: ref.term, classCode: ref.classCode, subject: ref.subject, student: null };
		case 'homeroom':
			return { kind: ref.kind, school: ref.school, year: ref.year, term: ref.term, classCode: ref.classCode, subject: null, student: null };
		case 'timetable':
			return { kind: ref.kind, school: ref.school, year: ref.year, term: null, classCode: null, subject: null, student: null };
		case 'student':
			return { kind: ref.kind, school: null, year: ref.year, term: null, classCode: null, subject: null, student: ref.student };
	}
}

/** A registrable `yjs_documents` row for a name, or null when the name is not a document name. */
export function documentRow(name: string): ({ name: string } & DocumentKeys) | null {
	const parsed = parseDocumentName(name);
	return parsed.ok ? { name, ...documentKeys(parsed.ref) } : null;
}
