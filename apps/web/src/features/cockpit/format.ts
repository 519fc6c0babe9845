import { INDICATOR_BY_CODE, type IndicatorCode, type IndicatorUnit } from '@wutong/contracts';

/**
 * How the cockpit prints an indicator's value. Values travel in base units (see the contracts): 1 per
 * enterprise / project / person, minor units for money, kWh, kilograms of CO₂. The cockpit shows money
 * in 亿 (亿元, 亿美元), lists in 万 (万元, 万美元), energy in 万kWh and CO₂ in tonnes.
 */
export type Scale = 'cockpit' | 'list';

const MINOR_PER_YI = 10_000_000_000;
const MINOR_PER_WAN = 1_000_000;

type UnitText = { zh: string; en: string };
const COUNT_UNITS: Partial<Record<IndicatorUnit, UnitText>> = {
  enterprise: { zh: '家', en: 'enterprises' },
  project: { zh: '个', en: 'projects' },
  person: { zh: '人', en: 'people' },
};

const isEn = (lang: string) => lang === 'en-US';

/** Fixed decimals with thousands separators (bulletins print 1,234.50 in both languages). */
export function decimal(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The number a value is shown as, in the unit `unitLabel` names, and how many decimals it takes. */
export function scaled(unit: IndicatorUnit, value: number, scale: Scale = 'cockpit'): { n: number; digits: number } {
  switch (unit) {
    case 'cny':
    case 'usd':
      return { n: value / (scale === 'cockpit' ? MINOR_PER_YI : MINOR_PER_WAN), digits: 2 };
    case 'kwh':
      return { n: value / 10_000, digits: 2 };
    case 'co2_t':
      return { n: value / 1_000, digits: 2 };
    default:
      return { n: value, digits: 0 };
  }
}

/** 家, 亿元, 万美元, 万kWh, 吨 … */
export function unitLabel(unit: IndicatorUnit, lang: string, scale: Scale = 'cockpit'): string {
  const en = isEn(lang);
  const yi = scale === 'cockpit';
  switch (unit) {
    case 'cny':
      return en ? (yi ? '100M CNY' : '10k CNY') : yi ? '亿元' : '万元';
    case 'usd':
      return en ? (yi ? '100M USD' : '10k USD') : yi ? '亿美元' : '万美元';
    case 'kwh':
      return en ? '10k kWh' : '万kWh';
    case 'co2_t':
      return en ? 't' : '吨';
    default: {
      const u = COUNT_UNITS[unit];
      return u ? (en ? u.en : u.zh) : '';
    }
  }
}

/** The number alone: "4,952", "379.75". */
export function formatNumber(unit: IndicatorUnit, value: number, scale: Scale = 'cockpit'): string {
  const { n, digits } = scaled(unit, value, scale);
  return decimal(n, digits);
}

/** The number with its unit: "4,952 家", "379.75 亿元", "2.57 亿美元". */
export function formatValue(unit: IndicatorUnit, value: number, lang: string, scale: Scale = 'cockpit'): string {
  return `${formatNumber(unit, value, scale)} ${unitLabel(unit, lang, scale)}`;
}

/** "引进企业数（家）", "Enterprises introduced (enterprises)". */
export const nameWithUnit = (code: IndicatorCode, lang: string) => {
  const unit = unitLabel(INDICATOR_BY_CODE[code].unit, lang);
  return isEn(lang) ? `${indicatorName(code, lang)} (${unit})` : `${indicatorName(code, lang)}（${unit}）`;
};

export const indicatorUnit = (code: IndicatorCode): IndicatorUnit => INDICATOR_BY_CODE[code].unit;
export const indicatorName = (code: IndicatorCode, lang: string) => (isEn(lang) ? INDICATOR_BY_CODE[code].en : INDICATOR_BY_CODE[code].zh);

/** Shares (0..n) as percentages with one decimal: 0.8234 → "82.3%"; null → "—". */
export function percent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${decimal(ratio * 100, 1)}%`;
}

/** Completion against 序时进度, in percentage points (positive = ahead); null without a target. */
export function aheadPoints(completion: number | null, timeProgress: number): number | null {
  if (completion === null || !Number.isFinite(completion)) return null;
  // rounded to the one decimal shown, so "0.0 points" is never called behind
  return Math.round((completion - timeProgress) * 1000) / 10;
}

/** "2026-03" → "2026年3月" / "Mar 2026"; the short axis label is "3月" / "Mar". */
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function monthLabel(month: string, lang: string, short = false): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (isEn(lang)) return short ? MONTHS_EN[m - 1]! : `${MONTHS_EN[m - 1]!} ${y}`;
  return short ? `${m}月` : `${y}年${m}月`;
}

/** The month number of "2026-03". */
export const monthNumber = (month: string) => Number(month.split('-')[1]);
