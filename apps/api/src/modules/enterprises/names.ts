import { pinyin } from 'pinyin-pro';
import { BRACKET_FORMS, FORM_WORDS, GENERIC_INDUSTRY_WORDS, INDUSTRY_WORDS, MID_FORM_WORDS, REGION_WORDS, maxLen } from './words.js';

/**
 * Chinese company names, read the way a registry clerk reads them: region words (宁波, 浙江省),
 * the trade name (字号, the distinctive part), industry words (科技, 网络技术) and the company form
 * (有限公司). Duplicate detection keys on the trade name, not on the raw string: 「寰采星科技（宁波）
 * 有限公司」 and 「宁波寰采星科技有限公司」 are one enterprise written two ways.
 *
 * Everything here is pure and synchronous: the API, the importer and the benchmark loader share it.
 */

const OPEN = '([{【〔〖「『《〈';
const CLOSE = ')]}】〕〗」』》〉';
const BRACKET_CHARS = new RegExp(`[${escapeClass(OPEN + CLOSE)}]`, 'g');
const BRACKETED = new RegExp(`[${escapeClass(OPEN)}]([^${escapeClass(OPEN + CLOSE)}]*)[${escapeClass(CLOSE)}]`, 'g');

function escapeClass(s: string): string {
  return s.replace(/[\\\]\-^[]/g, (c) => `\\${c}`);
}

/** Full-width to half-width, spaces removed, latin lower-cased; brackets kept (split reads them). */
function clean(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** The normalised name: half-width, no brackets of any kind, no whitespace, latin in lower case. */
export function normaliseName(raw: string): string {
  return clean(raw).replace(BRACKET_CHARS, '');
}

export type NameParts = {
  /** the normalised full name */
  norm: string;
  /** canonical region words, in the order found (宁波市 → 宁波) */
  regions: string[];
  /** GB/T 2260 code prefix of each region word ('' for 中国) */
  regionCodes: string[];
  /** the trade name (字号) */
  trade: string;
  /** industry words, in name order */
  industry: string[];
  /** the company form words, joined (集团股份有限公司) */
  form: string;
};

const REGION_MAX = maxLen(REGION_WORDS.keys());
const INDUSTRY_MAX = maxLen(INDUSTRY_WORDS);
const FORM_MAX = maxLen(FORM_WORDS);
/** A trade name keeps at least this many characters: a split never eats into it further. */
const MIN_TRADE = 2;

function longestPrefix(s: string, has: (w: string) => boolean, max: number): string | undefined {
  for (let n = Math.min(max, s.length); n >= 2; n--) {
    const w = s.slice(0, n);
    if (has(w)) return w;
  }
  return undefined;
}

function longestSuffix(s: string, has: (w: string) => boolean, max: number): string | undefined {
  for (let n = Math.min(max, s.length); n >= 1; n--) {
    const w = s.slice(s.length - n);
    if (has(w)) return w;
  }
  return undefined;
}

const isRegion = (w: string) => REGION_WORDS.has(w);
const isForm = (w: string) => FORM_WORDS.has(w);
const isIndustry = (w: string) => INDUSTRY_WORDS.has(w) || MID_FORM_WORDS.has(w);

/** Region words covering the whole string (浙江宁波), or undefined. */
function wholeRegions(s: string): string[] | undefined {
  const out: string[] = [];
  let rest = s;
  while (rest) {
    const w = longestPrefix(rest, isRegion, REGION_MAX);
    if (!w) return undefined;
    out.push(w);
    rest = rest.slice(w.length);
  }
  return out.length ? out : undefined;
}

/** True when the string is made of industry words only (银行, 石油化工). */
function allIndustry(s: string): boolean {
  let rest = s;
  while (rest) {
    const w = longestSuffix(rest, isIndustry, INDUSTRY_MAX);
    if (!w || w.length < 2) return false;
    rest = rest.slice(0, -w.length);
  }
  return s.length > 0;
}

/**
 * Splits a company name into region / trade name / industry / form.
 *
 * 1. bracketed parts that are regions (（宁波）) or forms (（集团）) are taken out;
 * 2. forms and region words are stripped from the end (…有限公司宁波分公司);
 * 3. region words are stripped from the start (浙江省宁波市…);
 * 4. industry words are stripped from the end (…网络科技), the trade name keeping ≥ 2 characters;
 * 5. a "trade name" that is itself an industry word (宁波银行 → 银行) gives the region back: 宁波
 *    is that bank's trade name.
 */
export function splitName(raw: string): NameParts {
  const cleaned = clean(raw);
  const norm = cleaned.replace(BRACKET_CHARS, '');
  const regions: string[] = [];
  const forms: string[] = [];
  const trailing: string[] = [];
  let core = cleaned.replace(BRACKETED, (_, inner: string) => {
    const r = wholeRegions(inner);
    if (r) {
      trailing.push(...r);
      return '';
    }
    if (BRACKET_FORMS.has(inner)) {
      forms.push(inner);
      return '';
    }
    return inner;
  });
  core = core.replace(BRACKET_CHARS, '');

  // 2. from the end: forms, and regions written after the name (…有限公司宁波分公司)
  for (let changed = true; changed; ) {
    changed = false;
    const f = longestSuffix(core, isForm, Math.min(FORM_MAX, core.length - 1));
    if (f) {
      forms.unshift(f);
      core = core.slice(0, -f.length);
      changed = true;
      continue;
    }
    const r = longestSuffix(core, isRegion, Math.min(REGION_MAX, core.length - MIN_TRADE));
    if (r) {
      trailing.unshift(r);
      core = core.slice(0, -r.length);
      changed = true;
    }
  }

  // 3. from the start, as long as a trade name of two characters is left before the industry words
  const leading: string[] = [];
  for (;;) {
    const r = longestPrefix(core, isRegion, REGION_MAX);
    if (!r || beforeIndustry(core.slice(r.length)) < MIN_TRADE) break;
    leading.push(r);
    core = core.slice(r.length);
  }

  // 4. industry words from the end (a region word between them goes with the regions: 晋能控股山西电力)
  const industry: string[] = [];
  for (;;) {
    // the longest industry word that leaves the trade name its two characters
    const w = longestSuffix(core, isIndustry, Math.min(INDUSTRY_MAX, core.length - MIN_TRADE));
    if (w) {
      if (MID_FORM_WORDS.has(w)) forms.unshift(w);
      else industry.unshift(w);
      core = core.slice(0, -w.length);
      continue;
    }
    const r = industry.length ? longestSuffix(core, isRegion, Math.min(REGION_MAX, core.length - MIN_TRADE)) : undefined;
    if (!r) break;
    trailing.unshift(r);
    core = core.slice(0, -r.length);
  }

  // 5. 宁波银行: the region word is the trade name
  let trade = core;
  const found = [...leading, ...trailing];
  if (found.length && allIndustry(trade)) {
    const back = leading.length ? leading.pop()! : trailing.shift()!;
    industry.unshift(...splitIndustry(trade));
    trade = REGION_WORDS.get(back)!.canonical;
  }
  // an administrative suffix left on the trade name belongs to a place the word lists lack (申圳市)
  if (trade.length > MIN_TRADE && /[省市县区]$/.test(trade)) trade = trade.slice(0, -1);
  regions.push(...leading, ...trailing);
  return {
    norm,
    regions: regions.map((r) => REGION_WORDS.get(r)!.canonical),
    regionCodes: regions.map((r) => REGION_WORDS.get(r)!.code),
    trade,
    industry,
    form: forms.join(''),
  };
}

/** How many characters are left of a string once its industry words are taken off the end. */
function beforeIndustry(s: string): number {
  let rest = s;
  for (;;) {
    const w = longestSuffix(rest, isIndustry, INDUSTRY_MAX);
    if (!w || w.length < 2) return rest.length;
    rest = rest.slice(0, -w.length);
  }
}

function splitIndustry(s: string): string[] {
  const out: string[] = [];
  let rest = s;
  while (rest) {
    const w = longestSuffix(rest, isIndustry, INDUSTRY_MAX)!;
    out.unshift(w);
    rest = rest.slice(0, -w.length);
  }
  return out;
}

/* ── pinyin ─────────────────────────────────────────────────────────────────────────────── */

const PINYIN_CACHE = new Map<string, string>();

/** Toneless pinyin of one character (its most common reading); anything not Chinese stays as it is. */
export function charPinyin(ch: string): string {
  let p = PINYIN_CACHE.get(ch);
  if (p === undefined) {
    p = /\p{Script=Han}/u.test(ch) ? pinyin(ch, { toneType: 'none', v: true }) : ch;
    PINYIN_CACHE.set(ch, p);
  }
  return p;
}

/** Toneless pinyin of a string, syllables joined: 寰采星 → huancaixing. Homophones share it. */
export function pinyinKey(s: string): string {
  let out = '';
  for (const ch of s) out += charPinyin(ch);
  return out;
}

/* ── match keys ─────────────────────────────────────────────────────────────────────────── */

/** The shortest industry word ending a word: 网络科技 → 科技, 新能源 → 能源. */
function headWord(w: string): string {
  for (let n = 2; n < w.length; n++) {
    const tail = w.slice(w.length - n);
    if (INDUSTRY_WORDS.has(tail)) return tail;
  }
  return w;
}

/** Every industry word inside a word: 网络科技 → {网络科技, 网络, 科技}. */
function atoms(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) for (let j = i + 2; j <= w.length; j++) if (INDUSTRY_WORDS.has(w.slice(i, j))) out.push(w.slice(i, j));
  return out.length ? out : [w];
}

/**
 * The industry word a short trade name is paired with in keys: the head of the last word that is
 * not generic (网络科技发展 → 科技), so that 华信网络科技 and 华信科技 share their keys.
 */
export function keyIndustry(p: NameParts): string {
  for (let i = p.industry.length - 1; i >= 0; i--) if (!GENERIC_INDUSTRY_WORDS.has(p.industry[i]!)) return headWord(p.industry[i]!);
  return p.industry.length ? headWord(p.industry[p.industry.length - 1]!) : '';
}

/** Trade names up to this length pair their keys with the industry (华信 alone is everywhere). */
const SHORT_TRADE = 2;
/** Wildcards of trade names up to this length are paired with the industry too (?华信 is common). */
const SHORT_WILDCARD = 3;
const MAX_WILDCARDS = 8;

function wildcards(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.min(chars.length, MAX_WILDCARDS); i++) out.push(chars.map((c, j) => (j === i ? '?' : c)).join(''));
  return out;
}

/**
 * Short exact keys, stored in `match_keys` (GIN) and computed alike for a query; candidates are
 * the rows sharing a key. `t:` the trade name, `p:` its toneless pinyin (homophones), `w:` the
 * trade name with one character as a wildcard (one wrong character). Keys that would be common
 * are paired with the industry: every key of a one- or two-character trade name (华信 → `t:华信|电子`,
 * its wildcards with all its industry words, `w:华?|智能科技`), and the wildcards of a
 * three-character one (`w:?采星|科技`); longer trade names are distinctive on their own.
 *
 * `store` gives what a row carries; `query` what a lookup sends: a short trade name queried
 * without an industry word falls back on the plain `t:`/`p:` keys, which every row carries.
 */
export function matchKeys(p: NameParts, mode: 'store' | 'query'): string[] {
  const t = p.trade;
  if (!t) return [];
  const chars = [...t];
  const py = pinyinKey(t);
  const ind = keyIndustry(p);
  const keys = new Set<string>();
  if (chars.length > SHORT_TRADE) {
    keys.add(`t:${t}`);
    keys.add(`p:${py}`);
    const suffix = chars.length <= SHORT_WILDCARD ? `|${ind}` : '';
    for (const w of wildcards(chars)) keys.add(`w:${w}${suffix}`);
    return [...keys];
  }
  if (mode === 'store' || !ind) {
    keys.add(`t:${t}`);
    keys.add(`p:${py}`);
  }
  if (mode === 'store' || ind) {
    keys.add(`t:${t}|${ind}`);
    keys.add(`p:${py}|${ind}`);
    const all = p.industry.filter((w) => !GENERIC_INDUSTRY_WORDS.has(w)).join('') || ind;
    if (chars.length === 2) for (const w of wildcards(chars)) keys.add(`w:${w}|${all}`);
  }
  return [...keys];
}

/** What a row of `enterprises` or `enterprise_names` stores for a name. */
export function nameFields(name: string): { nameNorm: string; tradeName: string; matchKeys: string[] } {
  const p = splitName(name);
  return { nameNorm: p.norm, tradeName: p.trade, matchKeys: matchKeys(p, 'store') };
}

/* ── ranking ────────────────────────────────────────────────────────────────────────────── */

/** At or above this, a candidate reads as "probably the same enterprise". */
export const DUPLICATE_THRESHOLD = 0.8;
/** Below this a candidate is not shown at all. */
export const CANDIDATE_FLOOR = 0.5;

function tradeCloseness(a: string, b: string): number {
  if (a === b) return 1;
  if (pinyinKey(a) === pinyinKey(b)) return 0.9;
  const x = [...a];
  const y = [...b];
  if (x.length === y.length) {
    let diff = 0;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff++;
    if (diff === 1) return 0.75;
  }
  // shared characters (Dice), scaled down: a different trade name is a weak signal at best
  const ys = new Set(y);
  const common = x.filter((c) => ys.has(c)).length;
  return (0.6 * 2 * common) / (x.length + y.length || 1);
}

function industryCloseness(a: NameParts, b: NameParts): number {
  const core = (p: NameParts) => p.industry.filter((w) => !GENERIC_INDUSTRY_WORDS.has(w));
  const x = core(a);
  const y = core(b);
  if (!x.length && !y.length) return a.industry.length || b.industry.length ? 0.75 : 1;
  if (!x.length || !y.length) return 0.5;
  const xs = new Set(x.flatMap(atoms));
  const ys = new Set(y.flatMap(atoms));
  const same = xs.size === ys.size && [...xs].every((w) => ys.has(w));
  if (same) return 1;
  // the same head word (网络科技 ~ 科技): one of them left a word out
  if (keyIndustry(a) === keyIndustry(b)) return 0.8;
  return [...xs].some((w) => ys.has(w)) ? 0.3 : 0;
}

/** The most specific region code of a name; '' when it names none (中国 says nothing about where). */
function mostSpecific(codes: string[]): string {
  return codes.reduce((m, c) => (c.length > m.length ? c : m), '');
}

function regionCloseness(a: NameParts, b: NameParts): number {
  const x = mostSpecific(a.regionCodes);
  const y = mostSpecific(b.regionCodes);
  if (!x || !y) return 0.5;
  if (x === y) return 1;
  // 海曙 lies in 宁波: compatible, not equal
  return x.startsWith(y) || y.startsWith(x) ? 0.75 : 0;
}

/**
 * How alike two names are, 0…1: the trade name weighs most (equal, then homophone, then one
 * character off), then the industry words, then the region, then pg_trgm similarity of the
 * normalised names (`nameSim`, computed by the database). Equal normalised names are 1.
 */
export function nameSimilarity(q: NameParts, c: NameParts, nameSim: number): number {
  if (q.norm === c.norm) return 1;
  const s = 0.5 * tradeCloseness(q.trade, c.trade) + 0.2 * industryCloseness(q, c) + 0.1 * regionCloseness(q, c) + 0.2 * nameSim;
  return Math.round(Math.min(s, 0.999) * 1000) / 1000;
}
