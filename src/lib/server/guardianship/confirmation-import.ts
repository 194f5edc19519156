/**
 * Importing the police confirmation list (guardianship SPEC GV8): each readable row is matched by
 * the keyed hashes of the two personal IDs to a link of this school, then confirmed
 * (`school_checked` → `authority_confirmed`) or sent back (`needs_more_info`) through the desk's
 * step, so the state machine and the event log are the same as at the desk.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { guardianships, people, students } from '../../../../drizzle/schema';
import { mapConfirmationHeader, readConfirmationRow, CONFIRMATION_COLUMNS } from '../../domain/guardianship/confirmation-list';
import type { RawCell } from '../../domain/roster/cells';
import type { Keys } from '../keys';
import { hashPersonalId } from '../personal-id';
import { readSheet } from '../roster/spreadsheet';
import type { SyncControl } from '../services';
import { takeStep } from './verification-desk';

export interface ConfirmationReport {
	ok: boolean;
	message: string;
	lines: Array<{ line: number; outcome: 'confirmed' | 'needs_more_info' | 'skipped'; message: string }>;
}

export async function importConfirmationList(
	db: Database,
	keys: Keys,
	sync: Pick<SyncControl, 'reauthorizePerson'>,
	input: { schoolId: string; year: string; actorId: string; now: Date },
	bytes: Uint8Array
): Promise<ConfirmationReport> {
	const read = await readSheet(bytes, (header) => mapConfirmationHeader(header) !== null);
	const columns = read.ok ? mapConfirmationHeader(read.sheet.header) : null;
	if (!read.ok || !columns) {
		return { ok: false, message: `Tệp không đúng mẫu danh sách xác nhận: cần các cột ${CONFIRMATION_COLUMNS.map((c) => c.header).join(', ')}.`, lines: [] };
	}
	const lines: ConfirmationReport['lines'] = [];
	for (const row of read.sheet.rows) {
		const cells: Record<string, RawCell> = {};
		columns.forEach((key, index) => {
			if (key) cells[key] = row.cells[index] ?? null;
		});
		if (Object.values(cells).every((c) => c === null || String(c).trim() === '')) continue;
		const parsed = readConfirmationRow(row.line, cells);
		if (!parsed.ok) {
			lines.push({ line: row.line, outcome: 'skipped', message: parsed.message });
			continue;
		}
		const { entry } = parsed;
		const link = await findLink(db, keys, input.schoolId, entry.guardianId, entry.studentId);
		if (!link) {
			lines.push({ line: row.line, outcome: 'skipped', message: 'Không có liên kết phụ huynh – học sinh này ở trường.' });
			continue;
		}
		const step = entry.confirmed ? { kind: 'authority_confirm' as const, evidence: entry.evidence } : { kind: 'ask_more_info' as const, reason: `Công an không xác nhận (${entry.evidence})` };
		const result = await takeStep(db, keys, sync, { ...input, link, step });
		lines.push(
			result.ok
				? { line: row.line, outcome: entry.confirmed ? 'confirmed' : 'needs_more_info', message: entry.confirmed ? 'Đã ghi nhận công an xác nhận.' : 'Chuyển sang "Cần bổ sung".' }
				: { line: row.line, outcome: 'skipped', message: result.message }
		);
	}
	const done = lines.filter((l) => l.outcome !== 'skipped').length;
	return { ok: true, message: `Đã xử lý ${done}/${lines.length} dòng.`, lines };
}

async function findLink(db: Database, keys: Keys, schoolId: string, guardianPersonalId: string, studentPersonalId: string) {
	const hashes = [hashPersonalId(keys.idHashKey, guardianPersonalId), hashPersonalId(keys.idHashKey, studentPersonalId)];
	const found = await db.select({ id: people.id, hash: people.personalIdHash }).from(people).where(inArray(people.personalIdHash, hashes));
	const guardian = found.find((p) => p.hash === hashes[0]);
	const studentPerson = found.find((p) => p.hash === hashes[1]);
	if (!guardian || !studentPerson) return null;
	const [link] = await db
		.select({ guardianId: guardianships.guardianId, studentId: guardianships.studentId })
		.from(guardianships)
		.innerJoin(students, eq(students.id, guardianships.studentId))
		.where(and(eq(guardianships.guardianId, guardian.id), eq(students.personId, studentPerson.id), eq(students.schoolId, schoolId)));
	return link ?? null;
}
