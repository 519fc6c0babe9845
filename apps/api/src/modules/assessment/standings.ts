import {
  INDICATORS,
  INDICATOR_CODES,
  type Fact,
  type IndicatorCode,
  type IndicatorValues,
  type TargetRow,
  type UnitKind,
} from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { competitionRanks, dayFraction, monthsThrough } from '@wutong/contracts';
import * as assessment from './assessment.service.js';
import * as repo from './assessment.repository.js';

/**
 * Standings as of a past day: what the assessment close freezes and bulletins print, computed with
 * a region-wide context (platform/region-context.ts) from the same figures the cockpit shows.
 *
 * Figures "as of" a day D of year Y (year to date at the end of D) are the cockpit's monthly
 * trend summed over the months complete at D, plus, when D is not a month end (weekly bulletins),
 * the facts of D's month dated up to D — the same records the cockpit's figures drill into.
 */

const zero = (): IndicatorValues => Object.fromEntries(INDICATOR_CODES.map((c) => [c, 0])) as IndicatorValues;

function addInto(a: IndicatorValues, b: Partial<IndicatorValues>) {
  for (const c of INDICATOR_CODES) a[c] += b[c] ?? 0;
}

/** Every fact of an indicator dated within [from, to] (whole region), paged through the facts service. */
export async function factsBetween(rctx: RequestContext, indicator: IndicatorCode, from: string, to: string): Promise<Fact[]> {
  const out: Fact[] = [];
  let month = `${from.slice(0, 7)}-01`;
  while (month <= to) {
    const year = Number(month.slice(0, 4));
    const m = Number(month.slice(5, 7));
    let cursor: string | undefined;
    do {
      const page = await assessment.listFacts(rctx, { indicator, year, month: m, limit: 200, ...(cursor ? { cursor } : {}) });
      for (const f of page.items) if (f.onDate >= from && f.onDate <= to) out.push(f);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    month = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
  }
  return out;
}

/** Values per indicator of a cockpit trend summed over months 1..n. */
function trendThrough(trend: { month: string; values: IndicatorValues }[], n: number): IndicatorValues {
  const v = zero();
  for (const t of trend) if (Number(t.month.slice(5, 7)) <= n) addInto(v, t.values);
  return v;
}

export type RegionFigures = {
  /** year to date at the end of `asOf` */
  ytd: IndicatorValues;
  cockpit: Awaited<ReturnType<typeof assessment.figures>>;
};

/** The region's year-to-date figures at the end of `asOf` (its calendar year). */
export async function regionFiguresAsOf(rctx: RequestContext, asOf: string): Promise<RegionFigures> {
  const year = Number(asOf.slice(0, 4));
  const cockpit = await assessment.figures(rctx, { year });
  const full = monthsThrough(asOf);
  const ytd = trendThrough(cockpit.trend, full);
  if (full < Number(asOf.slice(5, 7))) {
    const from = `${asOf.slice(0, 7)}-01`;
    for (const { code } of INDICATORS) for (const f of await factsBetween(rctx, code, from, asOf)) ytd[code] += f.value;
  }
  return { ytd, cockpit };
}

/** The region's values within [from, to]: whole months from the cockpit trend, part months from the facts. */
export async function regionValuesBetween(rctx: RequestContext, from: string, to: string, cockpit: RegionFigures['cockpit']): Promise<IndicatorValues> {
  const v = zero();
  const wholeMonth = from.endsWith('-01') && monthsThrough(to) === Number(to.slice(5, 7)) && from.slice(0, 7) === to.slice(0, 7);
  if (wholeMonth && Number(from.slice(0, 4)) === cockpit.year) {
    addInto(v, cockpit.trend.find((t) => t.month === from.slice(0, 7))?.values ?? {});
    return v;
  }
  for (const { code } of INDICATORS) for (const f of await factsBetween(rctx, code, from, to)) v[code] += f.value;
  return v;
}

export type OrgUnit = { id: number; parentId: number | null; path: string; name: string; kind: UnitKind };

/** The region's org units, in display order (for kinds, names and subtrees). */
export const regionUnits = (rctx: RequestContext): Promise<OrgUnit[]> => repo.regionUnits(rctx);

/** Targets of a year (every unit and indicator) from the targets service. */
export async function targetsOf(rctx: RequestContext, year: number): Promise<TargetRow[]> {
  return (await assessment.listTargets(rctx, { year })).items;
}

/**
 * A unit's target and how much of it is due at the end of `asOf`: its own target, else the sum of
 * its children's (recursively) — as the cockpit aggregates them.
 */
export function targetAsOf(units: OrgUnit[], targets: TargetRow[], unitId: number, indicator: IndicatorCode, asOf: string): { annual: number; due: number } | null {
  return assessment.targetOf(units, (u) => targets.find((t) => t.unitId === u && t.indicator === indicator), unitId, asOf);
}


/** 序时进度 at the end of `asOf`: due ÷ annual of the target, else the share of the year elapsed. */
export function timeProgressAsOf(t: { annual: number; due: number } | null, asOf: string): number {
  return t && t.annual > 0 ? t.due / t.annual : dayFraction(Number(asOf.slice(0, 4)), asOf);
}


export type UnitCompletion = { unitId: number; unitName: string; actual: number; target: number; completion: number | null; rank: number };
export type CompletionAsOf = { indicator: IndicatorCode; timeProgress: number; groups: { kind: UnitKind; items: UnitCompletion[] }[] };

/**
 * Completion-rate rankings at the end of `asOf`, per indicator with targets: the units with a
 * target of their own, their subtree's year-to-date actual, ranked within their kind (ties share a
 * rank) — the completion ranking of the assessment module, read at a past day.
 */
export async function completionAsOf(rctx: RequestContext, units: OrgUnit[], asOf: string, indicators: readonly IndicatorCode[] = INDICATOR_CODES): Promise<CompletionAsOf[]> {
  const year = Number(asOf.slice(0, 4));
  const targets = (await targetsOf(rctx, year)).filter((t) => indicators.includes(t.indicator));
  const withTarget = [...new Set(targets.map((t) => t.unitId))];
  const full = monthsThrough(asOf);
  const partial = full < Number(asOf.slice(5, 7));
  const ytd = new Map<number, IndicatorValues>();
  for (const unitId of withTarget) {
    if (!units.some((u) => u.id === unitId)) continue;
    const c = await assessment.figures(rctx, { year, unitId });
    ytd.set(unitId, trendThrough(c.trend, full));
  }
  if (partial && withTarget.length) {
    // the days of asOf's month: facts attributed to every ranked ancestor of their unit
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const code of indicators) {
      for (const f of await factsBetween(rctx, code, `${asOf.slice(0, 7)}-01`, asOf)) {
        const u = byId.get(f.unitId);
        if (!u) continue;
        for (const id of u.path.split('/').filter(Boolean).map(Number)) {
          const v = ytd.get(id);
          if (v) v[code] += f.value;
        }
      }
    }
  }
  const out: CompletionAsOf[] = [];
  for (const indicator of indicators) {
    const own = targets.filter((t) => t.indicator === indicator);
    if (!own.length) continue;
    const groups: CompletionAsOf['groups'] = [];
    for (const kind of assessment.RANKED_KINDS) {
      const items = units
        .filter((u) => u.kind === kind && own.some((t) => t.unitId === u.id))
        .map((u) => {
          const t = own.find((x) => x.unitId === u.id)!;
          const actual = ytd.get(u.id)?.[indicator] ?? 0;
          return { unitId: u.id, unitName: u.name, actual, target: t.annual, completion: t.annual > 0 ? actual / t.annual : null, rank: 0 };
        });
      if (!items.length) continue;
      const ranks = competitionRanks(items, (x) => x.completion);
      for (const x of items) x.rank = ranks.get(x)!;
      items.sort((a, b) => a.rank - b.rank || (b.completion ?? 0) - (a.completion ?? 0) || a.unitName.localeCompare(b.unitName, 'zh-CN'));
      groups.push({ kind, items });
    }
    const region = targetAsOf(units, targets, rctx.scope.regionId, indicator, asOf);
    out.push({ indicator, timeProgress: timeProgressAsOf(region, asOf), groups });
  }
  return out;
}
