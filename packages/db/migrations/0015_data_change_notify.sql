-- The tables a project list page reads from announce that they changed, once per transaction and
-- on commit (PostgreSQL folds equal notifications of one transaction into one). Each app instance
-- listens and drops the list pages it keeps in memory (packages/db/src/read-cache.ts), so a change
-- made through any instance, a background job or by hand in psql is seen at once everywhere.
CREATE FUNCTION wutong_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('wutong_data_changed', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER projects_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_data_changed();
--> statement-breakpoint
CREATE TRIGGER project_units_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_units
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_data_changed();
--> statement-breakpoint
CREATE TRIGGER enterprises_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enterprises
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_data_changed();
--> statement-breakpoint
CREATE TRIGGER org_units_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_units
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_data_changed();
--> statement-breakpoint
CREATE TRIGGER users_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_data_changed();
--> statement-breakpoint
CREATE TRIGGER industries_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON industries
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_data_changed();
--> statement-breakpoint
CREATE TRIGGER sla_rules_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sla_rules
  FOR EACH STATEMENT EXECUTE FUNCTION wutong_data_changed();
