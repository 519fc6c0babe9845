CREATE TABLE "enterprise_names" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"name_norm" text NOT NULL,
	"match_keys" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"name" text NOT NULL,
	"name_norm" text NOT NULL,
	"trade_name" text NOT NULL,
	"match_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"uscc" text,
	"legal_rep" text,
	"reg_capital_minor" bigint,
	"reg_capital_currency" text,
	"founded_on" date,
	"industry_code" text,
	"region_code" text,
	"origin" text,
	"address" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"source" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "industries" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent" text,
	"section" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer,
	"trip_id" integer,
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"place" text,
	"attendees" text,
	"notes" text,
	"next_step" text,
	"next_due" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "arbitrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"claimant_unit_id" integer NOT NULL,
	"claimant_user_id" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decision_note" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capital_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"category" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"recorded_on" date NOT NULL,
	"note" text,
	"reverses_id" bigint,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_blocks" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"name" text NOT NULL,
	"name_en" text
);
--> statement-breakpoint
CREATE TABLE "project_stage_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user_id" integer,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "project_units" (
	"project_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"share_bp" integer NOT NULL,
	CONSTRAINT "project_units_project_id_unit_id_pk" PRIMARY KEY("project_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"owner_user_id" integer,
	"enterprise_id" integer NOT NULL,
	"name" text NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"stage" text DEFAULT 'lead' NOT NULL,
	"stage_at" timestamp with time zone DEFAULT now() NOT NULL,
	"intake" text DEFAULT 'pending' NOT NULL,
	"intake_note" text,
	"merged_into_id" integer,
	"project_type" text NOT NULL,
	"source" text NOT NULL,
	"industry_code" text,
	"investment_minor" bigint,
	"investment_currency" text DEFAULT 'CNY' NOT NULL,
	"fixed_asset_minor" bigint,
	"fixed_asset_currency" text DEFAULT 'CNY' NOT NULL,
	"key_block_id" integer,
	"carrier" text,
	"expected_jobs" integer,
	"expected_output_minor" bigint,
	"expected_tax_minor" bigint,
	"annual_generation_kwh" bigint,
	"co2_avoided_t" numeric,
	"talents" integer,
	"contact_name" text,
	"contact_phone" text,
	"contact_title" text,
	"note" text,
	"reported_by_user_id" integer,
	"reported_by_unit_id" integer,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_report" boolean DEFAULT true NOT NULL,
	"first_contact_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone,
	"next_step" text,
	"next_due" date,
	"signed_at" date,
	"dropped_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_rules" (
	"region_id" integer NOT NULL,
	"rule" text NOT NULL,
	"yellow_days" integer,
	"red_days" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_rules_region_id_rule_pk" PRIMARY KEY("region_id","rule")
);
--> statement-breakpoint
CREATE TABLE "trips" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"destination" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"leader" text NOT NULL,
	"delegation" text,
	"purpose" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enterprise_names" ADD CONSTRAINT "enterprise_names_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_industry_code_industries_code_fk" FOREIGN KEY ("industry_code") REFERENCES "public"."industries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arbitrations" ADD CONSTRAINT "arbitrations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arbitrations" ADD CONSTRAINT "arbitrations_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arbitrations" ADD CONSTRAINT "arbitrations_claimant_unit_id_org_units_id_fk" FOREIGN KEY ("claimant_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arbitrations" ADD CONSTRAINT "arbitrations_claimant_user_id_users_id_fk" FOREIGN KEY ("claimant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arbitrations" ADD CONSTRAINT "arbitrations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capital_records" ADD CONSTRAINT "capital_records_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capital_records" ADD CONSTRAINT "capital_records_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capital_records" ADD CONSTRAINT "capital_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_blocks" ADD CONSTRAINT "key_blocks_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_events" ADD CONSTRAINT "project_stage_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_events" ADD CONSTRAINT "project_stage_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_units" ADD CONSTRAINT "project_units_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_units" ADD CONSTRAINT "project_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_key_block_id_key_blocks_id_fk" FOREIGN KEY ("key_block_id") REFERENCES "public"."key_blocks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_reported_by_user_id_users_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_reported_by_unit_id_org_units_id_fk" FOREIGN KEY ("reported_by_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_rules" ADD CONSTRAINT "sla_rules_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_names_ent_idx" ON "enterprise_names" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "enterprise_names_keys_gin" ON "enterprise_names" USING gin ("match_keys");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_uscc_uq" ON "enterprises" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "enterprises_region_idx" ON "enterprises" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "enterprises_keys_gin" ON "enterprises" USING gin ("match_keys");--> statement-breakpoint
CREATE INDEX "enterprises_trade_trgm" ON "enterprises" USING gin ("trade_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "enterprises_name_trgm" ON "enterprises" USING gin ("name_norm" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "activities_project_idx" ON "activities" USING btree ("project_id","occurred_on");--> statement-breakpoint
CREATE INDEX "activities_trip_idx" ON "activities" USING btree ("trip_id");--> statement-breakpoint
CREATE INDEX "activities_unit_idx" ON "activities" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "arbitrations_project_idx" ON "arbitrations" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "arbitrations_claimant_idx" ON "arbitrations" USING btree ("claimant_unit_id");--> statement-breakpoint
CREATE INDEX "capital_project_idx" ON "capital_records" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "capital_unit_date_idx" ON "capital_records" USING btree ("unit_id","recorded_on");--> statement-breakpoint
CREATE INDEX "stage_events_project_idx" ON "project_stage_events" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "project_units_unit_idx" ON "project_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "projects_scope_idx" ON "projects" USING btree ("unit_id","stage","reported_at");--> statement-breakpoint
CREATE INDEX "projects_region_idx" ON "projects" USING btree ("region_id","stage","reported_at");--> statement-breakpoint
CREATE INDEX "projects_enterprise_idx" ON "projects" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "projects_owner_idx" ON "projects" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "projects_reporter_idx" ON "projects" USING btree ("reported_by_user_id");--> statement-breakpoint
CREATE INDEX "projects_name_trgm" ON "projects" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "projects_initials_idx" ON "projects" USING btree ("name_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "trips_unit_idx" ON "trips" USING btree ("unit_id","start_on");