ALTER TABLE "fee_agreements" ADD COLUMN "method" text;--> statement-breakpoint
ALTER TABLE "fee_agreements" ADD COLUMN "agreed_on" date;--> statement-breakpoint
ALTER TABLE "fee_exemptions" ADD COLUMN "ends_from" date;--> statement-breakpoint
ALTER TABLE "fee_exemptions" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "fee_exemptions" ADD COLUMN "ended_by" text;