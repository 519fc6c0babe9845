import dayjs from 'dayjs';
import { INDICATOR_BY_CODE, parseAnyPeriodKey, periodLabel, type IndicatorCode, type IndicatorUnit } from '@wutong/contracts';

/**
 * How the web app writes numbers, money, percentages, dates and periods — the one place for it
 * (UX.md): money in 万元 on lists and 亿元 for headline figures, two decimals, thousands separators,
 * the reported currency kept (万美元); percentages with one decimal; dates YYYY-MM-DD; periods as
 * the contracts' Shanghai calendar names them (2026年11月, 2026年第4季度).
 */

const isEn = (lang: string) => lang === 'en-US';

// ── numbers ──

/** Fixed decimals with thousands separators: 1,234.50 (the same digits in both languages). */
export function decimal(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A count with thousands separators: 1234 → "1,234". */
export const formatCount = (n: number) => decimal(n, 0);

/** Shares (0..n) as percentages with one decimal, as the Word and Excel bulletins write them: 0.8234 → "82.3%", 12.77 → "1277.0%"; none → "—". */
export function percent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(1)}%`;
}

/** Basis points as a percentage with one decimal: 6000 → "60.0%". */
export const percentOfBp = (bp: number) => `${decimal(bp / 100, 1)}%`;

/**
 * InputNumber props that show thousands separators (not while the user is typing); `decimals` pads
 * like `precision`. No parser: the default one drops the separators and reads an emptied box as no value.
 */
export const groupedNumber = (decimals?: number) => ({
  formatter: (v: number | string | undefined, info: { userTyping: boolean; input: string }) => {
    if (info.userTyping) return info.input;
    if (v === undefined || v === null || `${v}` === '' || Number.isNaN(Number(v))) return '';
    const text = decimals === undefined ? String(v) : Number(v).toFixed(decimals);
    const [int = '', dec] = text.split('.');
    return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${dec !== undefined ? `.${dec}` : ''}`;
  },
});

/** InputNumber props for amounts in 万: two decimals and thousands separators when shown. */
export const thousands = groupedNumber(2);

// ── money (integer minor units: 分, cents) ──

/** 1 万 = 10,000 yuan = 1,000,000 分; 1 亿 = 100,000,000 yuan. */
export const MINOR_PER_WAN = 1_000_000;
export const MINOR_PER_YI = 10_000_000_000;

const CURRENCY_ZH: Record<string, string> = { CNY: '元', USD: '美元', EUR: '欧元', HKD: '港元', JPY: '日元', GBP: '英镑' };

export type MoneyScale = 'wan' | 'yi';

/** The unit an amount is shown or typed in: 万元, 亿美元; ×10k CNY, ×100M USD. */
export function moneyUnit(currency: string, lang: string, scale: MoneyScale = 'wan'): string {
  if (isEn(lang)) return `${scale === 'yi' ? '×100M' : '×10k'} ${currency}`;
  return `${scale === 'yi' ? '亿' : '万'}${CURRENCY_ZH[currency] ?? currency}`;
}

/** Minor units as 万 with two decimals: 3349451936000 → "33,494.52"; nothing for no amount. */
export const formatWan = (minor: number | null | undefined) => (minor === null || minor === undefined ? '' : decimal(minor / MINOR_PER_WAN));
/** Minor units as 亿 with two decimals. */
export const formatYi = (minor: number) => decimal(minor / MINOR_PER_YI);

/**
 * "33,494.52 万元", "1,200.00 万美元" ("auto": 亿 from one 亿 up); "—" for no amount. The currency
 * stays the one the amount was reported in.
 */
export function money(minor: number | null | undefined, currency: string, lang: string, scale: MoneyScale | 'auto' = 'wan'): string {
  if (minor === null || minor === undefined) return '—';
  const s: MoneyScale = scale === 'auto' ? (Math.abs(minor) >= MINOR_PER_YI ? 'yi' : 'wan') : scale;
  return `${s === 'yi' ? formatYi(minor) : formatWan(minor)} ${moneyUnit(currency, lang, s)}`;
}

/** 万 typed in a form → integer minor units; never a float on the wire. */
export const wanToMinor = (wan: number) => Math.round(wan * MINOR_PER_WAN);
/** exact enough to come back to the same integer through wanToMinor (amounts stay below 2^53 分) */
export const minorToWan = (minor: number) => minor / MINOR_PER_WAN;

// ── indicator values (base units: 1 per enterprise / project / person, minor units, kWh, kg CO₂) ──

/**
 * `headline`: the cockpit's big figures, in 亿; `list`: tables, in 万; `entry`: what people type
 * targets in (kWh as is). Energy is otherwise shown in 万kWh and CO₂ in tonnes.
 */
export type IndicatorScale = 'headline' | 'list' | 'entry';

type Display = { per: number; digits: number; zh: string; en: string };
const COUNT: Record<'enterprise' | 'project' | 'person', Display> = {
  enterprise: { per: 1, digits: 0, zh: '家', en: 'enterprises' },
  project: { per: 1, digits: 0, zh: '个', en: 'projects' },
  person: { per: 1, digits: 0, zh: '人', en: 'people' },
};
const CO2: Display = { per: 1000, digits: 2, zh: '吨', en: 't' };
const WAN_KWH: Display = { per: 10_000, digits: 2, zh: '万kWh', en: '×10k kWh' };
const money$ = (currency: 'CNY' | 'USD', scale: MoneyScale): Display => ({
  per: scale === 'yi' ? MINOR_PER_YI : MINOR_PER_WAN,
  digits: 2,
  zh: moneyUnit(currency, 'zh-CN', scale),
  en: moneyUnit(currency, 'en-US', scale),
});
const DISPLAY: Record<IndicatorScale, Record<IndicatorUnit, Display>> = {
  headline: { ...COUNT, cny: money$('CNY', 'yi'), usd: money$('USD', 'yi'), kwh: WAN_KWH, co2_t: CO2 },
  list: { ...COUNT, cny: money$('CNY', 'wan'), usd: money$('USD', 'wan'), kwh: WAN_KWH, co2_t: CO2 },
  entry: { ...COUNT, cny: money$('CNY', 'wan'), usd: money$('USD', 'wan'), kwh: { per: 1, digits: 0, zh: 'kWh', en: 'kWh' }, co2_t: CO2 },
};

/** Base units per display unit, and the decimals a display value takes. */
export function indicatorDisplay(unit: IndicatorUnit, scale: IndicatorScale = 'headline'): { per: number; digits: number } {
  const d = DISPLAY[scale][unit];
  return { per: d.per, digits: d.digits };
}

/** The number a value is shown as, in the unit `unitLabel` names, and how many decimals it takes. */
export function scaled(unit: IndicatorUnit, value: number, scale: IndicatorScale = 'headline'): { n: number; digits: number } {
  const d = DISPLAY[scale][unit];
  return { n: value / d.per, digits: d.digits };
}

/** 家, 亿元, 万美元, 万kWh, 吨 … */
export const unitLabel = (unit: IndicatorUnit, lang: string, scale: IndicatorScale = 'headline') => DISPLAY[scale][unit][isEn(lang) ? 'en' : 'zh'];

/** The number alone: "4,952", "379.75". */
export function formatNumber(unit: IndicatorUnit, value: number, scale: IndicatorScale = 'headline'): string {
  const { n, digits } = scaled(unit, value, scale);
  return decimal(n, digits);
}

/** The number with its unit: "4,952 家", "379.75 亿元", "2.57 亿美元". */
export const formatValue = (unit: IndicatorUnit, value: number, lang: string, scale: IndicatorScale = 'headline') =>
  `${formatNumber(unit, value, scale)} ${unitLabel(unit, lang, scale)}`;

export const indicatorUnit = (code: IndicatorCode): IndicatorUnit => INDICATOR_BY_CODE[code].unit;
export const indicatorName = (code: IndicatorCode, lang: string) => (isEn(lang) ? INDICATOR_BY_CODE[code].en : INDICATOR_BY_CODE[code].zh);

/** "引进企业数（家）", "Enterprises introduced (enterprises)". */
export const nameWithUnit = (code: IndicatorCode, lang: string, scale: IndicatorScale = 'headline') =>
  `${indicatorName(code, lang)}${punct(lang).paren(unitLabel(indicatorUnit(code), lang, scale))}`;

// ── dates and periods ──

export const day = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
export const dayTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const today = () => dayjs().format('YYYY-MM-DD');

/** Whole days from today to a date (negative: past). */
export function daysFromToday(date: string): number {
  return dayjs(date).startOf('day').diff(dayjs().startOf('day'), 'day');
}

/** A period key of any kind (2026, 2026-Q4, 2026-11, 2026-W10, 2026-03-05) as people write it; an unknown key as it is. */
export function periodText(key: string, lang: string): string {
  const p = parseAnyPeriodKey(key);
  return p ? periodLabel(p, isEn(lang) ? 'en-US' : 'zh-CN') : key;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A month key as a chart axis writes it: "3月" / "Mar". */
export function shortMonth(month: string, lang: string): string {
  const m = Number(month.slice(5, 7));
  return isEn(lang) ? MONTHS_EN[m - 1]! : `${m}月`;
}

// ── punctuation ──

/** Punctuation differs: 全角 in Chinese (负责单位：…；…), ASCII with spaces in English. */
export function punct(lang: string) {
  return isEn(lang)
    ? { colon: ': ', semi: '; ', list: ', ', paren: (s: string) => ` (${s})` }
    : { colon: '：', semi: '；', list: '、', paren: (s: string) => `（${s}）` };
}
