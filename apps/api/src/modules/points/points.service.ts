import {
  DEFAULT_SCORING_RULES,
  isRealDate,
  previousPeriod,
  rankWithTies,
  type CalendarPeriod,
  POINT_EVENTS,
  type CreateRuleVersion,
  type PeopleRanking,
  type PointList,
  type PointsQuery,
  type RankingQuery,
  type RebuildResult,
  type RuleVersion,
  type UnitRanking,
} from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import type { FileResult } from '../../platform/http.js';
import { exportWorkbook, pick, sheet, type Bilingual, type Column } from '../../platform/excel.js';
import { projectFacts, type ProjectChange, type ProjectFacts } from '../projects/index.js';
import * as repo from './points.repository.js';
import { diffLedger, scoreProject, type DesiredEntry, type ProjectFacts as ScoredFacts } from './scoring.js';
import { currentMonthKey, monthRange, rankingPeriod } from './ranking-periods.js';

/** Who changes the scoring rules; a rebuild is the administrator's. */
export const RULE_ROLES = ['admin', 'manager'] as const;
export const REBUILD_ROLES = ['admin'] as const;

/** Points travel as points (hundredths are stored): 12.5 */
const pts = (hundredths: number) => hundredths / 100;

// ── the ledger: computed from the records, appended as differences ──

export type SyncResult = { projects: number; changedKeys: number; appended: number };

/**
 * Brings the live ledger of the selected projects to what the scoring function says they
 * deserve: only differences are appended (reversal + new entry), so running it twice appends
 * nothing the second time, and running it on a whole region is the rebuild.
 */
export async function syncLedger(h: repo.DbHandle, sel: repo.Selection): Promise<SyncResult> {
  const versions = await repo.ruleVersions(h, sel.regionId);
  const facts = await loadScoredFacts(h, sel);
  const desired: (DesiredEntry & { projectId: number })[] = [];
  for (const p of facts) for (const d of scoreProject(p, versions)) desired.push({ ...d, projectId: p.id });
  const live = await repo.liveEntries(h, sel);
  const { reverse, enter, changedKeys } = diffLedger(desired, live);
  const appended = await repo.appendEntries(h, sel.regionId, reverse, enter);
  return { projects: facts.length, changedKeys, appended };
}

/** What the scoring function reads of a project. */
function scored(p: ProjectFacts): ScoredFacts {
  const { investmentMinor, investmentCurrency, stage: _stage, ...rest } = p;
  // 1万元 = 1,000,000 分; a foreign-currency investment earns no size factor (no dated rate here)
  return { ...rest, investmentWanCny: investmentMinor !== null && investmentCurrency === 'CNY' ? investmentMinor / 1_000_000 : null };
}

/** The selected projects' facts (through the projects module), as the scoring function reads them. */
export async function loadScoredFacts(h: repo.DbHandle, sel: repo.Selection): Promise<ScoredFacts[]> {
  return (await projectFacts.loadProjectFacts(h.db, sel.projectIds ? { projectIds: sel.projectIds } : { regionId: sel.regionId })).map(scored);
}

/** The project-change listener: re-scores the one project, inside the command's transaction. */
export async function onProjectChange(ctx: RequestContext, { projectId, change }: { projectId: number; change: ProjectChange }): Promise<void> {
  if (change === 'activity') return; // activities do not score
  const regionId = await projectFacts.regionOfProject(ctx.db, projectId);
  if (regionId === undefined) return;
  await repo.lockRegion(ctx, regionId, false);
  await syncLedger(ctx, { regionId, projectIds: [projectId] });
}

/** A whole region from scratch: the rebuild, and the demo seed's last step. */
export async function rebuildRegion(h: repo.DbHandle, regionId: number): Promise<RebuildResult> {
  await repo.lockRegion(h, regionId, true);
  const r = await syncLedger(h, { regionId });
  await repo.rebuildRollups(h, regionId);
  return { projects: r.projects, factsChanged: r.changedKeys, entriesAppended: r.appended };
}

export async function rebuild(ctx: RequestContext): Promise<RebuildResult> {
  const result = await rebuildRegion(ctx, ctx.scope.regionId);
  await audit(ctx, { action: 'rebuild', entity: 'points_ledger', entityId: ctx.scope.regionId, unitId: ctx.scope.regionId, after: result });
  return result;
}

// ── rule versions ──

export async function listRules(ctx: RequestContext): Promise<{ items: RuleVersion[] }> {
  return { items: await repo.ruleVersions(ctx, ctx.scope.regionId) };
}

/** Records a version and re-scores every event on or after its effective date (earlier events keep theirs). */
export async function createRule(ctx: RequestContext, input: CreateRuleVersion): Promise<{ version: number; rescoredEntries: number }> {
  if (!isRealDate(input.effectiveFrom) || input.effectiveFrom < '2000-01-01' || input.effectiveFrom > '2100-12-31') {
    throw new AppError(400, 'validation_failed', {}, { effectiveFrom: 'invalid_value' });
  }
  const regionId = ctx.scope.regionId;
  await repo.lockRegion(ctx, regionId, true);
  const version = await repo.insertRuleVersion(ctx, { regionId, effectiveFrom: input.effectiveFrom, rules: input.rules, note: input.note, createdBy: ctx.user.id });
  const r = await syncLedger(ctx, { regionId });
  await audit(ctx, {
    action: 'create',
    entity: 'scoring_rules',
    entityId: version,
    unitId: regionId,
    after: { version, effectiveFrom: input.effectiveFrom, note: input.note, rules: input.rules, rescoredEntries: r.changedKeys, entriesAppended: r.appended },
  });
  return { version, rescoredEntries: r.changedKeys };
}

// ── rankings ──

const byPoints = (x: { points: number }) => x.points;

function periodOf(key: string | undefined): CalendarPeriod {
  const p = rankingPeriod(key ?? currentMonthKey());
  if (!p) throw new AppError(400, 'validation_failed', {}, { period: 'invalid_value' });
  return p;
}

export async function unitRanking(ctx: RequestContext, q: RankingQuery): Promise<UnitRanking> {
  const period = periodOf(q.period);
  const previous = previousPeriod(period);
  const cur = monthRange(period);
  const prev = monthRange(previous);
  const units = await repo.rankedUnits(ctx, q.kind);
  const now = await repo.unitTotals(ctx, cur.firstMonth, cur.lastMonth);
  const before = await repo.unitTotals(ctx, prev.firstMonth, prev.lastMonth);
  const groups: UnitRanking['groups'] = [];
  for (const kind of repo.RANKED_KINDS) {
    const members = units.filter((u) => u.kind === kind);
    if (!members.length) continue;
    const prevRanked = rankWithTies(members.map((u) => ({ unitId: u.unitId, points: before.get(u.unitId) ?? 0 })), byPoints);
    // a group where nobody scored last period had no ranking then
    const hadRanking = prevRanked.some((x) => x.points !== 0);
    const prevRank = new Map(prevRanked.map((x) => [x.unitId, x.rank]));
    const items = rankWithTies(members.map((u) => ({ unitId: u.unitId, unitName: u.unitName, points: now.get(u.unitId) ?? 0 })), byPoints).map((x) => {
      const previousRank = hadRanking ? (prevRank.get(x.unitId) ?? null) : null;
      return { ...x, points: pts(x.points), previousRank, change: previousRank === null ? null : previousRank - x.rank };
    });
    groups.push({ kind, items });
  }
  return { period: period.key, previous: previous.key, groups };
}

export async function peopleRanking(ctx: RequestContext, q: Pick<RankingQuery, 'period'>): Promise<PeopleRanking> {
  const period = periodOf(q.period);
  const previous = previousPeriod(period);
  const cur = monthRange(period);
  const prev = monthRange(previous);
  const now = await repo.personTotals(ctx, cur.firstMonth, cur.lastMonth);
  const before = new Map(rankWithTies(await repo.personTotals(ctx, prev.firstMonth, prev.lastMonth), byPoints).map((x) => [x.userId, x.rank]));
  const items = rankWithTies(now, byPoints).map((x) => {
    const previousRank = before.get(x.userId) ?? null;
    return { userId: x.userId, displayName: x.displayName, unitName: x.unitName, points: pts(x.points), rank: x.rank, previousRank, change: previousRank === null ? null : previousRank - x.rank };
  });
  return { period: period.key, previous: previous.key, items };
}

/** Points rankings of units (by kind) and of people for a ranking period (month, quarter or year key). */
export async function pointsRankings(ctx: RequestContext, period: string) {
  // one after the other: a transaction is one connection
  const units = await unitRanking(ctx, { period });
  const people = await peopleRanking(ctx, { period });
  return { units, people };
}

// ── the points list ──

const encodeCursor = (onDate: string, id: number) => Buffer.from(JSON.stringify([onDate, id])).toString('base64url');
function decodeCursor(c: string): [string, number] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString()) as unknown;
    if (Array.isArray(v) && isRealDate(v[0]) && Number.isSafeInteger(v[1])) return [v[0], v[1] as number];
  } catch {
    /* falls through */
  }
  throw new AppError(400, 'validation_failed', {}, { cursor: 'invalid_value' });
}

function filterOf(q: PointsQuery): repo.PointsFilter {
  const range = q.period ? periodOf(q.period) : undefined;
  return { unitId: q.unitId, userId: q.userId, projectId: q.projectId, fromDay: range?.start, toDay: range?.end };
}

export async function listPoints(ctx: RequestContext, q: PointsQuery): Promise<PointList> {
  const f = filterOf(q);
  const limit = q.limit ?? 50;
  const rows = await repo.listEntries(ctx, f, { after: q.cursor ? decodeCursor(q.cursor) : undefined, limit: limit + 1 });
  const { total, sum } = await repo.countEntries(ctx, f);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...r, points: pts(r.points) })),
    total,
    sum: pts(sum),
    nextCursor: rows.length > limit && last ? encodeCursor(last.onDate, last.id) : null,
  };
}

// ── Excel ──

const KIND_NAMES: Record<string, Bilingual> = {
  department: ['部门', 'Departments'],
  township: ['镇街', 'Townships'],
  park: ['园区', 'Parks'],
  state_company: ['国有企业', 'State companies'],
};

const rankColumns = <R>(previous: string, who: Column<R>[]): Column<R>[] => [
  { key: 'rank', header: ['名次', 'Rank'], width: 6 },
  ...who,
  { key: 'points', header: ['积分', 'Points'], width: 10, kind: 'number' },
  { key: 'previousRank', header: [`上期名次（${previous}）`, `Previous rank (${previous})`], width: 18 },
  { key: 'change', header: ['名次变化', 'Change'], width: 10 },
];

export async function exportUnitRanking(ctx: RequestContext, q: RankingQuery): Promise<FileResult> {
  const r = await unitRanking(ctx, q);
  const columns = rankColumns<UnitRanking['groups'][number]['items'][number]>(r.previous, [{ key: 'unitName', header: ['单位', 'Unit'], width: 28 }]);
  const sheets = r.groups.map((g) => sheet({ name: KIND_NAMES[g.kind] ?? [g.kind, g.kind], columns, rows: g.items }));
  if (!sheets.length) sheets.push(sheet({ name: ['排名', 'Ranking'], columns, rows: [] }));
  return exportWorkbook(ctx.lang, [`单位积分排名_${r.period}.xlsx`, `unit-ranking-${r.period}.xlsx`], sheets);
}

export async function exportPeopleRanking(ctx: RequestContext, q: Pick<RankingQuery, 'period'>): Promise<FileResult> {
  const r = await peopleRanking(ctx, q);
  const columns = rankColumns<PeopleRanking['items'][number]>(r.previous, [
    { key: 'displayName', header: ['姓名', 'Name'], width: 14 },
    { key: 'unitName', header: ['单位', 'Unit'], width: 28 },
  ]);
  return exportWorkbook(ctx.lang, [`个人积分排名_${r.period}.xlsx`, `people-ranking-${r.period}.xlsx`], [sheet({ name: ['个人积分排名', 'People'], columns, rows: r.items })]);
}

const EVENT_NAMES: Record<(typeof POINT_EVENTS)[number], Bilingual> = {
  lead_accepted: ['首报线索受理', 'Lead accepted'],
  signed: ['签约', 'Signed'],
  registered: ['落地', 'Registered'],
  construction: ['开工', 'Construction'],
  production: ['投产', 'Production'],
  capital: ['资金到位', 'Capital in place'],
};
const MULT_NAMES: Record<'size' | 'priority_industry' | 'key_block', Bilingual> = { size: ['规模', 'size'], priority_industry: ['重点产业', 'priority industry'], key_block: ['重点区块', 'key block'] };
const CAPITAL_UNITS: Record<'usd' | 'cny', Bilingual> = { usd: ['万美元', ' 10k USD'], cny: ['万元', ' 10k CNY'] };

/** How an entry was computed, in words: 500万元 × 0.2 × 1.5 (重点产业) × 60% */
function computation(lang: RequestContext['lang'], e: repo.ListedEntry['explanation']): string {
  const base = e.capital ? `${e.capital.amountWan}${pick(lang, CAPITAL_UNITS[e.capital.category === 'foreign_usd' ? 'usd' : 'cny'])} × ${e.capital.perWan}` : String(e.base);
  return [base, ...e.multipliers.map((m) => `× ${m.factor} (${pick(lang, MULT_NAMES[m.kind])})`), `× ${e.shareBp / 100}%`].join(' ');
}

const POINTS_COLUMNS: Column<repo.ListedEntry>[] = [
  { key: 'onDate', header: ['日期', 'Date'], width: 12, kind: 'date' },
  { key: 'unitName', header: ['单位', 'Unit'], width: 24 },
  { key: 'userName', header: ['人员', 'Person'], width: 12 },
  { key: 'projectName', header: ['项目', 'Project'], width: 36 },
  { key: 'event', header: ['事件', 'Event'], width: 14 },
  { key: 'points', header: ['积分', 'Points'], width: 10, kind: 'number', value: (r) => pts(r.points) },
  { key: 'ruleVersion', header: ['规则版本', 'Rule version'], width: 10, value: (r) => r.explanation.ruleVersion },
  { key: 'how', header: ['计算', 'Computation'], width: 48 },
  { key: 'reversesId', header: ['冲销', 'Reverses'], width: 10 },
];

export async function exportPoints(ctx: RequestContext, q: PointsQuery): Promise<FileResult> {
  const f = filterOf(q);
  const rows = async function* () {
    let after: [string, number] | undefined;
    for (;;) {
      const page = await repo.listEntries(ctx, f, { after, limit: 500 });
      yield* page;
      if (page.length < 500) break;
      const last = page[page.length - 1]!;
      after = [last.onDate, last.id];
    }
  };
  const columns = POINTS_COLUMNS.map((c) =>
    c.key === 'event' ? { ...c, value: (r: repo.ListedEntry) => pick(ctx.lang, EVENT_NAMES[r.explanation.event]) } : c.key === 'how' ? { ...c, value: (r: repo.ListedEntry) => computation(ctx.lang, r.explanation) } : c,
  );
  return exportWorkbook(ctx.lang, ['积分明细.xlsx', 'points.xlsx'], [sheet({ name: ['积分明细', 'Points'], columns, rows: rows() })]);
}

/** The demo: the default rule version (effective 2020-01-01) and the ledger of the seeded projects. */
export async function seedPoints(h: repo.DbHandle, regionId: number): Promise<RebuildResult> {
  await repo.insertRuleVersion(h, { regionId, effectiveFrom: '2020-01-01', rules: DEFAULT_SCORING_RULES, note: '默认计分规则 Default scoring rules', createdBy: null });
  return rebuildRegion(h, regionId);
}
