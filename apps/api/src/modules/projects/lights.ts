import { sql, type SQL } from 'drizzle-orm';
import type { Lang, Light, SlaRule, SlaRuleCode } from '@wutong/contracts';

/** Defaults from common practice; each region may change them (sla_rules). */
export const DEFAULT_SLA: SlaRule[] = [
  { rule: 'lead_uncontacted', yellowDays: 1, redDays: 3 },
  { rule: 'no_activity', yellowDays: 14, redDays: 30 },
  { rule: 'signed_not_registered', yellowDays: null, redDays: 90 },
  { rule: 'next_step_overdue', yellowDays: 0, redDays: null },
];

const DAY = 86400_000;

/** Today's date in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

const minusDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);

/**
 * The start (Shanghai midnight, as an instant) of the day that lies `n` working days (Mon–Fri)
 * before today. A lead reported before that instant has waited at least `n` full working days.
 * Public holidays are not modelled: a region can widen the thresholds instead.
 */
export function workingDaysCutoff(now: Date, n: number): Date {
  const today = shanghaiToday(now);
  let d = new Date(`${today}T00:00:00+08:00`);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() - DAY);
    const dow = new Date(d.getTime() + 8 * 3600_000).getUTCDay();
    if (dow !== 0 && dow !== 6) left--;
  }
  return d;
}

/**
 * The region's rules turned into the thresholds `wutong_light_reasons()` (migration 0005) compares
 * against: instants and dates for today. A level without days is left out, which switches it off.
 */
export function lightConfig(rules: SlaRule[], now: Date): Record<string, string> {
  const today = shanghaiToday(now);
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
          set(`signed${level}`, days, (d) => minusDays(today, d));
          break;
        case 'next_step_overdue':
          set(`next${level}`, days, (d) => minusDays(today, d));
          break;
      }
    }
  }
  return cfg;
}

export type LightSql = {
  /** the reason codes ('red:no_activity', …) of the row in "projects" */
  codes: SQL<string[]>;
  /** the light, for filtering */
  light: SQL<Light>;
  describe: (codes: string[]) => { light: Light; lightReasons: string[] };
};

const REASON_TEXT: Record<SlaRuleCode, Record<Lang, (days: number) => string>> = {
  lead_uncontacted: { 'zh-CN': (d) => `${d}个工作日未联系`, 'en-US': (d) => `not contacted for ${d} working day${d === 1 ? '' : 's'}` },
  no_activity: { 'zh-CN': (d) => `${d}天未跟进`, 'en-US': (d) => `no activity for ${d} days` },
  signed_not_registered: { 'zh-CN': (d) => `签约${d}天未落地`, 'en-US': (d) => `signed ${d} days ago, not registered` },
  next_step_overdue: { 'zh-CN': () => '下一步已逾期', 'en-US': () => 'next step overdue' },
};

export function lightSql(rules: SlaRule[], now: Date, lang: Lang): LightSql {
  const cfg = JSON.stringify(lightConfig(rules, now));
  return {
    codes: sql<string[]>`wutong_light_reasons("projects", ${cfg}::jsonb)`,
    light: sql<Light>`wutong_light("projects", ${cfg}::jsonb)`,
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
