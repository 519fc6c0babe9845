DROP INDEX "enterprises_region_norm_idx";--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "merged_into_id" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "duplicate_of_enterprise_id" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "duplicate_reason" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "duplicate_review" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_merged_into_id_enterprises_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_duplicate_of_enterprise_id_enterprises_id_fk" FOREIGN KEY ("duplicate_of_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_region_norm_uq" ON "enterprises" USING btree ("region_id","name_norm") WHERE "enterprises"."merged_into_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_one_open_per_enterprise" ON "projects" USING btree ("enterprise_id") WHERE "projects"."intake" in ('pending', 'accepted') and "projects"."stage" <> 'dropped';