import {
  competitionRanks,
  dayFraction,
  shanghaiDate,
  shanghaiYear,
  ENTERPRISE_ORIGINS,
  INDICATORS,
  INDICATOR_BY_CODE,
  INDICATOR_CODES,
  STAGES,
  type Cockpit,
  type CockpitQuery,
  type CompletionRanking,
  type CompletionRankingQuery,
  type EnterpriseOrigin,
  type FactList,
  type FactsQuery,
  type FxRate,
  type IndicatorCode,
  type IndicatorValues,
  type RebuildResult,
  type SetTarget,
  type TargetKey,
  type TargetRow,
  type TargetsQuery,
  type UnitKind,
} from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { projectFacts, type ProjectChange } from '../projects/index.js';
import { keyBlockNames } from '../blocks/index.js';
import * as repo from './assessment.repository.js';
import * as facts from './facts.repository.js';
import { DISPLAY_FACTOR, DISPLAY_UNIT, dueByToday } from './progress.js';
import { exportWorkbook, pick, sheet, type Bilingual, type Column } from '../../platform/excel.js';

/** Everyone who works with figures; experts and enterprise users do not see the cockpit. */
export const COCKPIT_ROLES = ['admin', 'leader', 'manager', 'unit_head', 'promoter', 'fund_manager'] as const;
/** Who sets targets and FX rates. */
export const TARGET_EDITORS = ['admin', 'manager'] as const;

/* ── facts follow the projects ──────────────────────────────────────────────────────────── */

/** Changes that cannot move a fact: contacts logged, credit shares between co-promoters. */
const NO_FACTS: ReadonlySet<string> = new Set(['activity', 'co_promoters']);

/** A project command's listener: the project's facts follow it, in the command's transaction. */
export async function onProjectChange(ctx: RequestContext, { projectId, change }: { projectId: number; change: ProjectChange }): Promise<void> {
  if (NO_FACTS.has(change)) return;
  await facts.syncProjects(ctx, [projectId]);
}

/** An enterprise's origin or industry rides on its projects' facts. */
export async function onEnterpriseChange(ctx: RequestContext, { enterpriseId }: { enterpriseId: number }): Promise<void> {
  await facts.syncProjects(ctx, await projectFacts.projectsOfEnterprise(ctx.db, enterpriseId));
}

/* ── views: which units a figure covers ─────────────────────────────────────────────────── */

type View = { shown: repo.RegionUnit; regionWide: boolean; units: number[] | null };

function childrenOf(units: repo.RegionUnit[], id: number) {
  return units.filter((u) => u.parentId === id);
}

function subtree(units: repo.RegionUnit[], u: repo.RegionUnit): repo.RegionUnit[] {
  return units.filter((x) => x.path.startsWith(u.path));
}

/**
 * The unit a caller looks at and the units its figures add up: a region-wide role sees the region
 * (or the unit it picks); others see their own unit (or one below it); always within the scope.
 * `unitOnly` narrows to the unit itself, without its children.
 */
function resolveView(ctx: RequestContext, units: repo.RegionUnit[], unitId?: number, unitOnly = false): View {
  const byId = new Map(units.map((u) => [u.id, u]));
  const scope = new Set(ctx.scope.unitIds);
  let shown: repo.RegionUnit | undefined;
  if (unitId !== undefined) {
    if (!scope.has(unitId)) throw new AppError(404, 'not_found', {}, { unitId: 'not_found' });
    shown = byId.get(unitId);
  } else {
    shown = byId.get(ctx.scope.regionWide ? ctx.scope.regionId : ctx.user.unitId);
    if (!shown || !scope.has(shown.id)) shown = units.find((u) => scope.has(u.id));
  }
  if (!shown) throw notFound();
  const regionWide = ctx.scope.regionWide && shown.id === ctx.scope.regionId && !unitOnly;
  const covered = unitOnly ? [shown] : subtree(units, shown);
  return { shown, regionWide, units: regionWide ? null : covered.filter((u) => scope.has(u.id)).map((u) => u.id) };
}

const zeroValues = (): IndicatorValues => Object.fromEntries(INDICATOR_CODES.map((c) => [c, 0])) as IndicatorValues;

/* ── targets, completion and ranks ──────────────────────────────────────────────────────── */

type Agg = { annual: number; due: number };
type TargetLike = Parameters<typeof dueByToday>[0];

/**
 * A unit's target and how much of it is due on `day`: its own, else the sum of its children's
 * (recursively) — how the cockpit and the standings aggregate targets; null when none is set.
 */
export function targetOf(units: readonly { id: number; parentId: number | null }[], own: (unitId: number) => TargetLike | undefined, unitId: number, day: string): Agg | null {
  const t = own(unitId);
  if (t) return { annual: t.annual, due: dueByToday(t, day) };
  let any = false;
  const sum = { annual: 0, due: 0 };
  for (const c of units.filter((u) => u.parentId === unitId)) {
    const a = targetOf(units, own, c.id, day);
    if (a) {
      any = true;
      sum.annual += a.annual;
      sum.due += a.due;
    }
  }
  return any ? sum : null;
}

export const RANKED_KINDS: UnitKind[] = ['township', 'department', 'park', 'state_company', 'lead_group', 'other'];

type RankedItem = { unitId: number; unitName: string; actual: number; target: number; completion: number | null; rank: number };

/** Units with a target of their own for the indicator, ranked by completion within their kind. */
function rankByKind(units: repo.RegionUnit[], targets: repo.TargetRecord[], totals: Map<string, number>, indicator: IndicatorCode) {
  const actualOf = (u: repo.RegionUnit) => subtree(units, u).reduce((s, x) => s + (totals.get(`${x.id}|${indicator}`) ?? 0), 0);
  const byUnit = new Map(targets.filter((t) => t.indicator === indicator).map((t) => [t.unitId, t]));
  const groups: { kind: UnitKind; items: RankedItem[] }[] = [];
  for (const kind of RANKED_KINDS) {
    const items = units
      .filter((u) => u.kind === kind && byUnit.has(u.id))
      .map((u) => {
        const t = byUnit.get(u.id)!;
        const actual = actualOf(u);
        return { unitId: u.id, unitName: u.name, actual, target: t.annual, completion: t.annual > 0 ? actual / t.annual : null, rank: 0 };
      });
    if (!items.length) continue;
    const ranks = competitionRanks(items, (x) => x.completion);
    for (const x of items) x.rank = ranks.get(x)!;
    items.sort((a, b) => a.rank - b.rank || (b.completion ?? 0) - (a.completion ?? 0) || a.unitName.localeCompare(b.unitName, 'zh-CN'));
    groups.push({ kind, items });
  }
  return groups;
}

async function regionTotals(ctx: RequestContext, year: number, indicator?: IndicatorCode) {
  return new Map((await repo.yearTotalsByUnit(ctx, year, indicator)).map((r) => [`${r.unitId}|${r.indicator}`, r.value]));
}

/* ── the cockpit ────────────────────────────────────────────────────────────────────────── */

const CAPITAL_INDICATORS: IndicatorCode[] = ['foreign_capital_used', 'domestic_capital_in_place', 'zhejiang_capital_in_place'];

export async function figures(ctx: RequestContext, q: CockpitQuery): Promise<Cockpit> {
  const year = q.year ?? shanghaiYear();
  const today = shanghaiDate();
  const units = await repo.regionUnits(ctx);
  const view = resolveView(ctx, units, q.unitId);
  const rows = await repo.yearRollups(ctx, year, view.units);

  const headline = zeroValues();
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const trend = new Map(months.map((m) => [m, zeroValues()]));
  const byUnitValues = new Map<number, IndicatorValues>();
  const splits = { section: new Map<string, IndicatorValues>(), block: new Map<string, IndicatorValues>(), origin: new Map<string, IndicatorValues>() };
  const funnel = new Map<string, number>(STAGES.map((s) => [s, 0]));
  let capitalCny = 0;
  const foreignMonths: string[] = [];

  // which child of the shown unit a unit's figures belong to (the shown unit itself for its own)
  const byId = new Map(units.map((u) => [u.id, u]));
  const bucketOf = (unitId: number): number | null => {
    let u = byId.get(unitId);
    while (u && u.id !== view.shown.id && u.parentId !== view.shown.id) u = u.parentId ? byId.get(u.parentId) : undefined;
    return u ? u.id : null;
  };

  for (const r of rows) {
    if (r.dim === 'stage') {
      funnel.set(r.key, (funnel.get(r.key) ?? 0) + r.n);
      continue;
    }
    const ind = r.indicator as IndicatorCode;
    if (!INDICATOR_BY_CODE[ind]) continue;
    if (r.dim === 'month') {
      headline[ind] += r.value;
      trend.get(r.period.slice(0, 7))![ind] += r.value;
      if (CAPITAL_INDICATORS.includes(ind)) capitalCny += r.valueCny;
      if (ind === 'foreign_capital_used' && r.n !== 0) foreignMonths.push(r.period);
    } else if (r.dim === 'year') {
      const b = bucketOf(r.unitId);
      if (b !== null) {
        const v = byUnitValues.get(b) ?? zeroValues();
        v[ind] += r.value;
        byUnitValues.set(b, v);
      }
    } else {
      const m = splits[r.dim as keyof typeof splits];
      if (!m) continue;
      const v = m.get(r.key) ?? zeroValues();
      v[ind] += r.value;
      m.set(r.key, v);
    }
  }

  // targets, completion and ranks
  // one query after another: bulletins call this inside a job's transaction, where ctx.db is one
  // connection and pg refuses overlapping queries (deprecated, removed in pg 9)
  const targets = await repo.listTargets(ctx, { year });
  const totals = view.regionWide ? null : await regionTotals(ctx, year);
  const targetMap = new Map(targets.map((t) => [`${t.unitId}|${t.indicator}`, t]));
  const fraction = dayFraction(year, today);
  const headlines = INDICATORS.map(({ code }) => {
    const agg = targetOf(units, (u) => targetMap.get(`${u}|${code}`), view.shown.id, today);
    const value = headline[code];
    let rank: Cockpit['headline'][number]['rank'] = null;
    if (totals) {
      const group = rankByKind(units, targets, totals, code).find((g) => g.kind === view.shown.kind);
      const mine = group?.items.find((i) => i.unitId === view.shown.id);
      if (group && mine) rank = { rank: mine.rank, of: group.items.length, kind: group.kind };
    }
    return {
      indicator: code,
      value,
      target: agg ? agg.annual : null,
      completion: agg && agg.annual > 0 ? value / agg.annual : null,
      timeProgress: agg && agg.annual > 0 ? agg.due / agg.annual : fraction,
      rank,
    };
  });

  // the shown unit's children within scope (and the unit itself where figures sit on it directly)
  const scope = new Set(view.units ?? units.map((u) => u.id));
  const listed = childrenOf(units, view.shown.id).filter((u) => scope.has(u.id) && u.kind !== 'lead_group' && u.kind !== 'region');
  const byUnit = [
    ...(byUnitValues.has(view.shown.id) || !listed.length ? [view.shown] : []),
    ...listed,
    ...[...byUnitValues.keys()].filter((id) => id !== view.shown.id && !listed.some((u) => u.id === id)).map((id) => byId.get(id)!),
  ].map((u) => ({ unitId: u.id, unitName: u.name, kind: u.kind, values: byUnitValues.get(u.id) ?? zeroValues() }));

  const sectionNames = await repo.sectionNames(ctx);
  const blockNames = await keyBlockNames(ctx);
  const byIndustry = [...splits.section.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([k, values]) => ({ section: k || null, name: k ? (sectionNames.get(k) ?? k) : pick(ctx.lang, ['未分类', 'Not classified']), values }));
  const byBlock = [...splits.block.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : Number(a) - Number(b)))
    .map(([k, values]) => ({ keyBlockId: k ? Number(k) : null, name: k ? (blockNames.get(Number(k)) ?? k) : pick(ctx.lang, ['不在重点区块', 'Not in a key block']), values }));
  const byOrigin = [
    ...ENTERPRISE_ORIGINS.map((o) => ({ origin: o as EnterpriseOrigin | null, values: splits.origin.get(o) ?? zeroValues() })),
    ...(splits.origin.has('') ? [{ origin: null, values: splits.origin.get('')! }] : []),
  ];

  return {
    year,
    asOf: new Date().toISOString(),
    scope: { unitId: view.shown.id, unitName: view.shown.name, regionWide: view.regionWide },
    headline: headlines,
    capitalInPlaceCny: { value: capitalCny, fx: await fxNotes(ctx, foreignMonths) },
    trend: months.map((m) => ({ month: m, values: trend.get(m)! })),
    byUnit,
    byIndustry,
    byBlock,
    byOrigin,
    funnel: STAGES.map((stage) => ({ stage, count: funnel.get(stage) ?? 0 })),
  };
}

/** The USD rates that converted foreign capital in the given months (first days): those in force during each. */
async function fxNotes(ctx: RequestContext, months: string[]) {
  if (!months.length) return [];
  const rates = await repo.fxRatesOf(ctx, 'USD');
  if (!rates.length) return [];
  const used = new Map<string, FxRate>();
  for (const m of new Set(months)) {
    const start = m;
    const end = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const before = rates.filter((r) => r.onDate <= start).pop() ?? rates[0]!;
    for (const r of [before, ...rates.filter((r) => r.onDate > start && r.onDate <= end)]) used.set(r.onDate, r);
  }
  return [...used.values()].sort((a, b) => (a.onDate < b.onDate ? -1 : 1)).map((r) => ({ currency: r.currency, rate: r.rate, onDate: r.onDate }));
}

/* ── drill-down ─────────────────────────────────────────────────────────────────────────── */

function encodeCursor(onDate: string, id: number) {
  return Buffer.from(JSON.stringify([onDate, id])).toString('base64url');
}
function decodeCursor(c: string): [string, number] | undefined {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v[0]) && Number.isInteger(v[1])) return [v[0], v[1]];
  } catch {
    /* a bad cursor starts from the top */
  }
  return undefined;
}

async function factFilter(ctx: RequestContext, q: FactsQuery): Promise<repo.FactFilter> {
  const units = await repo.regionUnits(ctx);
  const view = resolveView(ctx, units, q.unitId, q.unitOnly === 'true');
  const { cursor: _c, limit: _l, unitId: _u, unitOnly: _o, ...rest } = q;
  return { ...rest, year: q.year ?? shanghaiYear(), units: view.units };
}

/** The facts behind a figure: the same filters as the cockpit's, and `sum` over all of them equals it. */
export async function listFacts(ctx: RequestContext, q: FactsQuery): Promise<FactList> {
  const filter = await factFilter(ctx, q);
  const limit = q.limit ?? 50;
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  // sequential: bulletins page through facts inside a transaction (one connection)
  const totals = await repo.factsTotal(ctx, filter);
  const rows = await repo.listFacts(ctx, filter, { after, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((f) => ({
      id: f.id,
      indicator: f.indicator,
      projectId: f.projectId,
      projectName: f.projectName,
      enterpriseName: f.enterpriseName,
      unitId: f.unitId,
      unitName: f.unitName,
      onDate: f.onDate,
      value: f.value,
      original: f.origCurrency ? { amount: f.origAmount ?? 0, currency: f.origCurrency, rate: f.fxRate ?? 0, rateDate: f.fxDate ?? f.onDate } : null,
      source: f.source,
      sourceId: f.sourceId,
    })),
    total: totals.total,
    sum: totals.sum,
    nextCursor: rows.length > limit && last ? encodeCursor(last.onDate, last.id) : null,
  };
}

const EXPORT_CAP = 100_000;

const SOURCE_NAMES: Record<repo.FactOut['source'], Bilingual> = { stage_event: ['阶段事件', 'stage event'], capital_record: ['到位资金', 'capital record'], project: ['项目信息', 'project'] };

const FACT_COLUMNS: Column<repo.FactOut>[] = [
  { key: 'indicator', header: ['指标', 'Indicator'], width: 16, value: (f) => INDICATOR_BY_CODE[f.indicator].zh },
  { key: 'onDate', header: ['日期', 'Date'], width: 12, kind: 'date' },
  { key: 'value', header: ['数值', 'Value'], width: 16, kind: 'number', value: (f) => f.value / DISPLAY_FACTOR[INDICATOR_BY_CODE[f.indicator].unit] },
  { key: 'unit', header: ['计量单位', 'Unit'], width: 10 },
  { key: 'projectName', header: ['项目', 'Project'], width: 36 },
  { key: 'enterpriseName', header: ['企业', 'Enterprise'], width: 30 },
  { key: 'unitName', header: ['单位', 'Unit (org)'], width: 18 },
  { key: 'source', header: ['来源', 'Source'], width: 12 },
  { key: 'origAmount', header: ['原币金额', 'Original amount'], width: 16, kind: 'number', value: (f) => (f.origAmount === null ? null : f.origAmount / 1_000_000) },
  { key: 'origCurrency', header: ['原币', 'Currency'], width: 8 },
  { key: 'fxRate', header: ['汇率', 'Rate'], width: 10, kind: 'number' },
  { key: 'fxDate', header: ['汇率日期', 'Rate date'], width: 12, kind: 'date' },
];

export async function exportFacts(ctx: RequestContext, q: FactsQuery) {
  const filter = await factFilter(ctx, q);
  const rows = async function* () {
    let after: [string, number] | undefined;
    let n = 0;
    do {
      const page = await repo.listFacts(ctx, filter, { after, limit: 1000 });
      yield* page;
      n += page.length;
      after = page.length === 1000 ? [page[999]!.onDate, page[999]!.id] : undefined;
    } while (after && n < EXPORT_CAP);
  };
  const columns = FACT_COLUMNS.map((c) =>
    c.key === 'indicator'
      ? { ...c, value: (f: repo.FactOut) => pick(ctx.lang, [INDICATOR_BY_CODE[f.indicator].zh, INDICATOR_BY_CODE[f.indicator].en]) }
      : c.key === 'unit'
        ? { ...c, value: (f: repo.FactOut) => pick(ctx.lang, DISPLAY_UNIT[INDICATOR_BY_CODE[f.indicator].unit]) }
        : c.key === 'source'
          ? { ...c, value: (f: repo.FactOut) => pick(ctx.lang, SOURCE_NAMES[f.source]) }
          : c,
  );
  return exportWorkbook(ctx.lang, ['驾驶舱明细.xlsx', 'cockpit-records.xlsx'], [sheet({ name: ['明细', 'Records'], columns, rows: rows() })]);
}

/* ── the completion ranking ─────────────────────────────────────────────────────────────── */

/** Published to the whole region: every unit with a target, by completion within its kind. */
export async function completionRanking(ctx: RequestContext, q: CompletionRankingQuery): Promise<CompletionRanking> {
  const year = q.year ?? shanghaiYear();
  const indicator = q.indicator ?? 'enterprises_introduced';
  const units = await repo.regionUnits(ctx);
  const targets = await repo.listTargets(ctx, { year, indicator });
  const totals = await regionTotals(ctx, year, indicator);
  return { year, indicator, timeProgress: dayFraction(year, shanghaiDate()), groups: rankByKind(units, targets, totals, indicator) };
}

/* ── targets ────────────────────────────────────────────────────────────────────────────── */

export async function listTargets(ctx: RequestContext, q: TargetsQuery): Promise<{ items: TargetRow[] }> {
  const year = q.year ?? shanghaiYear();
  if (q.unitId !== undefined && !ctx.scope.unitIds.includes(q.unitId)) throw new AppError(404, 'not_found', {}, { unitId: 'not_found' });
  // sequential: bulletins read targets inside a job's transaction (one connection)
  const units = await repo.regionUnits(ctx);
  const targets = await repo.listTargets(ctx, { year, indicator: q.indicator, units: q.unitId !== undefined ? [q.unitId] : ctx.scope.unitIds });
  const totals = await regionTotals(ctx, year, q.indicator);
  return { items: targetRows(units, targets, totals) };
}

export function targetRows(units: repo.RegionUnit[], targets: repo.TargetRecord[], totals: Map<string, number>): TargetRow[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const today = shanghaiDate();
  return targets
    .filter((t) => byId.has(t.unitId))
    .map((t) => {
      const u = byId.get(t.unitId)!;
      const actual = subtree(units, u).reduce((s, x) => s + (totals.get(`${x.id}|${t.indicator}`) ?? 0), 0);
      return {
        unitId: t.unitId,
        unitName: u.name,
        unitKind: u.kind,
        indicator: t.indicator,
        year: t.year,
        annual: t.annual,
        split: t.split,
        parts: t.parts,
        actual,
        completion: t.annual > 0 ? actual / t.annual : null,
        timeProgress: t.annual > 0 ? dueByToday(t, today) / t.annual : dayFraction(t.year, today),
        updatedAt: t.updatedAt,
      };
    })
    .sort((a, b) => (byId.get(a.unitId)!.sortOrder - byId.get(b.unitId)!.sortOrder) || a.unitId - b.unitId || INDICATOR_CODES.indexOf(a.indicator) - INDICATOR_CODES.indexOf(b.indicator));
}

/** The field errors of a target's split, or null when it is whole. */
export function checkTargetParts(t: Pick<SetTarget, 'annual' | 'split' | 'parts'>): Record<string, 'target_parts_none' | 'target_parts_quarter' | 'target_parts_month' | 'target_parts_sum'> | null {
  const parts = t.parts ?? [];
  if (t.split === 'none') return parts.length ? { parts: 'target_parts_none' } : null;
  const want = t.split === 'quarter' ? 4 : 12;
  if (parts.length !== want) return { parts: t.split === 'quarter' ? 'target_parts_quarter' : 'target_parts_month' };
  if (parts.reduce((a, b) => a + b, 0) !== t.annual) return { parts: 'target_parts_sum' };
  return null;
}

const targetKey = (t: TargetKey) => `${t.unitId}:${t.indicator}:${t.year}`;

export async function setTarget(ctx: RequestContext, input: SetTarget): Promise<TargetRow> {
  if (!ctx.scope.unitIds.includes(input.unitId)) throw new AppError(404, 'not_found', {}, { unitId: 'not_found' });
  const bad = checkTargetParts(input);
  if (bad) throw new AppError(400, 'validation_failed', {}, bad);
  const before = await repo.findTarget(ctx, input);
  await repo.saveTarget(ctx, input);
  await audit(ctx, { action: before ? 'update' : 'create', entity: 'target', entityId: targetKey(input), unitId: input.unitId, before: before ?? null, after: input });
  // one connection in a transaction: one query at a time
  const units = await repo.regionUnits(ctx);
  const saved = await repo.findTarget(ctx, input);
  const totals = await regionTotals(ctx, input.year, input.indicator);
  return targetRows(units, [saved!], totals)[0]!;
}

export async function deleteTarget(ctx: RequestContext, key: TargetKey) {
  if (!ctx.scope.unitIds.includes(key.unitId)) throw new AppError(404, 'not_found', {}, { unitId: 'not_found' });
  const before = await repo.findTarget(ctx, key);
  if (!before) throw notFound();
  await repo.deleteTarget(ctx, key);
  await audit(ctx, { action: 'delete', entity: 'target', entityId: targetKey(key), unitId: key.unitId, before });
  return { ok: true as const };
}

/* ── FX ─────────────────────────────────────────────────────────────────────────────────── */

export const listFxRates = async (ctx: RequestContext) => ({ items: await repo.listFxRates(ctx) });

/** A dated rate, set or corrected; the facts converted with rates are recomputed at once. */
export async function setFxRate(ctx: RequestContext, input: FxRate) {
  const before = (await repo.listFxRates(ctx, input.currency)).find((r) => r.onDate === input.onDate) ?? null;
  await repo.saveFxRate(ctx, input);
  const projects = await facts.projectsUsingFx(ctx);
  for (let i = 0; i < projects.length; i += 500) await facts.syncProjects(ctx, projects.slice(i, i + 500));
  await audit(ctx, { action: before ? 'update' : 'create', entity: 'fx_rate', entityId: `${input.currency}:${input.onDate}`, unitId: ctx.scope.regionId, before, after: input });
  return listFxRates(ctx);
}

/* ── rebuild ────────────────────────────────────────────────────────────────────────────── */

export async function rebuild(ctx: RequestContext): Promise<RebuildResult> {
  const r = await facts.rebuildRegion(ctx, ctx.scope.regionId);
  await audit(ctx, { action: 'rebuild', entity: 'assessment_facts', entityId: ctx.scope.regionId, unitId: ctx.scope.regionId, after: r });
  return { ...r, entriesAppended: 0 };
}
