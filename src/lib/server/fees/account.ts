import { eq } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { feeAccounts } from '../../../../drizzle/schema';

/** The school's collection account (what the VietQR codes pay into), or null before it is set. */
export async function feeAccountOf(db: Database, school: string) {
	const [account] = await db.select().from(feeAccounts).where(eq(feeAccounts.schoolId, school));
	return account ? { bankName: account.bankName, bankBin: account.bankBin, accountNumber: account.accountNumber, accountName: account.accountName } : null;
}
