import type { IndicatorUnit, UnitKind } from '@wutong/contracts';

/** How the Word and Excel bulletins write numbers: 万元 on lists, 亿元 for totals, one-decimal percentages. */

const WAN_MINOR = 1_000_000; // 1万元 = 1,000,000 分
const YI_MINOR = 10_000_000_000; // 1亿元 = 10,000,000,000 分

const fixed = (n: number, d: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });

export const wan = (minor: number) => fixed(minor / WAN_MINOR, 2);
export const yi = (minor: number) => fixed(minor / YI_MINOR, 2);
export const count = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 0 });
export const pct = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? '—' : `${fixed(ratio * 100, 1)}%`);

export const CURRENCY_WAN: Record<string, string> = { CNY: '万元', USD: '万美元', EUR: '万欧元', HKD: '万港元', JPY: '万日元', GBP: '万英镑' };
export const CURRENCY_YI: Record<string, string> = { CNY: '亿元', USD: '亿美元', EUR: '亿欧元', HKD: '亿港元', JPY: '亿日元', GBP: '亿英镑' };

/** The unit a headline value is written in (亿 for money, as on the cockpit). */
export function headlineUnit(unit: IndicatorUnit): string {
  switch (unit) {
    case 'enterprise':
      return '家';
    case 'cny':
      return '亿元';
    case 'usd':
      return '亿美元';
    case 'project':
      return '个';
    case 'person':
      return '人';
    case 'kwh':
      return '万千瓦时';
    case 'co2_t':
      return '吨';
  }
}

/** A headline value in base units, written in `headlineUnit`. */
export function headlineValue(unit: IndicatorUnit, v: number): string {
  switch (unit) {
    case 'cny':
    case 'usd':
      return yi(v);
    case 'kwh':
      return fixed(v / 10_000, 2);
    case 'co2_t':
      return fixed(v / 1000, 1);
    default:
      return count(v);
  }
}

/** A ranking value in base units, written in list units (万 for money). */
export function listUnit(unit: IndicatorUnit): string {
  return unit === 'cny' ? '万元' : unit === 'usd' ? '万美元' : headlineUnit(unit);
}
export function listValue(unit: IndicatorUnit, v: number): string {
  return unit === 'cny' || unit === 'usd' ? wan(v) : headlineValue(unit, v);
}

export const KIND_ZH: Record<UnitKind, string> = {
  region: '区域',
  lead_group: '领导小组',
  department: '区级部门',
  township: '镇乡（街道）',
  park: '园区',
  state_company: '区属国有企业',
  other: '其他单位',
};

export const STAGE_ZH: Record<string, string> = {
  lead: '线索',
  negotiating: '洽谈',
  signed: '签约',
  registered: '落地',
  construction: '开工',
  production: '投产',
  dropped: '终止',
};

export const CATEGORY_ZH: Record<string, string> = {
  land: '用地',
  energy: '能耗',
  approval: '审批',
  finance: '融资',
  talent: '人才',
  infrastructure: '配套设施',
  other: '其他',
};

export const LEVEL_ZH: Record<string, string> = { unit: '单位', department: '部门', lead_group: '领导小组' };

export const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 2026-05-06 → 2026年5月6日 */
/** An instant (ISO, UTC) as Asia/Shanghai wall time: "2026-12-04 07:52" (minutes) or "2026-12-04" (day). */
export function shanghaiTime(instant: string, upTo: 'day' | 'minute' = 'minute'): string {
  const local = new Date(Date.parse(instant) + 8 * 3600_000).toISOString();
  return upTo === 'day' ? local.slice(0, 10) : `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

export function dateZh(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

/** 2026-05-06 → 5月6日 */
export function monthDayZh(d: string): string {
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

/** Rank movement: ↑2, ↓1, —, 新 */
export function change(c: number | null, previousRank: number | null): string {
  if (previousRank === null) return '新进';
  if (!c) return '—';
  return c > 0 ? `↑${c}` : `↓${-c}`;
}

export function signed(n: string, negative: boolean): string {
  return negative ? n : `+${n}`;
}
