-- Traffic lights of a project, evaluated in one place. `cfg` holds the thresholds as instants and
-- dates computed by the application from the region's rules (lights.ts); a missing key is a rule
-- level that is switched off. PL/pgSQL so that it is never inlined: list queries stay small to plan.
CREATE OR REPLACE FUNCTION wutong_light_reasons(p projects, cfg jsonb) RETURNS text[]
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  out text[] := '{}';
  last_touch timestamptz := coalesce(p.last_activity_at, p.reported_at);
BEGIN
  IF p.stage NOT IN ('lead', 'negotiating', 'signed', 'registered', 'construction') OR p.intake NOT IN ('pending', 'accepted') THEN
    RETURN out;
  END IF;
  IF p.stage = 'lead' AND p.first_contact_at IS NULL THEN
    IF p.reported_at < (cfg->>'leadRed')::timestamptz THEN out := out || 'red:lead_uncontacted'::text;
    ELSIF p.reported_at < (cfg->>'leadYellow')::timestamptz THEN out := out || 'yellow:lead_uncontacted'::text;
    END IF;
  END IF;
  IF last_touch < (cfg->>'activityRed')::timestamptz THEN out := out || 'red:no_activity'::text;
  ELSIF last_touch < (cfg->>'activityYellow')::timestamptz THEN out := out || 'yellow:no_activity'::text;
  END IF;
  IF p.stage = 'signed' THEN
    IF p.signed_at <= (cfg->>'signedRed')::date THEN out := out || 'red:signed_not_registered'::text;
    ELSIF p.signed_at <= (cfg->>'signedYellow')::date THEN out := out || 'yellow:signed_not_registered'::text;
    END IF;
  END IF;
  IF p.next_due < (cfg->>'nextRed')::date THEN out := out || 'red:next_step_overdue'::text;
  ELSIF p.next_due < (cfg->>'nextYellow')::date THEN out := out || 'yellow:next_step_overdue'::text;
  END IF;
  RETURN out;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION wutong_light(p projects, cfg jsonb) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  reasons text[] := wutong_light_reasons(p, cfg);
BEGIN
  IF EXISTS (SELECT 1 FROM unnest(reasons) r WHERE r LIKE 'red:%') THEN RETURN 'red'; END IF;
  IF cardinality(reasons) > 0 THEN RETURN 'yellow'; END IF;
  RETURN 'green';
END;
$$;
