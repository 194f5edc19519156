import { eq } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { feeAccounts } from '../../../../drizzle/schema';
import type { CollectionAccount } from '../../domain/fees/account';
import { audit } from './audit';

/** The school's collection account (what the VietQR codes pay into), or null before it is set. */
export async function feeAccountOf(db: Database, school: string): Promise<CollectionAccount | null> {
	const [account] = await db.select().from(feeAccounts).where(eq(feeAccounts.schoolId, school));
	return account
		? { bankName: account.bankName, bankBin: account.bankBin, accountNumber: account.accountNumber, accountName: account.accountName, taxCode: account.taxCode ?? '', address: account.address ?? '' }
		: null;
}

/**
 * FA22: sets the school's collection account (already checked by the domain's
 * `readCollectionAccount`, FE47). Every code shown from then on pays into it; the audit row keeps
 * the account before and after.
 */
export async function saveFeeAccount(db: Database, school: string, person: string, account: CollectionAccount): Promise<void> {
	await db.transaction(async (txDb) => {
		const tx = txDb as unknown as Database;
		const before = await feeAccountOf(tx, school);
		const values = { ...account, taxCode: account.taxCode || null, address: account.address || null, updatedBy: person, updatedAt: new Date() };
		await tx
			.insert(feeAccounts)
			.values({ schoolId: school, ...values })
			.onConflictDoUpdate({ target: feeAccounts.schoolId, set: values });
		await audit(tx, school, person, 'account.update', `${account.bankBin}/${account.accountNumber}`, { before, after: account });
	});
}
