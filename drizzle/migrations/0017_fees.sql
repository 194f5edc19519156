CREATE TABLE "bank_transactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"transaction_id" text NOT NULL,
	"booked_at" date NOT NULL,
	"amount" bigint NOT NULL,
	"description" text NOT NULL,
	"source" text DEFAULT 'statement' NOT NULL,
	"status" text NOT NULL,
	"import_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_accounts" (
	"school_id" text PRIMARY KEY NOT NULL,
	"bank_bin" text NOT NULL,
	"bank_name" text NOT NULL,
	"account_number" text NOT NULL,
	"account_name" text NOT NULL,
	"tax_code" text,
	"address" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_agreements" (
	"school_id" text NOT NULL,
	"year" text NOT NULL,
	"item_code" text NOT NULL,
	"student_id" text NOT NULL,
	"agreed_by" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "fee_agreements_school_id_year_item_code_student_id_pk" PRIMARY KEY("school_id","year","item_code","student_id")
);
--> statement-breakpoint
CREATE TABLE "fee_allocations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transaction_id" bigint NOT NULL,
	"due_id" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"how" text NOT NULL,
	"allocated_by" text NOT NULL,
	"allocated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"person_id" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"detail" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_bundle_dues" (
	"school_id" text NOT NULL,
	"reference" text NOT NULL,
	"due_id" bigint NOT NULL,
	CONSTRAINT "fee_bundle_dues_school_id_reference_due_id_pk" PRIMARY KEY("school_id","reference","due_id")
);
--> statement-breakpoint
CREATE TABLE "fee_bundles" (
	"reference" text NOT NULL,
	"school_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_bundles_school_id_reference_pk" PRIMARY KEY("school_id","reference")
);
--> statement-breakpoint
CREATE TABLE "fee_due_history" (
	"due_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"gross" bigint NOT NULL,
	"reduction" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"exemption_category" text,
	"state" text NOT NULL,
	"reason" text NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_due_history_due_id_version_pk" PRIMARY KEY("due_id","version")
);
--> statement-breakpoint
CREATE TABLE "fee_dues" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"year" text NOT NULL,
	"student_id" text NOT NULL,
	"item_code" text NOT NULL,
	"period" text NOT NULL,
	"gross" bigint NOT NULL,
	"reduction" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"exemption_category" text,
	"state" text NOT NULL,
	"reference" text NOT NULL,
	"due_date" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_exemptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"year" text NOT NULL,
	"student_id" text NOT NULL,
	"item_code" text NOT NULL,
	"category" text NOT NULL,
	"percent" integer NOT NULL,
	"evidence" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fee_items" (
	"school_id" text NOT NULL,
	"year" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"legal_basis" text NOT NULL,
	"period" text NOT NULL,
	"rule" jsonb NOT NULL,
	"mandatory" boolean NOT NULL,
	"due_days" integer DEFAULT 15 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_items_school_id_year_code_pk" PRIMARY KEY("school_id","year","code")
);
--> statement-breakpoint
CREATE TABLE "fee_receipts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"number" text NOT NULL,
	"transaction_id" bigint NOT NULL,
	"student_id" text NOT NULL,
	"payer_name" text NOT NULL,
	"lines" jsonb NOT NULL,
	"total" bigint NOT NULL,
	"payment_method" text NOT NULL,
	"bank_reference" text NOT NULL,
	"paid_at" date NOT NULL,
	"verification_code" text NOT NULL,
	"einvoice_provider" text,
	"einvoice_series" text,
	"einvoice_number" text,
	"einvoice_authority_code" text,
	"einvoice_link" text,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_statement_imports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"file_name" text NOT NULL,
	"credits" integer NOT NULL,
	"new_credits" integer NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bank_transactions_key" ON "bank_transactions" USING btree ("school_id","transaction_id");--> statement-breakpoint
CREATE INDEX "fee_allocations_due_idx" ON "fee_allocations" USING btree ("due_id");--> statement-breakpoint
CREATE INDEX "fee_allocations_tx_idx" ON "fee_allocations" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "fee_audit_school_idx" ON "fee_audit" USING btree ("school_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_dues_key" ON "fee_dues" USING btree ("school_id","year","student_id","item_code","period");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_dues_reference" ON "fee_dues" USING btree ("school_id","reference");--> statement-breakpoint
CREATE INDEX "fee_dues_student_idx" ON "fee_dues" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "fee_exemptions_school_idx" ON "fee_exemptions" USING btree ("school_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_receipts_number" ON "fee_receipts" USING btree ("school_id","number");--> statement-breakpoint
CREATE INDEX "fee_receipts_student_idx" ON "fee_receipts" USING btree ("student_id");