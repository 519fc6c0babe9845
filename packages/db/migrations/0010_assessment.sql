CREATE TABLE "assessment_facts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"user_id" integer,
	"project_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"indicator" text NOT NULL,
	"source" text NOT NULL,
	"source_id" bigint NOT NULL,
	"on_date" date NOT NULL,
	"value" bigint NOT NULL,
	"value_cny" bigint DEFAULT 0 NOT NULL,
	"orig_amount" bigint,
	"orig_currency" text,
	"fx_rate" numeric(20, 10),
	"fx_date" date,
	"industry_section" text,
	"key_block_id" integer,
	"origin" text
);
--> statement-breakpoint
CREATE TABLE "assessment_projects" (
	"project_id" integer PRIMARY KEY NOT NULL,
	"region_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"stage" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_rollups" (
	"region_id" integer NOT NULL,
	"period" date NOT NULL,
	"dim" text NOT NULL,
	"unit_id" integer NOT NULL,
	"indicator" text NOT NULL,
	"key" text DEFAULT '' NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	"value_cny" bigint DEFAULT 0 NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "assessment_rollups_region_id_period_dim_unit_id_indicator_key_pk" PRIMARY KEY("region_id","period","dim","unit_id","indicator","key")
);
--> statement-breakpoint
CREATE TABLE "assessment_targets" (
	"unit_id" integer NOT NULL,
	"indicator" text NOT NULL,
	"year" integer NOT NULL,
	"region_id" integer NOT NULL,
	"annual" bigint NOT NULL,
	"split" text DEFAULT 'none' NOT NULL,
	"parts" bigint[],
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_targets_unit_id_indicator_year_pk" PRIMARY KEY("unit_id","indicator","year")
);
--> statement-breakpoint
CREATE TABLE "fx_rates" (
	"currency" text NOT NULL,
	"on_date" date NOT NULL,
	"rate" numeric(14, 6) NOT NULL,
	"source" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fx_rates_currency_on_date_pk" PRIMARY KEY("currency","on_date")
);
--> statement-breakpoint
ALTER TABLE "assessment_facts" ADD CONSTRAINT "assessment_facts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_projects" ADD CONSTRAINT "assessment_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_targets" ADD CONSTRAINT "assessment_targets_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_targets" ADD CONSTRAINT "assessment_targets_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_targets" ADD CONSTRAINT "assessment_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_facts_source_uq" ON "assessment_facts" USING btree ("indicator","source","source_id");--> statement-breakpoint
CREATE INDEX "assessment_facts_region_idx" ON "assessment_facts" USING btree ("region_id","indicator","on_date");--> statement-breakpoint
CREATE INDEX "assessment_facts_unit_idx" ON "assessment_facts" USING btree ("unit_id","indicator","on_date");--> statement-breakpoint
CREATE INDEX "assessment_facts_project_idx" ON "assessment_facts" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "assessment_projects_region_idx" ON "assessment_projects" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "assessment_targets_region_idx" ON "assessment_targets" USING btree ("region_id","year","indicator");