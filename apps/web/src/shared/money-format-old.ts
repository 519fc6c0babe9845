import dayjs from 'dayjs';

const WAN = 1_000_000; // 万元 in 分

/** Minor units (分, cents) as 万 with two decimals and thousands separators: 3349451936000 → "33,494.52". */
export function formatWan(minor: number | null | undefined, lang = 'zh-CN'): string {
  if (minor === null || minor === undefined) return '';
  return (minor / WAN).toLocaleString(lang === 'en-US' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** The unit a money figure is shown in: 万元, 万美元, … */
export const CURRENCY_UNITS: Record<string, { zh: string; en: string }> = {
  CNY: { zh: '万元', en: '×10k CNY' },
  USD: { zh: '万美元', en: '×10k USD' },
  EUR: { zh: '万欧元', en: '×10k EUR' },
  HKD: { zh: '万港元', en: '×10k HKD' },
  JPY: { zh: '万日元', en: '×10k JPY' },
  GBP: { zh: '万英镑', en: '×10k GBP' },
};

export function currencyUnit(currency: string, lang: string): string {
  const u = CURRENCY_UNITS[currency];
  if (!u) return lang === 'en-US' ? `×10k ${currency}` : `万${currency}`;
  return lang === 'en-US' ? u.en : u.zh;
}

/** "33,494.52 万元", "1,200.00 万美元"; empty for no amount. */
export function formatMoney(minor: number | null | undefined, currency: string, lang = 'zh-CN'): string {
  if (minor === null || minor === undefined) return '';
  return `${formatWan(minor, lang)} ${currencyUnit(currency, lang)}`;
}

/** A count with thousands separators: 1234 → "1,234". */
export const formatCount = (n: number, lang = 'zh-CN') => n.toLocaleString(lang === 'en-US' ? 'en-US' : 'zh-CN');

/** An ISO instant or date as YYYY-MM-DD in the browser's time zone. */
export const formatDate = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD') : '');
