import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * School fees without cash (issue 12; src/lib/server/fees/SPEC.md). Money is integer đồng
 * (`bigint` read as a JavaScript number: safe far beyond any school's totals). Nothing here is
 * deleted: a due that changes or is cancelled keeps its history rows, a bank credit once imported
 * stays, and every change is in `fee_audit`.
 */

/** The school's collection account and the seller details a receipt and an e-invoice provider need. */
export const feeAccounts = pgTable('fee_accounts', {
	schoolId: text('school_id').primaryKey(),
	bankBin: text('bank_bin').notNull(),
	bankName: text('bank_name').notNull(),
	accountNumber: text('account_number').notNull(),
	accountName: text('account_name').notNull(),
	taxCode: text('tax_code'),
	address: text('address'),
	updatedBy: text('updated_by').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** A fee item of a school year: what is collected, on what basis, per which period, how much (FA2). */
export const feeItems = pgTable(
	'fee_items',
	{
		schoolId: text('school_id').notNull(),
		year: text('year').notNull(),
		code: text('code').notNull(),
		name: text('name').notNull(),
		legalBasis: text('legal_basis').notNull(),
		period: text('period', { enum: ['month', 'term', 'year'] }).notNull(),
		/** The domain's AmountRule as JSON (src/lib/domain/fees/items.ts). */
		rule: jsonb('rule').notNull(),
		mandatory: boolean('mandatory').notNull(),
		/** The date a due of this item falls due, as days after its period starts. */
		dueDays: integer('due_days').notNull().default(15),
		createdBy: text('created_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.schoolId, t.year, t.code] })]
);

/** A guardian's agreement to an optional item for one student (who recorded it, when). */
export const feeAgreements = pgTable(
	'fee_agreements',
	{
		schoolId: text('school_id').notNull(),
		year: text('year').notNull(),
		itemCode: text('item_code').notNull(),
		studentId: text('student_id').notNull(),
		agreedBy: text('agreed_by').notNull(),
		/** How the school has the agreement: 'giay' (signed form), 'truc-tiep' (in person), 'ung-dung' (in the app); null for rows before it was asked. */
		method: text('method'),
		/** The day the guardian agreed (the form's date), as written on the form. */
		agreedOn: date('agreed_on', { mode: 'string' }),
		recordedBy: text('recorded_by').notNull(),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.schoolId, t.year, t.itemCode, t.studentId] })]
);

/** An exemption or reduction (policy category, percent, evidence); ended, never deleted. */
export const feeExemptions = pgTable(
	'fee_exemptions',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		schoolId: text('school_id').notNull(),
		year: text('year').notNull(),
		studentId: text('student_id').notNull(),
		itemCode: text('item_code').notNull(),
		category: text('category').notNull(),
		percent: integer('percent').notNull(),
		evidence: text('evidence').notNull(),
		recordedBy: text('recorded_by').notNull(),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		/** The first day the exemption no longer applies: periods starting on or after it are charged in full (FE46). Null with `ended_at` set: ended for every period (rows before this column). */
		endsFrom: date('ends_from', { mode: 'string' }),
		endReason: text('end_reason'),
		endedBy: text('ended_by')
	},
	(t) => [index('fee_exemptions_school_idx').on(t.schoolId, t.year)]
);

/**
 * One amount due: student × item × period. Its current figures live on the row; every version of
 * them (first generation, adjustments, cancellation, payment) is a `fee_due_history` row (FA4).
 */
export const feeDues = pgTable(
	'fee_dues',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		schoolId: text('school_id').notNull(),
		year: text('year').notNull(),
		studentId: text('student_id').notNull(),
		itemCode: text('item_code').notNull(),
		period: text('period').notNull(),
		gross: bigint('gross', { mode: 'number' }).notNull(),
		reduction: bigint('reduction', { mode: 'number' }).notNull(),
		amount: bigint('amount', { mode: 'number' }).notNull(),
		exemptionCategory: text('exemption_category'),
		state: text('state', { enum: ['open', 'paid', 'cancelled'] }).notNull(),
		/** The payment reference put in the VietQR purpose (domain reference.ts), unique per school. */
		reference: text('reference').notNull(),
		dueDate: date('due_date', { mode: 'string' }).notNull(),
		version: integer('version').notNull().default(1),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('fee_dues_key').on(t.schoolId, t.year, t.studentId, t.itemCode, t.period),
		uniqueIndex('fee_dues_reference').on(t.schoolId, t.reference),
		index('fee_dues_student_idx').on(t.studentId)
	]
);

export const feeDueHistory = pgTable(
	'fee_due_history',
	{
		dueId: bigint('due_id', { mode: 'number' }).notNull(),
		version: integer('version').notNull(),
		gross: bigint('gross', { mode: 'number' }).notNull(),
		reduction: bigint('reduction', { mode: 'number' }).notNull(),
		amount: bigint('amount', { mode: 'number' }).notNull(),
		exemptionCategory: text('exemption_category'),
		state: text('state', { enum: ['open', 'paid', 'cancelled'] }).notNull(),
		reason: text('reason').notNull(),
		changedBy: text('changed_by').notNull(),
		changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.dueId, t.version] })]
);

/** A guardian's bundle: one reference paying several dues at once. */
export const feeBundles = pgTable(
	'fee_bundles',
	{
		reference: text('reference').notNull(),
		schoolId: text('school_id').notNull(),
		createdBy: text('created_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.schoolId, t.reference] })]
);

export const feeBundleDues = pgTable(
	'fee_bundle_dues',
	{
		schoolId: text('school_id').notNull(),
		reference: text('reference').notNull(),
		dueId: bigint('due_id', { mode: 'number' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.schoolId, t.reference, t.dueId] })]
);

/** One imported statement file (who, when, what it held). */
export const feeStatementImports = pgTable('fee_statement_imports', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	schoolId: text('school_id').notNull(),
	fileName: text('file_name').notNull(),
	credits: integer('credits').notNull(),
	newCredits: integer('new_credits').notNull(),
	importedBy: text('imported_by').notNull(),
	importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * A credit on the school's account, once per bank transaction id (FA6: importing a statement
 * twice inserts nothing the second time). `status` is what reconciliation decided.
 */
export const bankTransactions = pgTable(
	'bank_transactions',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		schoolId: text('school_id').notNull(),
		transactionId: text('transaction_id').notNull(),
		bookedAt: date('booked_at', { mode: 'string' }).notNull(),
		amount: bigint('amount', { mode: 'number' }).notNull(),
		description: text('description').notNull(),
		source: text('source', { enum: ['statement', 'ssc'] }).notNull().default('statement'),
		status: text('status', { enum: ['matched', 'partial', 'over', 'unmatched', 'assigned', 'ignored', 'refunded'] }).notNull(),
		importId: bigint('import_id', { mode: 'number' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('bank_transactions_key').on(t.schoolId, t.transactionId)]
);

/** Part of a credit applied to a due (automatic by reconciliation, or a person's decision). */
export const feeAllocations = pgTable(
	'fee_allocations',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		transactionId: bigint('transaction_id', { mode: 'number' }).notNull(),
		dueId: bigint('due_id', { mode: 'number' }).notNull(),
		amount: bigint('amount', { mode: 'number' }).notNull(),
		how: text('how', { enum: ['reference', 'amount_and_code', 'person', 'ssc'] }).notNull(),
		allocatedBy: text('allocated_by').notNull(),
		allocatedAt: timestamp('allocated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('fee_allocations_due_idx').on(t.dueId), index('fee_allocations_tx_idx').on(t.transactionId)]
);

/**
 * Biên lai thu: one per credit that paid dues. The e-invoice fields (Decree 123/2020) are kept so a
 * certified provider can be plugged in; until then `einvoice*` stay null and the PDF says it is not
 * an e-invoice.
 */
export const feeReceipts = pgTable(
	'fee_receipts',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		schoolId: text('school_id').notNull(),
		number: text('number').notNull(),
		transactionId: bigint('transaction_id', { mode: 'number' }).notNull(),
		studentId: text('student_id').notNull(),
		payerName: text('payer_name').notNull(),
		/** Lines: item code, name, period, amount. */
		lines: jsonb('lines').notNull(),
		total: bigint('total', { mode: 'number' }).notNull(),
		paymentMethod: text('payment_method').notNull(),
		bankReference: text('bank_reference').notNull(),
		paidAt: date('paid_at', { mode: 'string' }).notNull(),
		verificationCode: text('verification_code').notNull(),
		einvoiceProvider: text('einvoice_provider'),
		einvoiceSeries: text('einvoice_series'),
		einvoiceNumber: text('einvoice_number'),
		einvoiceAuthorityCode: text('einvoice_authority_code'),
		einvoiceLink: text('einvoice_link'),
		issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('fee_receipts_number').on(t.schoolId, t.number), index('fee_receipts_student_idx').on(t.studentId)]
);

/** Who changed what in fees, and when (FA1). */
export const feeAudit = pgTable(
	'fee_audit',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		schoolId: text('school_id').notNull(),
		personId: text('person_id').notNull(),
		action: text('action').notNull(),
		subject: text('subject').notNull(),
		detail: jsonb('detail'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('fee_audit_school_idx').on(t.schoolId, t.at)]
);
