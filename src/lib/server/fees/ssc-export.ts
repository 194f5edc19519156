/** FA18: the open dues in the SSC layout (the domain's adapter decides the columns), as UTF-8 CSV. */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import * as t from '../../../../drizzle/schema';
import { sscDuesRows, type SscDue } from '../../domain/fees/ssc';
import { itemsOf, studentsOf, type FeeScope } from './dues';

export function toCsv(rows: readonly (readonly string[])[]): string {
	const quote = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
	return '\uFEFF' + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

export async function sscDuesCsv(db: Database, scope: FeeScope): Promise<string> {
	const [items, students, dues] = await Promise.all([
		itemsOf(db, scope),
		studentsOf(db, scope),
		db
			.select()
			.from(t.feeDues)
			.where(and(eq(t.feeDues.schoolId, scope.school), eq(t.feeDues.year, scope.year), eq(t.feeDues.state, 'open')))
			.orderBy(t.feeDues.id)
	]);
	const rows: SscDue[] = dues.map((d) => ({
		studentId: d.studentId,
		itemCode: d.itemCode,
		period: d.period,
		gross: d.gross,
		reduction: d.reduction,
		amount: d.amount,
		reference: d.reference,
		dueDate: d.dueDate
	}));
	return toCsv(sscDuesRows(rows, students.map((s) => ({ id: s.id, code: s.code, fullName: s.name, classCode: s.className })), items));
}
