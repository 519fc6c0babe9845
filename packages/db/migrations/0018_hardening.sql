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
--> statement-breakpoint
-- Sessions, users, roles and units announce their changes on a channel of their own, so that every
-- app instance drops the signed-in callers it keeps in memory (apps/api/src/platform/session-cache.ts):
-- a sign-out, a password change or a role change on one instance holds on all of them at once.
CREATE FUNCTION wutong_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('wutong_sessions_changed', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_sessions_changed AFTER DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_sessions_changed();
--> statement-breakpoint
CREATE TRIGGER users_sessions_changed AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_sessions_changed();
--> statement-breakpoint
CREATE TRIGGER user_roles_sessions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_roles
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_sessions_changed();
--> statement-breakpoint
CREATE TRIGGER org_units_sessions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_units
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_sessions_changed();
