-- Coordination history is append-only, like stage events and the audit log; the item row is its cache.
CREATE TRIGGER coordination_events_append_only BEFORE UPDATE OR DELETE ON coordination_events
  FOR EACH ROW EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
CREATE TRIGGER coordination_events_no_truncate BEFORE TRUNCATE ON coordination_events
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_append_only();
