import { CURRENCIES, type Currency, type EnterpriseOrigin } from '@wutong/contracts';

/**
 * The columns of the import template, the export and the rejects file: one list, so an exported
 * file imports back unchanged. Headers are matched in either language, ignoring spaces and brackets.
 */
export const SHEET_COLUMNS = [
  { key: 'name', zh: '企业名称', en: 'Name', width: 36, also: ['名称', '公司名称', 'enterprise name'] },
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', width: 22, also: ['信用代码', 'unified social credit code'] },
  { key: 'legalRep', zh: '法定代表人', en: 'Legal representative', width: 12, also: ['法人', '法人代表'] },
  { key: 'regCapital', zh: '注册资本(万元)', en: 'Registered capital (10k)', width: 14, also: ['注册资本'] },
  { key: 'currency', zh: '币种', en: 'Currency', width: 8, also: ['注册资本币种'] },
  { key: 'foundedOn', zh: '成立日期', en: 'Founded', width: 12, also: ['成立时间', 'founded on'] },
  { key: 'industryCode', zh: '行业代码', en: 'Industry code', width: 10, also: ['国民经济行业代码'] },
  { key: 'regionCode', zh: '注册地区划代码', en: 'Division code', width: 14, also: ['区划代码', 'region code'] },
  { key: 'origin', zh: '来源类型', en: 'Origin', width: 12, also: ['来源'] },
  { key: 'address', zh: '地址', en: 'Address', width: 36, also: ['注册地址', '住所'] },
  { key: 'tags', zh: '标签', en: 'Tags', width: 20, also: [] },
  { key: 'formerNames', zh: '曾用名', en: 'Former names', width: 30, also: [] },
  { key: 'aliases', zh: '别名', en: 'Aliases', width: 20, also: ['简称'] },
] as const;

export type ColumnKey = (typeof SHEET_COLUMNS)[number]['key'];

const headerKey = (s: string) => s.normalize('NFKC').replace(/[\s()（）[\]【】*＊]/g, '').toLowerCase();

const HEADER_INDEX = new Map<string, ColumnKey>();
for (const c of SHEET_COLUMNS) for (const h of [c.zh, c.en, c.key, ...c.also]) HEADER_INDEX.set(headerKey(h), c.key);

/** Column positions by key, read from a header row; unknown headers are ignored. */
export function mapHeader(cells: string[]): Map<ColumnKey, number> {
  const out = new Map<ColumnKey, number>();
  cells.forEach((h, i) => {
    const key = HEADER_INDEX.get(headerKey(h));
    if (key && !out.has(key)) out.set(key, i);
  });
  return out;
}

export const ORIGIN_LABELS: Record<EnterpriseOrigin, [string, string]> = {
  local: ['本地', 'local'],
  domestic_out_of_city: ['市外内资', 'domestic (out of city)'],
  foreign: ['外资', 'foreign'],
  zhejiang_returning: ['浙商回归', 'returning Zhejiang merchants'],
};

const ORIGIN_INDEX = new Map<string, EnterpriseOrigin>();
for (const [code, [zh, en]] of Object.entries(ORIGIN_LABELS) as [EnterpriseOrigin, [string, string]][]) {
  for (const s of [code, zh, en]) ORIGIN_INDEX.set(headerKey(s), code);
}
ORIGIN_INDEX.set(headerKey('市外'), 'domestic_out_of_city');
ORIGIN_INDEX.set(headerKey('境外'), 'foreign');

export function parseOrigin(s: string): EnterpriseOrigin | undefined {
  return ORIGIN_INDEX.get(headerKey(s));
}

const CURRENCY_NAMES: Record<string, Currency> = {
  人民币: 'CNY', 元: 'CNY', rmb: 'CNY', 美元: 'USD', 欧元: 'EUR', 港元: 'HKD', 港币: 'HKD', 日元: 'JPY', 英镑: 'GBP',
  韩元: 'KRW', 新加坡元: 'SGD', 新台币: 'TWD', 瑞士法郎: 'CHF', 澳元: 'AUD', 加元: 'CAD',
};

export function parseCurrency(s: string): Currency | undefined {
  const k = headerKey(s);
  const upper = k.toUpperCase();
  if ((CURRENCIES as readonly string[]).includes(upper)) return upper as Currency;
  return CURRENCY_NAMES[k];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2020-01-05, 2020/1/5, 2020.1.5, 2020年1月5日, 20200105, or an Excel day number; undefined when unreadable. */
export function parseDate(s: string): string | undefined {
  const t = s.normalize('NFKC').trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  m = /^(\d{5})(?:\.0+)?$/.exec(t);
  if (m) {
    // Excel's day number (1900 system): day 25569 is 1970-01-01
    const d = new Date((Number(m[1]) - 25569) * 86400000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  return undefined;
}

/** 万元 as written (1,234.5) → minor units (分): × 1,000,000, rounded. Undefined when not a number ≥ 0. */
export function parseWanYuan(s: string): number | undefined {
  const t = s.normalize('NFKC').replace(/[,\s]/g, '').replace(/万元?$/, '');
  if (!/^\d+(?:\.\d+)?$/.test(t)) return undefined;
  const v = Math.round(Number(t) * 1_000_000);
  return Number.isSafeInteger(v) ? v : undefined;
}

/** Minor units → 万元 for a sheet cell. */
export function toWanYuan(minor: number): number {
  return minor / 1_000_000;
}

export const splitList = (s: string) =>
  s
    .split(/[;；、|\n,，]+/)
    .map((x) => x.trim())
    .filter(Boolean);
