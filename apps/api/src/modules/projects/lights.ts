import { sql, type SQL } from 'drizzle-orm';
import type { Lang, SlaRule, SlaRuleCode } from '@wutong/contracts';

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

const REASON_TEXT: Record<SlaRuleCode, Record<Lang, (days: number) => string>> = {
  lead_uncontacted: { 'zh-CN': (d) => `${d}个工作日未联系`, 'en-US': (d) => `not contacted for ${d} working day${d === 1 ? '' : 's'}` },
  no_activity: { 'zh-CN': (d) => `${d}天未跟进`, 'en-US': (d) => `no activity for ${d} days` },
  signed_not_registered: { 'zh-CN': (d) => `签约${d}天未落地`, 'en-US': (d) => `signed ${d} days ago, not registered` },
  next_step_overdue: { 'zh-CN': () => '下一步已逾期', 'en-US': () => 'next step overdue' },
};

type Cond = { rule: SlaRuleCode; level: 'red' | 'yellow'; when: SQL; text: string };

/**
 * One rule set, two SQL expressions: the light (for filters and sorting) and the reasons (for the
 * hover text) come from the same conditions, so they cannot disagree.
 */
export function lightExpressions(rules: SlaRule[], now: Date, lang: Lang): { light: SQL<'green' | 'yellow' | 'red'>; reasons: SQL<string[]> } {
  const open = sql`"projects"."stage" in ('lead','negotiating','signed','registered','construction') and "projects"."intake" in ('pending','accepted')`;
  const today = shanghaiToday(now);
  const conds: Cond[] = [];
  for (const r of rules) {
    for (const level of ['red', 'yellow'] as const) {
      const days = level === 'red' ? r.redDays : r.yellowDays;
      if (days === null || days === undefined) continue;
      const text = REASON_TEXT[r.rule][lang](days);
      switch (r.rule) {
        case 'lead_uncontacted':
          conds.push({ rule: r.rule, level, text, when: sql`"projects"."stage" = 'lead' and "projects"."first_contact_at" is null and "projects"."reported_at" < ${workingDaysCutoff(now, days).toISOString()}::timestamptz` });
          break;
        case 'no_activity':
          conds.push({ rule: r.rule, level, text, when: sql`coalesce("projects"."last_activity_at", "projects"."reported_at") < ${new Date(now.getTime() - days * DAY).toISOString()}::timestamptz` });
          break;
        case 'signed_not_registered':
          conds.push({ rule: r.rule, level, text, when: sql`"projects"."stage" = 'signed' and "projects"."signed_at" <= (${today}::date - ${days}::int)` });
          break;
        case 'next_step_overdue':
          conds.push({ rule: r.rule, level, text, when: sql`"projects"."next_due" < (${today}::date - ${days}::int)` });
          break;
      }
    }
  }
  const any = (cs: Cond[]) => (cs.length ? sql.join(cs.map((c) => sql`(${c.when})`), sql` or `) : sql`false`);
  const red = conds.filter((c) => c.level === 'red');
  const yellow = conds.filter((c) => c.level === 'yellow');
  const light = sql<'green' | 'yellow' | 'red'>`(case when not (${open}) then 'green' when ${any(red)} then 'red' when ${any(yellow)} then 'yellow' else 'green' end)`;
  // a red reason hides the yellow one of the same rule
  const parts = conds.map((c) => {
    const redTwin = c.level === 'yellow' ? red.find((x) => x.rule === c.rule) : undefined;
    return redTwin ? sql`case when (${open}) and (${c.when}) and not (${redTwin.when}) then ${c.text} end` : sql`case when (${open}) and (${c.when}) then ${c.text} end`;
  });
  const reasons = parts.length ? sql<string[]>`array_remove(array[${sql.join(parts, sql`, `)}]::text[], null)` : sql<string[]>`'{}'::text[]`;
  return { light, reasons };
}
