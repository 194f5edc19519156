/**
 * The sync hook that keeps SQL in step with the subject teachers' per-student comments (nhận xét)
 * of gradebook documents (parents SPEC PV9), like grade-projection.ts for marks: after every
 * applied update it compares the comments that update wrote (`commentsWrittenBy`) with what SQL
 * holds for them now, upserts `grade_comments` and appends one `grade_comment_audit` row per
 * changed comment with the person the sync server authenticated. Only those comments: with several
 * instances the document may hold comments another instance received, which that instance
 * projects under their own sender (exactly once, sync-server SPEC F5). Old values are read from
 * SQL, never from a per-process cache. An update whose comments cannot be told, or a call without
 * one, compares every comment. Writes for one document run one at a time, in order.
 *
 * Untrusted content (projections SPEC P2–P5): only enrolled students, text of at most
 * MAX_COMMENT_LENGTH characters and entries with a real time reach SQL; the text is stored NFC
 * and trimmed. Anything else is skipped and recorded as an integrity alert.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { gradeCommentAudit, gradeComments } from '../../../../drizzle/schema';
import { parseDocumentName } from '../../ydoc/document-name';
import { MAX_COMMENT_LENGTH, commentsWrittenBy, readComments, readGradebook, type StudentComment } from '../../ydoc/gradebook';
import { recordProblems, type IntegrityProblem } from '../integrity/alerts';
import { screen } from '../integrity/screen';
import { isSaneTimestamp } from '../integrity/timestamps';
import { orderedPerKey } from '../ordered-per-key';
import type { DocumentEvent, ProjectedStudents } from './grade-projection';
import { loadGradebookScope } from './gradebook-scope';

export interface CommentProjection {
	hook: (event: DocumentEvent) => Promise<void> | void;
	idle(): Promise<void>;
	backlog(): number;
}

interface CommentChange {
	studentId: string;
	oldValue: string | null;
	newValue: string | null;
	entry: StudentComment | undefined;
}

/** A comment as SQL keeps it: NFC, without leading or trailing white space; '' when none. */
export function commentText(comment: StudentComment | undefined): string {
	return comment ? comment.text.normalize('NFC').trim() : '';
}

function problemOf(change: CommentChange, students: ReadonlySet<string>): IntegrityProblem['kind'] | null {
	if (!students.has(change.studentId)) return 'off-roster-student';
	if (change.entry && change.entry.text.length > MAX_COMMENT_LENGTH) return 'bad-value';
	if (change.entry && !isSaneTimestamp(change.entry.at)) return 'bad-timestamp';
	return null;
}

export function commentProjection(db: Database, options: { onProjected?: ProjectedStudents } = {}): CommentProjection {
	const ordered = orderedPerKey();

	function hook({ document, doc, actor, update }: DocumentEvent): Promise<void> | void {
		const parsed = parseDocumentName(document);
		if (!parsed.ok || parsed.ref.kind !== 'gradebook') return;
		const ref = parsed.ref;
		if (!readGradebook(doc).ok) return;
		const written = update ? commentsWrittenBy(update, doc) : null;
		if (written && written.size === 0) return;
		// Read now: the hook runs synchronously after the update, so this is exactly its result.
		const comments = readComments(doc, written ?? undefined);
		return ordered.run(document, async () => {
			const rows = await db
				.select({ studentId: gradeComments.studentId, text: gradeComments.text })
				.from(gradeComments)
				.where(written ? and(eq(gradeComments.document, document), inArray(gradeComments.studentId, [...written])) : eq(gradeComments.document, document));
			const stored = new Map(rows.map((r) => [r.studentId, r.text]));
			const changes: CommentChange[] = [];
			for (const studentId of new Set([...(written ?? comments.keys()), ...(written ? [] : stored.keys())])) {
				const entry = comments.get(studentId);
				const oldValue = stored.get(studentId) ?? null;
				const newValue = commentText(entry);
				if ((oldValue ?? '') === newValue) continue;
				changes.push({ studentId, oldValue, newValue, entry });
			}
			if (changes.length === 0) return;
			const scope = await loadGradebookScope(db, ref);
			const { accepted, problems } = screen(changes, (c) => `${c.studentId}:nhan-xet`, (c) => problemOf(c, scope.students));
			if (accepted.length > 0) {
				await db.transaction(async (tx) => {
					await tx.insert(gradeCommentAudit).values(
						accepted.map((c) => ({
							document,
							studentId: c.studentId,
							oldText: c.oldValue,
							newText: c.newValue,
							personId: actor?.personId ?? null,
							personName: actor?.name ?? c.entry?.byName ?? null,
							enteredAt: c.entry ? new Date(c.entry.at) : null
						}))
					);
					await tx
						.insert(gradeComments)
						.values(
							accepted.map((c) => ({
								document,
								studentId: c.studentId,
								text: c.newValue ?? '',
								byName: c.entry?.byName ?? null,
								updatedBy: actor?.personId ?? null,
								updatedAt: new Date()
							}))
						)
						.onConflictDoUpdate({
							target: [gradeComments.document, gradeComments.studentId],
							set: { text: sql`excluded.text`, byName: sql`excluded.by_name`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`excluded.updated_at` }
						});
				});
				options.onProjected?.(document, accepted.map((c) => c.studentId));
			}
			await recordProblems(db, document, problems);
		});
	}

	return { hook, idle: ordered.idle, backlog: ordered.backlog };
}
