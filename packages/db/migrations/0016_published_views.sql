-- Published views: what a module lets other modules read in their own SQL. A module's queries
-- touch its own tables, the shared reference tables (org_units, users, user_roles, industries) and
-- other modules' published views, never another module's tables (apps/api/src/architecture.test.ts).
CREATE VIEW enterprise_profiles AS
  SELECT id, region_id, name, uscc, origin, industry_code, reg_capital_minor, reg_capital_currency, founded_on
  FROM enterprises;
--> statement-breakpoint
CREATE VIEW project_profiles AS
  SELECT p.id, p.region_id, p.unit_id, p.owner_user_id, p.reported_by_user_id, p.reported_by_unit_id,
         p.enterprise_id, e.name AS enterprise_name, p.name, p.stage, p.intake, p.key_block_id, p.industry_code,
         p.investment_minor, p.investment_currency
  FROM projects p JOIN enterprise_profiles e ON e.id = p.enterprise_id;
