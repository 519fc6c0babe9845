import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@wutong/db';
import { createTestDatabase } from '@wutong/db/testing';
import type { SlaRule } from '@wutong/contracts';
import { DEFAULT_SLA, lightConfig, lightSql } from './lights.js';

/**
 * The list and the detail compute lights with plain SQL expressions (lightReasonsText, lightText);
 * `wutong_light_reasons()` / `wutong_light()` (migration 0005) are the reference. Every branch of
 * the rules, on thousands of combinations of stage, intake, contact, dates and thresholds, must
 * give the same reasons in the same order and the same light.
 */
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await db.execute(sql`insert into org_units (id, name, kind, path) values (900001, '测试区', 'district', '/900001/')`);
  // every stage × intake × contact × reported × last activity × signed × next step due: 13,440 projects,
  // each of an enterprise of its own (an enterprise has one open project at most)
  await db.execute(sql`
    insert into enterprises (id, region_id, name, name_norm, trade_name)
    select 900000 + g, 900001, '测试企业' || g, '测试企业' || g, '测试' || g from generate_series(1, 13440) g`);
  await db.execute(sql`
    insert into projects (region_id, unit_id, enterprise_id, name, stage, intake, project_type, source,
                          first_contact_at, reported_at, last_activity_at, signed_at, next_due)
    select 900001, 900001, 900000 + row_number() over (), '灯' || row_number() over (), s, i, 'new', 'visit',
           case when c then now() - interval '1 day' end,
           now() - r * interval '1 day' - interval '1 hour',
           case when a is not null then now() - a * interval '1 day' end,
           case when g is not null then current_date - g end,
           case when n is not null then current_date + n end
    from unnest(array['lead','negotiating','signed','registered','construction','production','dropped']) s,
         unnest(array['pending','accepted','rejected']) i,
         unnest(array[false, true]) c,
         unnest(array[0, 2, 4, 15, 31]) r,
         unnest(array[null, 12, 20, 31]::int[]) a,
         unnest(array[null, 40, 90, 91]::int[]) g,
         unnest(array[null, -5, -1, 1]::int[]) n`);
});

afterAll(async () => {
  await database?.close();
});

/** Each rule set, and which lights its rows must show (the comparison is not vacuous: these lights occur). */
const RULE_SETS: Record<string, SlaRule[]> = {
  defaults: DEFAULT_SLA,
  // levels switched off, and a yellow threshold on the rule that has none by default
  changed: [
    { rule: 'lead_uncontacted', yellowDays: null, redDays: 2 },
    { rule: 'no_activity', yellowDays: 10, redDays: null },
    { rule: 'signed_not_registered', yellowDays: 30, redDays: 90 },
    { rule: 'next_step_overdue', yellowDays: 0, redDays: 3 },
  ],
  off: [
    { rule: 'lead_uncontacted', yellowDays: null, redDays: null },
    { rule: 'no_activity', yellowDays: null, redDays: null },
    { rule: 'signed_not_registered', yellowDays: null, redDays: null },
    { rule: 'next_step_overdue', yellowDays: null, redDays: null },
  ],
};

// with every rule switched off nothing can be red or yellow; with rules on, the rows reach every light
const LIGHTS_SEEN: Record<keyof typeof RULE_SETS, { red: boolean; yellow: boolean; green: boolean }> = {
  defaults: { red: true, yellow: true, green: true },
  changed: { red: true, yellow: true, green: true },
  off: { red: false, yellow: false, green: true },
};

describe('lights as SQL expressions', () => {
  for (const [name, rules] of Object.entries(RULE_SETS)) {
    it(`match wutong_light_reasons() and wutong_light() with the ${name} rules`, async () => {
      // a Monday (working days reach back over the weekend for uncontacted leads) and today
      for (const now of [new Date('2026-11-23T02:00:00Z'), new Date()]) {
        const cfg = JSON.stringify(lightConfig(rules, now));
        const l = lightSql(rules, now, 'zh-CN');
        const [r] = await queryRows<{ n: number; differ: number; red: number; yellow: number; green: number }>(
          database.db,
          sql`select count(*)::int n,
                     count(*) filter (where wutong_light_reasons("projects", ${cfg}::jsonb) is distinct from ${l.codes}
                                         or wutong_light("projects", ${cfg}::jsonb) is distinct from ${l.light})::int differ,
                     count(*) filter (where ${l.light} = 'red')::int red,
                     count(*) filter (where ${l.light} = 'yellow')::int yellow,
                     count(*) filter (where ${l.light} = 'green')::int green
              from projects`,
        );
        expect(r!.n).toBe(7 * 3 * 2 * 5 * 4 * 4 * 4);
        expect(r!.differ).toBe(0);
        // the comparison is not vacuous: the rows cover the lights the rules can give
        expect({ red: r!.red > 0, yellow: r!.yellow > 0, green: r!.green > 0 }, `${name} at ${now.toISOString()}`).toEqual(LIGHTS_SEEN[name]);
        expect(r!.red + r!.yellow + r!.green).toBe(r!.n);
      }
    });
  }
});
