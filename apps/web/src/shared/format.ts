import dayjs from 'dayjs';

/** Two decimals with thousands separators, the way figures are printed in bulletins. */
export function decimal(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** 1 万 = 10,000 yuan = 1,000,000 分; 1 亿 = 100,000,000 yuan. */
export const MINOR_PER_WAN = 1_000_000;
export const MINOR_PER_YI = 10_000_000_000;

const CURRENCY_ZH: Record<string, string> = {
  CNY: '元',
  USD: '美元',
  EUR: '欧元',
  HKD: '港元',
  JPY: '日元',
  GBP: '英镑',
};

export type MoneyScale = 'wan' | 'yi' | 'auto';

/**
 * Money as Chinese users read it: 万元 on lists, 亿元 for big figures (auto: from one 亿 up), two
 * decimals, thousands separators; the currency stays the one it was reported in (万美元).
 */
export function money(minor: number | null | undefined, currency: string, lang: string, scale: MoneyScale = 'wan'): string {
  if (minor === null || minor === undefined) return '—';
  const yi = scale === 'yi' || (scale === 'auto' && Math.abs(minor) >= MINOR_PER_YI);
  const n = decimal(minor / (yi ? MINOR_PER_YI : MINOR_PER_WAN));
  if (lang === 'en-US') return `${n} (${yi ? '100M' : '10k'} ${currency})`;
  return `${n} ${yi ? '亿' : '万'}${CURRENCY_ZH[currency] ?? currency}`;
}

/** The unit label of an amount typed in 万 (万元, 万美元). */
export function wanUnit(currency: string, lang: string): string {
  if (lang === 'en-US') return `10k ${currency}`;
  return `万${CURRENCY_ZH[currency] ?? currency}`;
}

/** 万 typed in a form → integer minor units (分, cents); never a float on the wire. */
export const wanToMinor = (wan: number) => Math.round(wan * MINOR_PER_WAN);
/** exact enough to come back to the same integer through wanToMinor (amounts stay below 2^53 分) */
export const minorToWan = (minor: number) => minor / MINOR_PER_WAN;

export const day = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
export const dayTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const today = () => dayjs().format('YYYY-MM-DD');

/** Whole days from today to a date (negative: past). */
export function daysFromToday(date: string): number {
  return dayjs(date).startOf('day').diff(dayjs().startOf('day'), 'day');
}

export const percentOfBp = (bp: number) => `${decimal(bp / 100, 1)}%`;

/** InputNumber props for amounts: two decimals and thousands separators when shown, as typed while typing. */
export const thousands = {
  formatter: (v: number | string | undefined, info: { userTyping: boolean; input: string }) => {
    if (info.userTyping) return info.input;
    if (v === undefined || v === null || `${v}` === '' || Number.isNaN(Number(v))) return '';
    return decimal(Number(v));
  },
  // no parser: the default one drops the separators and reads an emptied input as no value
};

/** Punctuation differs: 全角 in Chinese (负责单位：…；…), ASCII with spaces in English. */
export function punct(lang: string) {
  return lang === 'en-US'
    ? { colon: ': ', semi: '; ', list: ', ', paren: (s: string) => ` (${s})` }
    : { colon: '：', semi: '；', list: '、', paren: (s: string) => `（${s}）` };
}
