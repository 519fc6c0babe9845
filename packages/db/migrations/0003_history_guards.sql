-- Stage history and capital records are append-only, like the audit log.
CREATE TRIGGER project_stage_events_append_only BEFORE UPDATE OR DELETE ON project_stage_events
  FOR EACH ROW EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
CREATE TRIGGER project_stage_events_no_truncate BEFORE TRUNCATE ON project_stage_events
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
CREATE TRIGGER capital_records_append_only BEFORE UPDATE OR DELETE ON capital_records
  FOR EACH ROW EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
CREATE TRIGGER capital_records_no_truncate BEFORE TRUNCATE ON capital_records
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_append_only();
