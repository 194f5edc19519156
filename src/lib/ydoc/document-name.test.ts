import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { documentNamePrefix, documentRow, formatDocumentName, isDocumentOfKind, parseDocumentName, parseDocumentParts, type DocumentRef } from './document-name';

describe('document names (docs/architecture.md §2)', () => {
	it('parses a gradebook name into its parts', () => {
		expect(parseDocumentName('gradebook/thcs-nvb/2025-2026/hk1/6a1/toan')).toEqual({
			ok: true,
			ref: { kind: 'gradebook', school: 'thcs-nvb', year: '2025-2026', term: 'hk1', classCode: '6a1', subject: 'toan' }
		});
	});

	it('parses homeroom, timetable and student view names', () => {
		expect(parseDocumentName('homeroom/thcs-nvb/2025-2026/hk2/9a2').ok).toBe(true);
		expect(parseDocumentName('timetable/thcs-nvb/2025-2026/v3').ok).toBe(true);
		expect(parseDocumentName('student/hs0012345/2025-2026').ok).toBe(true);
	});

	it.each([
		['', 'empty'],
		['gradebook/thcs-nvb/2025-2026/hk3/6a1/toan', 'unknown term'],
		['gradebook/thcs-nvb/2025-2027/hk1/6a1/toan', 'years not consecutive'],
		['gradebook/thcs-nvb/2025-2026/hk1/6a1', 'missing subject'],
		['gradebook/thcs-nvb/2025-2026/hk1/6a1/toan/extra', 'extra segment'],
		['gradebook/THCS/2025-2026/hk1/6a1/toan', 'uppercase code'],
		['gradebook/../2025-2026/hk1/6a1/toan', 'path traversal'],
		['gradebook/thcs-nvb/2025-2026/hk1/6a1/to%20an', 'escaped characters'],
		['report/thcs-nvb/2025-2026', 'unknown kind'],
		['student/hs1/2025-2026/', 'trailing slash'],
		['x'.repeat(300), 'too long']
	])('refuses %j (%s)', (name) => {
		expect(parseDocumentName(name).ok).toBe(false);
	});

	it('formats what it parses, and parses what it formats', () => {
		const code = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}[a-z0-9]$/);
		const year = fc.integer({ min: 2000, max: 2098 }).map((y) => `${y}-${y + 1}`);
		const term = fc.constantFrom('hk1' as const, 'hk2' as const);
		const ref: fc.Arbitrary<DocumentRef> = fc.oneof(
			fc.record({ kind: fc.constant('gradebook' as const), school: code, year, term, classCode: code, subject: code }),
			fc.record({ kind: fc.constant('homeroom' as const), school: code, year, term, classCode: code }),
			fc.record({ kind: fc.constant('timetable' as const), school: code, year, version: code }),
			fc.record({ kind: fc.constant('student' as const), student: code, year })
		);
		fc.assert(
			fc.property(ref, (r) => {
				expect(parseDocumentName(formatDocumentName(r))).toEqual({ ok: true, ref: r });
			})
		);
	});
});

describe('building names for listings and routes in one place', () => {
	const gradebook: DocumentRef = { kind: 'gradebook', school: 'thcs-nvb', year: '2025-2026', term: 'hk1', classCode: '6a1', subject: 'toan' };

	it('a prefix of a school (and year) starts every name of that kind there, and no other', () => {
		const name = formatDocumentName(gradebook);
		expect(name.startsWith(documentNamePrefix('gradebook', 'thcs-nvb'))).toBe(true);
		expect(name.startsWith(documentNamePrefix('gradebook', 'thcs-nvb', '2025-2026'))).toBe(true);
		expect(name.startsWith(documentNamePrefix('gradebook', 'thcs-nvb', '2024-2025'))).toBe(false);
		expect(name.startsWith(documentNamePrefix('gradebook', 'thcs-nv'))).toBe(false);
		expect(name.startsWith(documentNamePrefix('homeroom', 'thcs-nvb'))).toBe(false);
	});

	it('tells a name\'s kind by its first segment', () => {
		expect(isDocumentOfKind(formatDocumentName(gradebook), 'gradebook')).toBe(true);
		expect(isDocumentOfKind(formatDocumentName(gradebook), 'homeroom')).toBe(false);
		expect(isDocumentOfKind('gradebooks/x', 'gradebook')).toBe(false);
	});

	it('parses route parameters as segments, refusing a segment that smuggles a "/"', () => {
		expect(parseDocumentParts('homeroom', ['thcs-nvb', '2025-2026', 'hk1', '6a1'])).toEqual({
			ok: true,
			ref: { kind: 'homeroom', school: 'thcs-nvb', year: '2025-2026', term: 'hk1', classCode: '6a1' }
		});
		expect(parseDocumentParts('homeroom', ['thcs-nvb', '2025-2026', 'hk1/6a1', 'x']).ok).toBe(false);
		expect(parseDocumentParts('homeroom', ['thcs-nvb', '2025-2026', 'hk3', '6a1']).ok).toBe(false);
	});
});

describe('documentRow (the key columns of yjs_documents)', () => {
	it('keys each kind from its name, null where the kind has no such key', () => {
		expect(documentRow('gradebook/thcs-a/2025-2026/hk2/6a1/toan')).toEqual({
			name: 'gradebook/thcs-a/2025-2026/hk2/6a1/toan',
			kind: 'gradebook',
			school: 'thcs-a',
			year: '2025-2026',
			term: 'hk2',
			classCode: '6a1',
			subject: 'toan',
			student: null
		});
		expect(documentRow('homeroom/thcs-a/2025-2026/hk1/7a2')).toMatchObject({ kind: 'homeroom', classCode: '7a2', term: 'hk1', subject: null, student: null });
		expect(documentRow('timetable/thcs-a/2025-2026/v3')).toMatchObject({ kind: 'timetable', school: 'thcs-a', year: '2025-2026', term: null, classCode: null });
		expect(documentRow('student/hs-0001/2024-2025')).toMatchObject({ kind: 'student', school: null, year: '2024-2025', student: 'hs-0001' });
	});

	it('refuses what is not a document name', () => {
		expect(documentRow('gradebook/thcs-a/2025-2026/hk3/6a1/toan')).toBeNull();
		expect(documentRow('student/hs-0001')).toBeNull();
	});
});
