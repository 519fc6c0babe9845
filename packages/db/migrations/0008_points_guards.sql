-- Scoring rule versions and the points ledger are append-only, like the audit log.
CREATE TRIGGER scoring_rules_append_only BEFORE UPDATE OR DELETE ON scoring_rules
  FOR EACH ROW EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
CREATE TRIGGER scoring_rules_no_truncate BEFORE TRUNCATE ON scoring_rules
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
CREATE TRIGGER points_ledger_append_only BEFORE UPDATE OR DELETE ON points_ledger
  FOR EACH ROW EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
CREATE TRIGGER points_ledger_no_truncate BEFORE TRUNCATE ON points_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_append_only();
