import {
  DEFAULT_SCORING_RULES,
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
import type { ProjectChange } from '../projects/project-changed.js';
import * as repo from './points.repository.js';
import { diffLedger, isRealDate, scoreProject, type DesiredEntry } from './scoring.js';
import { competitionRanks, currentMonthKey, dayRange, monthRange, parsePeriod, previousPeriod, type Period } from './periods.js';

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
  const facts = await repo.loadFacts(h, sel);
  const desired: (DesiredEntry & { projectId: number })[] = [];
  for (const p of facts) for (const d of scoreProject(p, versions)) desired.push({ ...d, projectId: p.id });
  const live = await repo.liveEntries(h, sel);
  const { reverse, enter, changedKeys } = diffLedger(desired, live);
  const appended = await repo.appendEntries(h, sel.regionId, reverse, enter);
  return { projects: facts.length, changedKeys, appended };
}

/** The project-change listener: re-scores the one project, inside the command's transaction. */
export async function onProjectChange(ctx: RequestContext, projectId: number, change: ProjectChange): Promise<void> {
  if (change === 'activity') return; // activities do not score
  const regionId = await repo.projectRegion(ctx, projectId);
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

function periodOf(key: string | undefined): Period {
  const p = parsePeriod(key ?? currentMonthKey());
  if (!p || p.year < 2000 || p.year > 2100) throw new AppError(400, 'validation_failed', {}, { period: 'invalid_value' });
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
    const prevRanked = competitionRanks(members.map((u) => ({ unitId: u.unitId, points: before.get(u.unitId) ?? 0 })));
    // a group where nobody scored last period had no ranking then
    const hadRanking = prevRanked.some((x) => x.points !== 0);
    const prevRank = new Map(prevRanked.map((x) => [x.unitId, x.rank]));
    const items = competitionRanks(members.map((u) => ({ unitId: u.unitId, unitName: u.unitName, points: now.get(u.unitId) ?? 0 }))).map((x) => {
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
  const before = new Map(competitionRanks(await repo.personTotals(ctx, prev.firstMonth, prev.lastMonth)).map((x) => [x.userId, x.rank]));
  const items = competitionRanks(now).map((x) => {
    const previousRank = before.get(x.userId) ?? null;
    return { userId: x.userId, displayName: x.displayName, unitName: x.unitName, points: pts(x.points), rank: x.rank, previousRank, change: previousRank === null ? null : previousRank - x.rank };
  });
  return { period: period.key, previous: previous.key, items };
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
  const range = q.period ? dayRange(periodOf(q.period)) : undefined;
  return { unitId: q.unitId, userId: q.userId, projectId: q.projectId, fromDay: range?.fromDay, toDay: range?.toDay };
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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook() {
  // loaded on first export, like the projects' export
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.Workbook();
}

export async function exportUnitRanking(ctx: RequestContext, q: RankingQuery): Promise<FileResult> {
  const zh = ctx.lang !== 'en-US';
  const r = await unitRanking(ctx, q);
  const wb = await workbook();
  for (const g of r.groups) {
    const ws = wb.addWorksheet((KIND_NAMES[g.kind] ?? [g.kind, g.kind])[zh ? 0 : 1]);
    ws.columns = [
      { header: zh ? '名次' : 'Rank', key: 'rank', width: 6 },
      { header: zh ? '单位' : 'Unit', key: 'unitName', width: 28 },
      { header: zh ? '积分' : 'Points', key: 'points', width: 10 },
      { header: zh ? `上期名次（${r.previous}）` : `Previous rank (${r.previous})`, key: 'previousRank', width: 18 },
      { header: zh ? '名次变化' : 'Change', key: 'change', width: 10 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const it of g.items) ws.addRow(it);
  }
  if (!r.groups.length) wb.addWorksheet(zh ? '排名' : 'Ranking');
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), filename: zh ? `单位积分排名_${r.period}.xlsx` : `unit-ranking-${r.period}.xlsx`, contentType: XLSX };
}

export async function exportPeopleRanking(ctx: RequestContext, q: Pick<RankingQuery, 'period'>): Promise<FileResult> {
  const zh = ctx.lang !== 'en-US';
  const r = await peopleRanking(ctx, q);
  const wb = await workbook();
  const ws = wb.addWorksheet(zh ? '个人积分排名' : 'People');
  ws.columns = [
    { header: zh ? '名次' : 'Rank', key: 'rank', width: 6 },
    { header: zh ? '姓名' : 'Name', key: 'displayName', width: 14 },
    { header: zh ? '单位' : 'Unit', key: 'unitName', width: 28 },
    { header: zh ? '积分' : 'Points', key: 'points', width: 10 },
    { header: zh ? `上期名次（${r.previous}）` : `Previous rank (${r.previous})`, key: 'previousRank', width: 18 },
    { header: zh ? '名次变化' : 'Change', key: 'change', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const it of r.items) ws.addRow(it);
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), filename: zh ? `个人积分排名_${r.period}.xlsx` : `people-ranking-${r.period}.xlsx`, contentType: XLSX };
}

const KIND_NAMES: Record<string, [string, string]> = {
  department: ['部门', 'Departments'],
  township: ['镇街', 'Townships'],
  park: ['园区', 'Parks'],
  state_company: ['国有企业', 'State companies'],
};

const EVENT_NAMES: Record<(typeof POINT_EVENTS)[number], [string, string]> = {
  lead_accepted: ['首报线索受理', 'Lead accepted'],
  signed: ['签约', 'Signed'],
  registered: ['落地', 'Registered'],
  construction: ['开工', 'Construction'],
  production: ['投产', 'Production'],
  capital: ['资金到位', 'Capital in place'],
};
const MULT_NAMES = { size: ['规模', 'size'], priority_industry: ['重点产业', 'priority industry'], key_block: ['重点区块', 'key block'] } as const;

export async function exportPoints(ctx: RequestContext, q: PointsQuery): Promise<FileResult> {
  const zh = ctx.lang !== 'en-US';
  const i = zh ? 0 : 1;
  const wb = await workbook();
  const ws = wb.addWorksheet(zh ? '积分明细' : 'Points');
  ws.columns = [
    { header: zh ? '日期' : 'Date', key: 'onDate', width: 12 },
    { header: zh ? '单位' : 'Unit', key: 'unitName', width: 24 },
    { header: zh ? '人员' : 'Person', key: 'userName', width: 12 },
    { header: zh ? '项目' : 'Project', key: 'projectName', width: 36 },
    { header: zh ? '事件' : 'Event', key: 'event', width: 14 },
    { header: zh ? '积分' : 'Points', key: 'points', width: 10 },
    { header: zh ? '规则版本' : 'Rule version', key: 'ruleVersion', width: 10 },
    { header: zh ? '计算' : 'Computation', key: 'how', width: 48 },
    { header: zh ? '冲销' : 'Reverses', key: 'reversesId', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const f = filterOf(q);
  let after: [string, number] | undefined;
  for (;;) {
    const rows = await repo.listEntries(ctx, f, { after, limit: 500 });
    for (const r of rows) {
      const e = r.explanation;
      const base = e.capital ? `${e.capital.amountWan}${e.capital.category === 'foreign_usd' ? (zh ? '万美元' : ' 10k USD') : zh ? '万元' : ' 10k CNY'} × ${e.capital.perWan}` : String(e.base);
      const how = [base, ...e.multipliers.map((m) => `× ${m.factor} (${MULT_NAMES[m.kind][i]})`), `× ${e.shareBp / 100}%`].join(' ');
      ws.addRow({ ...r, points: pts(r.points), event: EVENT_NAMES[e.event][i], ruleVersion: e.ruleVersion, how });
    }
    if (rows.length < 500) break;
    const last = rows[rows.length - 1]!;
    after = [last.onDate, last.id];
  }
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), filename: zh ? '积分明细.xlsx' : 'points.xlsx', contentType: XLSX };
}


/** The demo: the default rule version (effective 2020-01-01) and the ledger of the seeded projects. */
export async function seedPoints(h: repo.DbHandle, regionId: number): Promise<RebuildResult> {
  await repo.insertRuleVersion(h, { regionId, effectiveFrom: '2020-01-01', rules: DEFAULT_SCORING_RULES, note: '默认计分规则 Default scoring rules', createdBy: null });
  return rebuildRegion(h, regionId);
}
