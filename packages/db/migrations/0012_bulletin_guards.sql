-- A published bulletin is an archived official document: its row can no longer change or go.
CREATE OR REPLACE FUNCTION wutong_bulletin_published_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'bulletin % is published and cannot change', OLD.id USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bulletins_published_guard BEFORE UPDATE OR DELETE ON bulletins
  FOR EACH ROW EXECUTE FUNCTION wutong_bulletin_published_guard();
--> statement-breakpoint
CREATE TRIGGER bulletins_no_truncate BEFORE TRUNCATE ON bulletins
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
-- The .docx and .xlsx rendered at publishing are kept as they were issued.
CREATE TRIGGER bulletin_files_append_only BEFORE UPDATE OR DELETE ON bulletin_files
  FOR EACH ROW EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
CREATE TRIGGER bulletin_files_no_truncate BEFORE TRUNCATE ON bulletin_files
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
-- Frozen rankings are history: appended, never changed.
CREATE TRIGGER assessment_snapshots_append_only BEFORE UPDATE OR DELETE ON assessment_snapshots
  FOR EACH ROW EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
CREATE TRIGGER assessment_snapshots_no_truncate BEFORE TRUNCATE ON assessment_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_append_only();
--> statement-breakpoint
-- Files are only ever written for a published bulletin.
CREATE OR REPLACE FUNCTION wutong_bulletin_file_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM bulletins b WHERE b.id = NEW.bulletin_id AND b.status = 'published') THEN
    RAISE EXCEPTION 'files are archived only for a published bulletin' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bulletin_files_published_only BEFORE INSERT ON bulletin_files
  FOR EACH ROW EXECUTE FUNCTION wutong_bulletin_file_guard();
