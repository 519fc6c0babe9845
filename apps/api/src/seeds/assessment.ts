import { sql } from 'drizzle-orm';
import { assessmentTargets, fxRates, orgUnits, queryRows, type Db } from '@wutong/db';
import { INDICATORS, type IndicatorCode, type TargetSplit } from '@wutong/contracts';
import { rebuildAssessmentFacts as rebuildRegion } from '../modules/assessment/index.js';
import { dayFraction, shanghaiDate, shanghaiYear } from '@wutong/contracts';

const PBOC = '中国人民银行授权中国外汇交易中心公布的人民币汇率中间价';
const APPROX = '近似值（演示用，请以中国人民银行公布的中间价为准）';

/**
 * Dated rates (1 unit = rate CNY). The USD central parities of the last trading days of 2022–2024
 * are PBoC's published figures; everything marked approximate is a demo value to be replaced by
 * the official parity.
 */
export const DEMO_FX_RATES: { currency: string; onDate: string; rate: string; source: string }[] = [
  { currency: 'USD', onDate: '2022-12-30', rate: '6.9646', source: PBOC },
  { currency: 'USD', onDate: '2023-12-29', rate: '7.0827', source: PBOC },
  { currency: 'USD', onDate: '2024-12-31', rate: '7.1884', source: PBOC },
  { currency: 'USD', onDate: '2025-12-31', rate: '7.03', source: APPROX },
  { currency: 'EUR', onDate: '2022-12-30', rate: '7.4229', source: APPROX },
  { currency: 'EUR', onDate: '2023-12-29', rate: '7.8592', source: APPROX },
  { currency: 'EUR', onDate: '2024-12-31', rate: '7.5257', source: APPROX },
  { currency: 'HKD', onDate: '2022-12-30', rate: '0.89327', source: APPROX },
  { currency: 'HKD', onDate: '2023-12-29', rate: '0.90622', source: APPROX },
  { currency: 'HKD', onDate: '2024-12-31', rate: '0.92604', source: APPROX },
  { currency: 'JPY', onDate: '2024-12-31', rate: '0.0462', source: APPROX },
  { currency: 'GBP', onDate: '2024-12-31', rate: '9.07', source: APPROX },
];

export async function seedFxRates(db: Db) {
  await db.insert(fxRates).values(DEMO_FX_RATES).onConflictDoNothing();
}

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A round figure: whole 万元 / 万美元 for money, whole units otherwise, at least one. */
function roundTarget(unit: string, v: number): number {
  const step = unit === 'cny' || unit === 'usd' ? 1_000_000 : unit === 'co2_t' ? 1000 : 1;
  return Math.max(step, Math.round(v / step) * step);
}

function split(annual: number, kind: TargetSplit, step: number): number[] | null {
  if (kind === 'none') return null;
  const n = kind === 'quarter' ? 4 : 12;
  const each = Math.floor(annual / n / step) * step;
  const parts = Array<number>(n).fill(each);
  parts[n - 1] = annual - each * (n - 1);
  return parts;
}

/**
 * The assessment side of the demo: FX rates, the facts and rollups of the seeded projects, and
 * this year's targets for the region and every department, township, park and state company —
 * sized from what each has done so far, so that completion rates spread around the time progress.
 */
export async function seedAssessment(db: Db, regionId: number, withTargets = true) {
  await seedFxRates(db);
  if (!withTargets) return;
  await rebuildRegion({ db }, regionId);
  const year = shanghaiYear();
  const fraction = Math.max(0.05, dayFraction(year, shanghaiDate()));
  const [region] = await db.select({ path: orgUnits.path }).from(orgUnits).where(sql`${orgUnits.id} = ${regionId}`);
  const units = await db
    .select({ id: orgUnits.id, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnits)
    .where(sql`${orgUnits.path} like ${`${region!.path}%`}`)
    .orderBy(orgUnits.id);
  const totals = await queryRows<{ unit_id: number; indicator: string; value: number }>(
    db,
    sql`select unit_id, indicator, sum(value)::float8 as value from assessment_rollups
        where region_id = ${regionId} and dim = 'month' and period between ${`${year}-01-01`}::date and ${`${year}-12-01`}::date group by 1, 2`,
  );
  const total = (path: string, ind: IndicatorCode) =>
    totals.filter((t) => units.find((u) => u.id === Number(t.unit_id))?.path.startsWith(path) && t.indicator === ind).reduce((s, t) => s + Number(t.value), 0);
  const working = units.filter((u) => ['department', 'township', 'park', 'state_company', 'region'].includes(u.kind));
  const rows: (typeof assessmentTargets.$inferInsert)[] = [];
  const r = rng(2026);
  for (const ind of INDICATORS) {
    const regionActual = total(region!.path, ind.code);
    const others = working.filter((u) => u.kind !== 'region');
    for (const [i, u] of working.entries()) {
      const actual = total(u.path, ind.code);
      // completion ≈ time progress × a factor between 0.55 and 1.45; a unit with nothing yet gets a modest share
      const f = 0.55 + r() * 0.9;
      const base = actual > 0 ? actual / (fraction * f) : (regionActual / Math.max(1, others.length) / fraction) * 0.6 || 1;
      const step = ind.unit === 'cny' || ind.unit === 'usd' ? 1_000_000 : ind.unit === 'co2_t' ? 1000 : 1;
      const annual = roundTarget(ind.unit, base);
      // a split needs at least a step per period to spread over the year
      const wanted: TargetSplit = u.kind === 'region' ? 'month' : (['none', 'quarter', 'month'] as const)[i % 3]!;
      const kind: TargetSplit = annual / step >= (wanted === 'month' ? 12 : 4) ? wanted : 'none';
      rows.push({ unitId: u.id, indicator: ind.code, year, regionId, annual, split: kind, parts: split(annual, kind, step) });
    }
  }
  for (let i = 0; i < rows.length; i += 200) await db.insert(assessmentTargets).values(rows.slice(i, i + 200)).onConflictDoNothing();
}
