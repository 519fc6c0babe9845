CREATE TABLE "points_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"user_id" integer,
	"project_id" integer NOT NULL,
	"event_key" text NOT NULL,
	"on_date" date NOT NULL,
	"points" bigint NOT NULL,
	"rule_version" integer NOT NULL,
	"share_bp" integer NOT NULL,
	"explanation" jsonb NOT NULL,
	"reverses_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_rollups" (
	"region_id" integer NOT NULL,
	"month" date NOT NULL,
	"unit_id" integer NOT NULL,
	"user_id" integer DEFAULT 0 NOT NULL,
	"points" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "points_rollups_region_id_month_unit_id_user_id_pk" PRIMARY KEY("region_id","month","unit_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "scoring_rules" (
	"region_id" integer NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scoring_rules_region_id_version_pk" PRIMARY KEY("region_id","version")
);
--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_rules" ADD CONSTRAINT "scoring_rules_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_rules" ADD CONSTRAINT "scoring_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "points_ledger_project_idx" ON "points_ledger" USING btree ("project_id","event_key");--> statement-breakpoint
CREATE INDEX "points_ledger_region_date_idx" ON "points_ledger" USING btree ("region_id","on_date");--> statement-breakpoint
CREATE INDEX "points_ledger_unit_date_idx" ON "points_ledger" USING btree ("unit_id","on_date");--> statement-breakpoint
CREATE INDEX "points_ledger_user_date_idx" ON "points_ledger" USING btree ("user_id","on_date");--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_reverses_uq" ON "points_ledger" USING btree ("reverses_id") WHERE "points_ledger"."reverses_id" is not null;