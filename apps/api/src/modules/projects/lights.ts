import type { SQL } from 'drizzle-orm';
import { sqlText } from '@wutong/db';
import { addDays, shanghaiDate, workingDaysCutoff, type Lang, type Light, type SlaRule, type SlaRuleCode } from '@wutong/contracts';

/** Defaults from common practice; each region may change them (sla_rules). */
export const DEFAULT_SLA: SlaRule[] = [
  { rule: 'lead_uncontacted', yellowDays: 1, redDays: 3 },
  { rule: 'no_activity', yellowDays: 14, redDays: 30 },
  { rule: 'signed_not_registered', yellowDays: null, redDays: 90 },
  { rule: 'next_step_overdue', yellowDays: 0, redDays: null },
];

const DAY = 86400_000;

/**
 * The region's rules turned into the thresholds `wutong_light_reasons()` (migration 0005) compares
 * against: instants and dates for today. A level without days is left out, which switches it off.
 */
export function lightConfig(rules: SlaRule[], now: Date): Record<string, string> {
  const today = shanghaiDate(now);
  const cfg: Record<string, string> = {};
  const set = (key: string, days: number | null, f: (d: number) => string) => {
    if (days !== null && days !== undefined) cfg[key] = f(days);
  };
  for (const r of rules) {
    for (const [level, days] of [
      ['Red', r.redDays],
      ['Yellow', r.yellowDays],
    ] as const) {
      switch (r.rule) {
        case 'lead_uncontacted':
          set(`lead${level}`, days, (d) => workingDaysCutoff(now, d).toISOString());
          break;
        case 'no_activity':
          set(`activity${level}`, days, (d) => new Date(now.getTime() - d * DAY).toISOString());
          break;
        case 'signed_not_registered':
          set(`signed${level}`, days, (d) => addDays(today, -d));
          break;
        case 'next_step_overdue':
          set(`next${level}`, days, (d) => addDays(today, -d));
          break;
      }
    }
  }
  return cfg;
}

export type LightSql = {
  /** the thresholds as `$light…` parameters of lightReasonsText() and lightText() (null: switched off) */
  values: Record<string, string | null>;
  /** the reason codes ('red:no_activity', …) of the row in "projects" */
  codes: SQL<string[]>;
  /** the light, for filtering */
  light: SQL<Light>;
  describe: (codes: string[]) => { light: Light; lightReasons: string[] };
};

/*
 * The rules as plain SQL expressions over a row, with the thresholds as typed parameters. They say
 * what `wutong_light_reasons()` (migration 0005) says — lights.int.test.ts compares the two on every
 * branch — but cost the database a few comparisons a row instead of a PL/pgSQL call that reads its
 * thresholds out of JSON text (about a quarter of a list page's execution time).
 */
const ACTIVE = (t: string) => `${t}.stage in ('lead', 'negotiating', 'signed', 'registered', 'construction') and ${t}.intake in ('pending', 'accepted')`;
const RULE_SQL: { code: SlaRuleCode; when: (t: string, level: 'Red' | 'Yellow') => string }[] = [
  { code: 'lead_uncontacted', when: (t, l) => `${t}.stage = 'lead' and ${t}.first_contact_at is null and ${t}.reported_at < $lightLead${l}::timestamptz` },
  { code: 'no_activity', when: (t, l) => `coalesce(${t}.last_activity_at, ${t}.reported_at) < $lightActivity${l}::timestamptz` },
  { code: 'signed_not_registered', when: (t, l) => `${t}.stage = 'signed' and ${t}.signed_at <= $lightSigned${l}::date` },
  { code: 'next_step_overdue', when: (t, l) => `${t}.next_due < $lightNext${l}::date` },
];

/** SQL text: the reason codes (text[]) of the `projects` row `t`, in rule order */
export function lightReasonsText(t: string): string {
  const each = RULE_SQL.map((r) => `case when ${r.when(t, 'Red')} then 'red:${r.code}' when ${r.when(t, 'Yellow')} then 'yellow:${r.code}' end`);
  return `(case when ${ACTIVE(t)} then array_remove(array[${each.join(', ')}]::text[], null) else '{}'::text[] end)`;
}

/** SQL text: the light ('red' | 'yellow' | 'green') of the `projects` row `t` */
export function lightText(t: string): string {
  const any = (level: 'Red' | 'Yellow') => RULE_SQL.map((r) => `(${r.when(t, level)})`).join(' or ');
  return `(case when ${ACTIVE(t)} and (${any('Red')}) then 'red' when ${ACTIVE(t)} and (${any('Yellow')}) then 'yellow' else 'green' end)`;
}

/** lightConfig() as the `$light…` parameters */
export function lightValues(cfg: Record<string, string>): Record<string, string | null> {
  const v: Record<string, string | null> = {};
  for (const rule of ['lead', 'activity', 'signed', 'next']) {
    for (const level of ['Red', 'Yellow']) v[`light${rule[0]!.toUpperCase()}${rule.slice(1)}${level}`] = cfg[`${rule}${level}`] ?? null;
  }
  return v;
}

const REASON_TEXT: Record<SlaRuleCode, Record<Lang, (days: number) => string>> = {
  lead_uncontacted: { 'zh-CN': (d) => `${d}个工作日未联系`, 'en-US': (d) => `not contacted for ${d} working day${d === 1 ? '' : 's'}` },
  no_activity: { 'zh-CN': (d) => `${d}天未跟进`, 'en-US': (d) => `no activity for ${d} days` },
  signed_not_registered: { 'zh-CN': (d) => `签约${d}天未落地`, 'en-US': (d) => `signed ${d} days ago, not registered` },
  next_step_overdue: { 'zh-CN': () => '下一步已逾期', 'en-US': () => 'next step overdue' },
};

export function lightSql(rules: SlaRule[], now: Date, lang: Lang): LightSql {
  const values = lightValues(lightConfig(rules, now));
  return {
    values,
    // drizzle fragments for the few queries built with drizzle; the hot list and detail use the text
    get codes() {
      return sqlText(lightReasonsText('"projects"'), values) as SQL<string[]>;
    },
    get light() {
      return sqlText(lightText('"projects"'), values) as SQL<Light>;
    },
    describe: (codes) => {
      const lightReasons = codes.map((c) => {
        const [level, rule] = c.split(':') as ['red' | 'yellow', SlaRuleCode];
        const r = rules.find((x) => x.rule === rule)!;
        return REASON_TEXT[rule][lang]((level === 'red' ? r.redDays : r.yellowDays) ?? 0);
      });
      const light: Light = codes.some((c) => c.startsWith('red:')) ? 'red' : codes.length ? 'yellow' : 'green';
      return { light, lightReasons };
    },
  };
}
