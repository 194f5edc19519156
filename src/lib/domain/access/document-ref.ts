/** What a Yjs document is about (docs/architecture.md §2). Names are parsed in src/lib/ydoc/document-name.ts. */
export type Term = 'hk1' | 'hk2';

export type DocumentRef =
	| { kind: 'gradebook'; school: string; year: string; term: Term; classCode: string; subject: string }
	| { kind: 'homeroom'; school: string; year: string; term: Term; classCode: string }
	| { kind: 'timetable'; school: string; year: string; version: string }
	| { kind: 'student'; student: string; year: string };

export type DocumentKind = DocumentRef['kind'];
