DROP INDEX "projects_scope_idx";--> statement-breakpoint
DROP INDEX "projects_region_idx";--> statement-breakpoint
CREATE INDEX "projects_scope_idx" ON "projects" USING btree ("unit_id","stage","reported_at","intake","region_id");--> statement-breakpoint
CREATE INDEX "projects_region_idx" ON "projects" USING btree ("region_id","stage","reported_at","intake");