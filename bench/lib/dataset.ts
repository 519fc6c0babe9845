import { createWriteStream, existsSync, mkdirSync, renameSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { matchKeys, normaliseName, pinyinKey, splitName } from '../../apps/api/src/modules/enterprises/names.js';
import { usccCheckChar, USCC_CHARSET } from '../../apps/api/src/modules/enterprises/uscc.js';
import { loadPools, type Pools } from './pools.js';
import { pick, rng, weighted } from './rng.js';

export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../.data');
const ROOT = resolve(DATA_DIR, '../..');

/** Changes whenever the name rules change: cached data sets built with other rules are rebuilt. */
export function rulesVersion(): string {
  const h = createHash('sha256');
  for (const f of ['names.ts', 'words.ts']) h.update(readFileSync(resolve(ROOT, 'apps/api/src/modules/enterprises', f)));
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  h.update(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'pools.ts')));
  return h.digest('hex').slice(0, 10);
}

/** The parts a synthetic name is made of: queries rebuild variants of it from these. */
export type Spec = { region: string; bracketed: boolean; trade: string; industry: string; form: string; uscc: string | null };

export function nameOf(s: Spec): string {
  return s.bracketed ? `${s.trade}${s.industry}（${s.region}）${s.form}` : `${s.region}${s.trade}${s.industry}${s.form}`;
}

const FORMS = ['有限公司', '有限公司', '有限公司', '有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];

/** A valid, unique USCC for row i: 91 + a Zhejiang division + a 9-character serial + the check character. */
function usccFor(i: number, r: () => number): string {
  const div = pick(r, ['330203', '330212', '330205', '330106', '330110', '330304', '330402', '330502']);
  let serial = '';
  let n = i;
  for (let k = 0; k < 9; k++) {
    serial = USCC_CHARSET[n % 31] + serial;
    n = Math.floor(n / 31);
  }
  const first17 = `91${div}${serial}`;
  return first17 + usccCheckChar(first17)!;
}

/** Row i of the data set (rows are generated in order from one seed: row i is the same for every size). */
export function* specs(pools: Pools): Generator<Spec> {
  const r = rng(20260115);
  const char = weighted(pools.tradeChars, pools.tradeWeights);
  const industry = weighted(pools.industries, pools.industryWeights);
  // names are unique, as a registration authority keeps them: a repeat is drawn again
  const seen = new Set<string>();
  for (let i = 0; ; i++) {
    const x = r();
    const len = x < 0.3 ? 2 : x < 0.8 ? 3 : 4;
    let trade = '';
    for (let k = 0; k < len; k++) trade += char(r);
    const y = r();
    const region = y < 0.7 ? pick(r, pools.regions) : '';
    const spec: Spec = {
      region,
      bracketed: !!region && y < 0.1,
      trade,
      industry: industry(r),
      form: pick(r, FORMS),
      uscc: r() < 0.3 ? usccFor(i, r) : null,
    };
    const key = normaliseName(nameOf(spec));
    if (seen.has(key)) {
      i--;
      continue;
    }
    seen.add(key);
    yield spec;
  }
}

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
const arrayLiteral = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export const COPY_COLUMNS = ['id', 'region_id', 'name', 'name_norm', 'trade_name', 'match_keys', 'uscc', 'source'] as const;

/**
 * The data set as a COPY text file (cached in bench/.data): match keys are computed here, by the
 * same functions the API uses. REGION_ID is written as a placeholder number 1.
 */
export async function buildDataset(rows: number, log: (m: string) => void): Promise<string> {
  mkdirSync(DATA_DIR, { recursive: true });
  const file = resolve(DATA_DIR, `dedup-${rows}-${rulesVersion()}.copy`);
  if (existsSync(file)) return file;
  const t0 = Date.now();
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  const it = specs(loadPools());
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const s = it.next().value as Spec;
    const name = nameOf(s);
    const p = splitName(name);
    buf += `${i + 1}\t1\t${esc(name)}\t${esc(p.norm)}\t${esc(p.trade)}\t${esc(arrayLiteral(matchKeys(p, 'store')))}\t${s.uscc ?? '\\N'}\tbench\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
    if ((i + 1) % 1_000_000 === 0) log(`generated ${i + 1} rows (${Math.round((Date.now() - t0) / 1000)} s)`);
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
  renameSync(tmp, file);
  log(`data set of ${rows} rows written in ${Math.round((Date.now() - t0) / 1000)} s: ${file}`);
  return file;
}

/* ── queries ────────────────────────────────────────────────────────────────────────────── */

export type Query = { kind: string; name?: string; uscc?: string; id: number };

const VARIANTS = ['bracketed region', 'region moved', 'homophone', 'spaces and full-width', 'form word missing'] as const;


/** Variants of sampled rows as people type them, and USCC look-ups; each knows the row it means. */
export function makeQueries(rows: number, nVariants: number, nUscc: number): Query[] {
  const pools = loadPools();
  const byPinyin = new Map<string, string[]>();
  for (const c of pools.tradeChars) byPinyin.set(pinyinKey(c), [...(byPinyin.get(pinyinKey(c)) ?? []), c]);
  const r = rng(77);
  const wanted = new Map<number, number>();
  while (wanted.size < nVariants + nUscc * 4) wanted.set(1 + Math.floor(r() * rows), wanted.size);
  const chosen = [...wanted.keys()].sort((a, b) => a - b);
  const specsById = new Map<number, Spec>();
  const it = specs(pools);
  let next = 0;
  for (let id = 1; next < chosen.length; id++) {
    const s = it.next().value as Spec;
    if (id === chosen[next]) {
      specsById.set(id, s);
      next++;
    }
  }
  const out: Query[] = [];
  let k = 0;
  for (const [id, s] of specsById) {
    if (out.filter((q) => q.uscc).length < nUscc && s.uscc) {
      out.push({ kind: 'uscc', uscc: s.uscc, id });
      continue;
    }
    if (out.length - out.filter((q) => q.uscc).length >= nVariants) continue;
    let kind: string = VARIANTS[k++ % VARIANTS.length]!;
    // a row without a region has none to bracket or move
    if (!s.region && (kind === 'bracketed region' || kind === 'region moved')) kind = 'spaces and full-width';
    let name: string;
    switch (kind) {
      case 'bracketed region':
        name = `${s.trade}${s.industry}(${s.region})${s.form}`;
        break;
      case 'region moved':
        name = `${s.trade}${s.industry}${s.region}${s.form}`;
        break;
      case 'homophone': {
        const chars = [...s.trade];
        const i = chars.findIndex((c) => (byPinyin.get(pinyinKey(c)) ?? []).length > 1);
        if (i < 0) {
          kind = 'form word missing';
          name = nameOf({ ...s, form: '' });
          break;
        }
        chars[i] = byPinyin.get(pinyinKey(chars[i]!))!.find((c) => c !== chars[i])!;
        name = nameOf({ ...s, trade: chars.join('') });
        break;
      }
      case 'spaces and full-width':
        name = s.bracketed ? ` ${s.trade} ${s.industry} (${s.region}) ${s.form}` : ` ${s.region} ${s.trade}  ${s.industry} ${s.form} `;
        break;
      default:
        name = nameOf({ ...s, form: '' });
    }
    out.push({ kind, name, id });
  }
  return out;
}
