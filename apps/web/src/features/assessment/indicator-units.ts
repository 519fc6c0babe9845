import { INDICATOR_BY_CODE, type IndicatorCode, type IndicatorUnit } from '@wutong/contracts';

/**
 * Indicator values travel in base units (see packages/contracts/src/assessment.ts): counts as is,
 * money in minor units (分 / cents), kWh as is, CO₂ in kilograms. People read and type them in
 * display units: 家/个/人, 万元/万美元, kWh, t. These helpers convert between the two, exactly.
 */

type Scale = {
  /** base units per display unit */
  factor: number;
  /** decimals a display value is typed and shown with */
  decimals: number;
  zh: string;
  en: string;
};

export const DISPLAY_UNITS: Record<IndicatorUnit, Scale> = {
  enterprise: { factor: 1, decimals: 0, zh: '家', en: 'enterprises' },
  project: { factor: 1, decimals: 0, zh: '个', en: 'projects' },
  person: { factor: 1, decimals: 0, zh: '人', en: 'people' },
  cny: { factor: 1_000_000, decimals: 2, zh: '万元', en: '×10k CNY' },
  usd: { factor: 1_000_000, decimals: 2, zh: '万美元', en: '×10k USD' },
  kwh: { factor: 1, decimals: 0, zh: 'kWh', en: 'kWh' },
  co2_t: { factor: 1000, decimals: 2, zh: '吨', en: 't' },
};

export const scaleOf = (indicator: IndicatorCode): Scale => DISPLAY_UNITS[INDICATOR_BY_CODE[indicator].unit];

export const unitLabel = (indicator: IndicatorCode, lang: string) => {
  const s = scaleOf(indicator);
  return lang === 'en-US' ? s.en : s.zh;
};

export const indicatorName = (indicator: IndicatorCode, lang: string) => (lang === 'en-US' ? INDICATOR_BY_CODE[indicator].en : INDICATOR_BY_CODE[indicator].zh);

/** The smallest step a display value moves in, in base units (1 for counts, 10,000 分 = 0.01 万元, 10 kg = 0.01 t). */
export const stepOf = (indicator: IndicatorCode) => {
  const s = scaleOf(indicator);
  return Math.max(1, Math.round(s.factor / 10 ** s.decimals));
};

/** A typed display value (万元, t…) in base units, rounded to the display precision. */
export function toBase(indicator: IndicatorCode, display: number): number {
  const s = scaleOf(indicator);
  // through the display grid first, so 0.1 + 0.2 style float noise never reaches the integer
  const grid = Math.round(display * 10 ** s.decimals);
  return grid * stepOf(indicator);
}

/** A base value as a display number (万元, t…), unrounded. */
export const toDisplay = (indicator: IndicatorCode, base: number) => base / scaleOf(indicator).factor;

const locale = (lang: string) => (lang === 'en-US' ? 'en-US' : 'zh-CN');

/** "1,234.50" (万元), "12" (家), "3,400.00" (t): the number alone, with the indicator's decimals. */
export function formatIndicatorNumber(indicator: IndicatorCode, base: number, lang = 'zh-CN'): string {
  const s = scaleOf(indicator);
  return (base / s.factor).toLocaleString(locale(lang), { minimumFractionDigits: s.decimals, maximumFractionDigits: s.decimals });
}

/** "1,234.50 万元", "12 家", "3,400.00 t". */
export const formatIndicator = (indicator: IndicatorCode, base: number, lang = 'zh-CN') => `${formatIndicatorNumber(indicator, base, lang)} ${unitLabel(indicator, lang)}`;

/** A share (0.853) as "85.3%"; "—" for none. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * An annual target split into `n` parts in display-grid steps, as evenly as it goes: the remainder
 * lands on the last parts (the year's end carries it), so the parts always sum to the annual exactly.
 */
export function evenSplit(indicator: IndicatorCode, annual: number, n: number): number[] {
  const step = stepOf(indicator);
  const steps = Math.round(annual / step);
  const each = Math.floor(steps / n);
  const rest = steps - each * n;
  const parts = Array.from({ length: n }, (_, i) => (each + (i >= n - rest ? 1 : 0)) * step);
  // an annual off the display grid (imported): the last part takes the odd base units
  const diff = annual - parts.reduce((a, b) => a + b, 0);
  parts[n - 1] = parts[n - 1]! + diff;
  return parts;
}

export const partsCount = (split: 'none' | 'quarter' | 'month') => (split === 'quarter' ? 4 : split === 'month' ? 12 : 0);

/** InputNumber props that show thousands separators (not while the user is typing); `decimals` pads like `precision`. */
export const groupedNumber = (decimals?: number) => ({
  formatter: (v: number | string | undefined, info: { userTyping: boolean; input: string }) => {
    if (info.userTyping) return info.input;
    if (v === undefined || v === '' || Number.isNaN(Number(v))) return '';
    const text = decimals === undefined ? String(v) : Number(v).toFixed(decimals);
    const [int = '', dec] = text.split('.');
    return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${dec !== undefined ? `.${dec}` : ''}`;
  },
  // the default parser already drops the separators, and reads an empty box as no value
});
