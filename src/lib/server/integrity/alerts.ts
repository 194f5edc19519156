/**
 * Integrity alerts (projections SPEC P5): what a projection refused to take from a document, and
 * drift the reconciliation found, recorded once per document and kind (a repeat counts up) and
 * logged, for the school's leaders to see at /quan-ly/toan-ven. Cell keys come from documents and
 * are untrusted: they are shortened and stripped of control and format characters before they
 * are stored, logged or shown.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { integrityAlerts } from '../../../../drizzle/schema';
import { parseDocumentName } from '../../ydoc/document-name';

export const ALERT_KINDS = ['off-roster-student', 'unknown-column', 'bad-value', 'bad-timestamp', 'erased-history', 'unreadable', 'drift'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What each kind means, for the leaders' page. */
export const ALERT_TITLES: Record<AlertKind, string> = {
	'off-roster-student': 'Điểm của học sinh không có trong danh sách lớp (đã bỏ qua)',
	'unknown-column': 'Điểm ở cột không thuộc môn học (đã bỏ qua)',
	'bad-value': 'Giá trị không hợp lệ với môn học (đã bỏ qua)',
	'bad-timestamp': 'Thời điểm nhập không hợp lệ (đã bỏ qua)',
	'erased-history': 'Lịch sử điểm bị xóa khỏi sổ (đã ghi nhật kí, điểm bị xóa)',
	unreadable: 'Tài liệu không đọc được (chưa cập nhật báo cáo)',
	drift: 'Dữ liệu báo cáo lệch với sổ (phát hiện khi đối chiếu)'
};

export interface IntegrityProblem {
	kind: AlertKind;
	/** The cell or field concerned (`student:column`), or '' for the whole document. */
	key: string;
	/** Optional words about this one occurrence (e.g. the values that disagree). */
	note?: string;
}

const MAX_EXAMPLES = 5;
const MAX_KEY_LENGTH = 60;

/** A key from a document as safe, short display text. */
export function displayKey(key: string): string {
	const clean = key.replace(/[\p{Cc}\p{Cf}]/gu, '�');
	return clean.length > MAX_KEY_LENGTH ? `${clean.slice(0, MAX_KEY_LENGTH)}…` : clean;
}

function detailOf(problems: IntegrityProblem[]): string {
	const examples = problems.slice(0, MAX_EXAMPLES).map((p) => `${displayKey(p.key)}${p.note ? ` (${p.note})` : ''}`);
	const more = problems.length > MAX_EXAMPLES ? ` và ${problems.length - MAX_EXAMPLES} ô khác` : '';
	return `${problems.length} ô: ${examples.join('; ')}${more}`;
}

/** Records (and logs) the problems found in one document, one alert row per kind. */
export async function recordProblems(db: Database, document: string, problems: IntegrityProblem[], now = new Date()): Promise<void> {
	if (problems.length === 0) return;
	const parsed = parseDocumentName(document);
	const school = parsed.ok && parsed.ref.kind !== 'student' ? parsed.ref.school : '';
	const byKind = new Map<AlertKind, IntegrityProblem[]>();
	for (const problem of problems) byKind.set(problem.kind, [...(byKind.get(problem.kind) ?? []), problem]);
	for (const [kind, list] of byKind) {
		const detail = detailOf(list);
		console.warn(JSON.stringify({ time: now.toISOString(), level: 'warn', message: 'integrity alert', document, kind, cells: list.length }));
		await db
			.insert(integrityAlerts)
			.values({ school, document, kind, detail, firstSeen: now, lastSeen: now })
			.onConflictDoUpdate({
				target: [integrityAlerts.document, integrityAlerts.kind],
				set: { detail: sql`excluded.detail`, lastSeen: sql`excluded.last_seen`, count: sql`${integrityAlerts.count} + 1` }
			});
	}
}

/** A school's alerts, most recently seen first. */
export async function alertsOf(db: Database, school: string) {
	return db.select().from(integrityAlerts).where(eq(integrityAlerts.school, school)).orderBy(desc(integrityAlerts.lastSeen), desc(integrityAlerts.id));
}
