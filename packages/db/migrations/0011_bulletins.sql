CREATE TABLE "assessment_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"period_kind" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"frozen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"frozen_by" integer,
	"data" jsonb NOT NULL,
	"checksum" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulletin_files" (
	"bulletin_id" integer NOT NULL,
	"format" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulletin_files_bulletin_id_format_pk" PRIMARY KEY("bulletin_id","format")
);
--> statement-breakpoint
CREATE TABLE "bulletin_settings" (
	"region_id" integer PRIMARY KEY NOT NULL,
	"weekly_enabled" boolean DEFAULT false NOT NULL,
	"monthly_enabled" boolean DEFAULT true NOT NULL,
	"issuing_body" text NOT NULL,
	"masthead" text NOT NULL,
	"title_pattern" text NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulletins" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"year" integer NOT NULL,
	"issue_no" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"snapshot_id" integer,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"generated_by" integer,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" integer,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coordination_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user_id" integer,
	"by_unit_id" integer,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "coordination_events_kind_ck" CHECK ("coordination_events"."kind" in ('raise', 'escalate', 'assign', 'progress', 'resolve', 'confirm', 'reopen', 'meeting'))
);
--> statement-breakpoint
CREATE TABLE "coordination_item_units" (
	"item_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "coordination_item_units_item_id_unit_id_pk" PRIMARY KEY("item_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "coordination_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"needed_by" date NOT NULL,
	"raised_by_user_id" integer,
	"raised_by_unit_id" integer,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"level" text DEFAULT 'unit' NOT NULL,
	"lead_unit_id" integer,
	"deadline" date,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"closed_at" timestamp with time zone,
	"confirmed_by_user_id" integer,
	"confirmed_contact" text,
	"last_event_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coordination_items_category_ck" CHECK ("coordination_items"."category" in ('land', 'energy', 'approval', 'finance', 'talent', 'infrastructure', 'other')),
	CONSTRAINT "coordination_items_status_ck" CHECK ("coordination_items"."status" in ('open', 'assigned', 'resolved', 'closed')),
	CONSTRAINT "coordination_items_level_ck" CHECK ("coordination_items"."level" in ('unit', 'department', 'lead_group'))
);
--> statement-breakpoint
ALTER TABLE "assessment_snapshots" ADD CONSTRAINT "assessment_snapshots_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_snapshots" ADD CONSTRAINT "assessment_snapshots_frozen_by_users_id_fk" FOREIGN KEY ("frozen_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_files" ADD CONSTRAINT "bulletin_files_bulletin_id_bulletins_id_fk" FOREIGN KEY ("bulletin_id") REFERENCES "public"."bulletins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_settings" ADD CONSTRAINT "bulletin_settings_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_settings" ADD CONSTRAINT "bulletin_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_snapshot_id_assessment_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."assessment_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_events" ADD CONSTRAINT "coordination_events_item_id_coordination_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."coordination_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_events" ADD CONSTRAINT "coordination_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_events" ADD CONSTRAINT "coordination_events_by_unit_id_org_units_id_fk" FOREIGN KEY ("by_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_item_units" ADD CONSTRAINT "coordination_item_units_item_id_coordination_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."coordination_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_item_units" ADD CONSTRAINT "coordination_item_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_items" ADD CONSTRAINT "coordination_items_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_items" ADD CONSTRAINT "coordination_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_items" ADD CONSTRAINT "coordination_items_raised_by_user_id_users_id_fk" FOREIGN KEY ("raised_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_items" ADD CONSTRAINT "coordination_items_raised_by_unit_id_org_units_id_fk" FOREIGN KEY ("raised_by_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_items" ADD CONSTRAINT "coordination_items_lead_unit_id_org_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_items" ADD CONSTRAINT "coordination_items_confirmed_by_user_id_users_id_fk" FOREIGN KEY ("confirmed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_snapshots_period_uq" ON "assessment_snapshots" USING btree ("region_id","period");--> statement-breakpoint
CREATE INDEX "assessment_snapshots_kind_idx" ON "assessment_snapshots" USING btree ("region_id","period_kind","period_end");--> statement-breakpoint
CREATE UNIQUE INDEX "bulletins_period_uq" ON "bulletins" USING btree ("region_id","kind","period");--> statement-breakpoint
CREATE UNIQUE INDEX "bulletins_issue_uq" ON "bulletins" USING btree ("region_id","kind","year","issue_no") WHERE "bulletins"."status" = 'published';--> statement-breakpoint
CREATE INDEX "bulletins_list_idx" ON "bulletins" USING btree ("region_id","period_end");--> statement-breakpoint
CREATE INDEX "coordination_events_item_idx" ON "coordination_events" USING btree ("item_id","id");--> statement-breakpoint
CREATE INDEX "coordination_item_units_unit_idx" ON "coordination_item_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "coordination_items_region_idx" ON "coordination_items" USING btree ("region_id","status","level");--> statement-breakpoint
CREATE INDEX "coordination_items_project_idx" ON "coordination_items" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "coordination_items_lead_idx" ON "coordination_items" USING btree ("lead_unit_id","status");