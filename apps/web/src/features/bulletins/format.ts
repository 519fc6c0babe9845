import type { BulletinContent, IndicatorCode, IndicatorUnit, UnitKind } from '@wutong/contracts';

/** How the bulletin page writes numbers — the same as its Word form: 万元 on lists, 亿元 in the headline, one-decimal percentages. */

const fixed = (n: number, d: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });
export const wan = (minor: number) => fixed(minor / 1_000_000, 2);
export const yi = (minor: number) => fixed(minor / 10_000_000_000, 2);
export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${fixed(r * 100, 1)}%`);
export const pointsFmt = (p: number) => p.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

export function headlineUnit(unit: IndicatorUnit): string {
  return { enterprise: '家', cny: '亿元', usd: '亿美元', project: '个', person: '人', kwh: '万千瓦时', co2_t: '吨' }[unit];
}
export function headlineValue(unit: IndicatorUnit, v: number): string {
  if (unit === 'cny' || unit === 'usd') return yi(v);
  if (unit === 'kwh') return fixed(v / 10_000, 2);
  if (unit === 'co2_t') return fixed(v / 1000, 1);
  return v.toLocaleString('zh-CN');
}
export const listUnit = (unit: IndicatorUnit) => (unit === 'cny' ? '万元' : unit === 'usd' ? '万美元' : headlineUnit(unit));
export const listValue = (unit: IndicatorUnit, v: number) => (unit === 'cny' || unit === 'usd' ? wan(v) : headlineValue(unit, v));

export const KIND_ZH: Record<UnitKind, string> = {
  region: '区域',
  lead_group: '领导小组',
  department: '区级部门',
  township: '镇乡（街道）',
  park: '园区',
  state_company: '区属国有企业',
  other: '其他单位',
};
export const STAGE_ZH: Record<string, string> = { lead: '线索', negotiating: '洽谈', signed: '签约', registered: '落地', construction: '开工', production: '投产', dropped: '终止' };
export const CATEGORY_ZH: Record<string, string> = { land: '用地', energy: '能耗', approval: '审批', finance: '融资', talent: '人才', infrastructure: '配套设施', other: '其他' };
export const LEVEL_ZH: Record<string, string> = { unit: '单位', department: '部门', lead_group: '领导小组' };

/** 2026-05-06 → 2026年5月6日 */
export const dateZh = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** 2026-04 → 2026年4月; 2026-Q2 → 2026年第2季度; 2026 → 2026年 */
export function periodZh(p: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  const q = /^(\d{4})-Q(\d)$/.exec(p);
  if (q) return `${q[1]}年第${q[2]}季度`;
  return `${p}年`;
}

export function rankChange(change: number | null, previousRank: number | null, newcomer: string): string {
  if (previousRank === null) return newcomer;
  if (!change) return '—';
  return change > 0 ? `↑${change}` : `↓${-change}`;
}

/** The indicators whose completion rates are ranked, the first leading the order (as the Word document). */
export const RANKED: readonly IndicatorCode[] = ['enterprises_introduced', 'registered_capital', 'foreign_capital_used', 'domestic_capital_in_place', 'zhejiang_capital_in_place'];
export const KIND_ORDER: readonly UnitKind[] = ['township', 'department', 'park', 'state_company', 'lead_group', 'other', 'region'];

/** Per kind of unit: ranked by the leading indicator's completion, the other indicators' rates beside. */
export function completionTables(c: Pick<BulletinContent, 'completionRankings'>) {
  const rankings = RANKED.map((code) => c.completionRankings.find((r) => r.indicator === code)).filter((r) => !!r);
  const lead = rankings[0];
  if (!lead) return [];
  const others = rankings.slice(1);
  return KIND_ORDER.flatMap((kind) => {
    const group = lead.groups.find((g) => g.kind === kind);
    if (!group?.items.length) return [];
    return [
      {
        kind,
        lead,
        others,
        rows: group.items.map((r) => ({ ...r, others: others.map((o) => o.groups.find((g) => g.kind === kind)?.items.find((x) => x.unitId === r.unitId)?.completion ?? null) })),
      },
    ];
  });
}

/* ── periods offered when generating by hand (Asia/Shanghai calendar) ── */

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** Today in Asia/Shanghai, YYYY-MM-DD. */
export const shanghaiDate = (now = new Date()) => iso(now.getTime() + 8 * 3600_000);

function isoWeek(d: string): { key: string; start: string; end: string } {
  const t = ms(d);
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
  const year = new Date(monday + 3 * DAY).getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  const week = Math.round((monday - week1) / (7 * DAY)) + 1;
  return { key: `${year}-W${String(week).padStart(2, '0')}`, start: iso(monday), end: iso(monday + 6 * DAY) };
}

export type PeriodOption = { value: string; label: string };

/** The `n` most recent periods of a kind that have ended by `today`, newest first. */
export function endedPeriods(kind: 'weekly' | 'monthly', today: string, n = 12): PeriodOption[] {
  const out: PeriodOption[] = [];
  if (kind === 'monthly') {
    let y = Number(today.slice(0, 4));
    let m = Number(today.slice(5, 7));
    for (let i = 0; i < n; i++) {
      m -= 1;
      if (m === 0) {
        m = 12;
        y -= 1;
      }
      out.push({ value: `${y}-${String(m).padStart(2, '0')}`, label: `${y}年${m}月` });
    }
    return out;
  }
  let w = isoWeek(today);
  for (let i = 0; i < n; i++) {
    w = isoWeek(iso(ms(w.start) - DAY));
    const [y, k] = w.key.split('-W');
    out.push({ value: w.key, label: `${y}年第${Number(k)}周（${Number(w.start.slice(5, 7))}月${Number(w.start.slice(8, 10))}日—${Number(w.end.slice(5, 7))}月${Number(w.end.slice(8, 10))}日）` });
  }
  return out;
}
