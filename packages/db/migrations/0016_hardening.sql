-- Sign-in throttling by (username, client address) and by address (apps/api/src/modules/auth).
-- The old per-username counters are transient: they are dropped, not converted.
DELETE FROM "login_attempts";--> statement-breakpoint
ALTER TABLE "login_attempts" DROP CONSTRAINT "login_attempts_pkey";--> statement-breakpoint
ALTER TABLE "login_attempts" ADD COLUMN "ip" text NOT NULL;--> statement-breakpoint
ALTER TABLE "login_attempts" ADD CONSTRAINT "login_attempts_username_ip_pk" PRIMARY KEY("username","ip");--> statement-breakpoint
CREATE INDEX "login_attempts_last_failure_idx" ON "login_attempts" USING btree ("last_failure_at");--> statement-breakpoint
CREATE TABLE "login_address_attempts" (
	"ip" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "login_address_attempts_last_failure_idx" ON "login_address_attempts" USING btree ("last_failure_at");--> statement-breakpoint
-- the X-Forwarded-For header as received, beside the address the app believes (TRUST_PROXY)
ALTER TABLE "audit_log" ADD COLUMN "forwarded_for" text;
