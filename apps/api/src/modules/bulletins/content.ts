import {
  INDICATORS,
  INDICATOR_BY_CODE,
  type BulletinContent,
  type BulletinProjectRow,
  type Fact,
  type SnapshotData,
} from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { completionAsOf, factsBetween, regionFiguresAsOf, regionUnits, regionValuesBetween, targetAsOf, targetsOf, timeProgressAsOf } from '../assessment/index.js';
import { pointsRankings } from '../points/index.js';
import type { BulletinPeriodInfo } from './periods.js';
import { overdueItems, redLightProjects } from './sources.js';
import { collectSections } from './sections.js';
import { RANKED_INDICATORS, overviewSentences } from './content-text.js';

/**
 * Computes a bulletin's content for a period, as of its last day, for the whole region (`rctx` is
 * a region context). A monthly bulletin cites its month's assessment snapshot: its rankings and
 * adjustments are the frozen ones. The overall figures are the cockpit's, year to date at the end
 * of the period; the lists are the records of the period.
 */

export type ContentInput = {
  period: BulletinPeriodInfo;
  issueNo: number;
  issuingBody: string;
  masthead: string;
  title: string;
  date: string;
  notes: string;
  snapshot: { id: number; period: string; frozenAt: string; checksum: string; data: SnapshotData } | null;
};

/** The title from the pattern: {region}, {period} (2026年4月 / 2026年第18周), {kind} (月度 / 周). */
export function titleOf(pattern: string, regionName: string, p: BulletinPeriodInfo): string {
  const short = p.kind === 'monthly' ? p.label : p.label.replace(/（.*$/, '');
  return pattern.replaceAll('{region}', regionName).replaceAll('{period}', short).replaceAll('{kind}', p.kind === 'monthly' ? '月度' : '周');
}

/** Signings or landings: one row per project, the amount from the money facts of the same projects. */
function projectRows(counted: Fact[], money: Fact[]): { rows: BulletinProjectRow[]; totalCny: number } {
  const amount = new Map<number, number>();
  for (const f of money) amount.set(f.projectId, (amount.get(f.projectId) ?? 0) + f.value);
  const seen = new Set<number>();
  const rows: BulletinProjectRow[] = [];
  for (const f of counted) {
    if (seen.has(f.projectId)) continue;
    seen.add(f.projectId);
    rows.push({ projectId: f.projectId, projectName: f.projectName, enterpriseName: f.enterpriseName, unitName: f.unitName, onDate: f.onDate, amount: amount.get(f.projectId) ?? 0, currency: 'CNY' });
  }
  // money facts of projects not counted (a correction dated in the period): still in the total
  for (const f of money) {
    if (seen.has(f.projectId)) continue;
    seen.add(f.projectId);
    rows.push({ projectId: f.projectId, projectName: f.projectName, enterpriseName: f.enterpriseName, unitName: f.unitName, onDate: f.onDate, amount: amount.get(f.projectId) ?? 0, currency: 'CNY' });
  }
  rows.sort((a, b) => b.amount - a.amount || a.onDate.localeCompare(b.onDate) || a.projectId - b.projectId);
  return { rows, totalCny: [...amount.values()].reduce((a, b) => a + b, 0) };
}

export async function buildContent(rctx: RequestContext, input: ContentInput, now: Date): Promise<BulletinContent> {
  const p = input.period;
  const asOf = p.end;
  const year = Number(asOf.slice(0, 4));
  const units = await regionUnits(rctx);

  // 一、总体进展: the cockpit's figures, year to date at the end of the period
  const figures = await regionFiguresAsOf(rctx, asOf);
  const inPeriod = await regionValuesBetween(rctx, p.start, p.end, figures.cockpit);
  const targets = await targetsOf(rctx, year);
  const indicators = INDICATORS.map((def) => {
    const t = targetAsOf(units, targets, rctx.scope.regionId, def.code, asOf);
    const actual = figures.ytd[def.code];
    return {
      indicator: def.code,
      name: def.zh,
      unit: def.unit,
      actual,
      inPeriod: inPeriod[def.code],
      target: t ? t.annual : null,
      completion: t && t.annual > 0 ? actual / t.annual : null,
      timeProgress: timeProgressAsOf(t, asOf),
    };
  }).filter((i) => i.actual !== 0 || i.inPeriod !== 0 || i.target !== null || RANKED_INDICATORS.includes(i.indicator));
  const lead = targetAsOf(units, targets, rctx.scope.regionId, 'enterprises_introduced', asOf);

  // 二、rankings: frozen (monthly, from the snapshot) or month to date (weekly)
  let completionRankings: BulletinContent['completionRankings'];
  let pointsRanking: BulletinContent['pointsRanking'];
  let adjustments: BulletinContent['adjustments'] = [];
  if (input.snapshot) {
    const s = input.snapshot.data;
    completionRankings = s.completion;
    pointsRanking = { period: s.unitRanking.period, previous: s.unitRanking.previous, groups: s.unitRanking.groups, people: s.peopleRanking.slice(0, 20).map(({ userId: _u, ...x }) => x) };
    adjustments = s.adjustments;
  } else {
    completionRankings = (await completionAsOf(rctx, units, asOf)).map((c) => {
      const def = INDICATOR_BY_CODE[c.indicator];
      return { indicator: c.indicator, name: def.zh, unit: def.unit, timeProgress: c.timeProgress, groups: c.groups };
    });
    const r = await pointsRankings(rctx, asOf.slice(0, 7));
    pointsRanking = {
      period: r.units.period,
      previous: r.units.previous,
      groups: r.units.groups.map((g) => ({ kind: g.kind, items: g.items.map((x) => ({ rank: x.rank, unitId: x.unitId, unitName: x.unitName, points: x.points, previousRank: x.previousRank, change: x.change })) })),
      people: r.people.items.slice(0, 20).map((x) => ({ rank: x.rank, displayName: x.displayName, unitName: x.unitName, points: x.points })),
    };
  }

  // 三、signings and landings of the period
  const signings = projectRows(await factsBetween(rctx, 'signed_projects', p.start, p.end), await factsBetween(rctx, 'signed_investment', p.start, p.end));
  const landings = projectRows(await factsBetween(rctx, 'enterprises_introduced', p.start, p.end), await factsBetween(rctx, 'registered_capital', p.start, p.end));

  // 四、problems to act on, as of the day the bulletin is drawn up (截至通报日): red lights describe
  // the present; coordination items are read from their history at the end of that day
  const red = await redLightProjects(rctx);
  const overdue = await overdueItems(rctx, input.date);

  const basis =
    `年度累计为${year}年1月1日至${asOf}的数据，与驾驶舱同口径（按签约、注册、开工、投产日期及资金到位日期计）；完成率=年度累计÷年度目标，序时进度按目标分解（未分解的按日历天数）计算；` +
    `签约投资额、注册资金以人民币计（外币按所在日期汇率折算），实际利用外资以美元计；` +
    (input.snapshot ? `排名引用${input.snapshot.period}考核快照；` : p.kind === 'weekly' ? `积分排名为本周末所在月份（${asOf.slice(0, 7)}）截至通报生成时的积分；` : '') +
    `红灯项目、超期协调事项为截至通报日（${input.date}）的状态。`;

  const content: BulletinContent = {
    version: 1,
    regionName: rctx.user.regionName,
    kind: p.kind,
    period: p.period,
    periodLabel: p.label,
    periodStart: p.start,
    periodEnd: p.end,
    year: p.year,
    issueNo: input.issueNo,
    issuingBody: input.issuingBody,
    masthead: input.masthead,
    title: input.title,
    date: input.date,
    generatedAt: now.toISOString(),
    snapshot: input.snapshot ? { id: input.snapshot.id, period: input.snapshot.period, frozenAt: input.snapshot.frozenAt, checksum: input.snapshot.checksum } : null,
    basis,
    overall: { timeProgress: timeProgressAsOf(lead, asOf), indicators, summary: [] },
    completionRankings,
    pointsRanking,
    adjustments,
    signings: { count: signings.rows.length, totalCny: signings.totalCny, items: signings.rows },
    landings: { count: landings.rows.length, totalCny: landings.totalCny, items: landings.rows },
    redLights: {
      count: red.length,
      items: red.map((x) => ({ projectId: x.id, projectName: x.name, enterpriseName: x.enterpriseName, unitName: x.unitName, stage: x.stage, reason: x.lightReasons.join('；') })),
    },
    overdueItems: {
      count: overdue.length,
      items: overdue.map((x) => ({
        id: x.id,
        title: x.title,
        projectName: x.projectName,
        category: x.category,
        level: x.level,
        leadUnitName: x.leadUnitName ?? x.projectUnitName,
        dueOn: x.dueDate,
        daysOverdue: x.overdueDays,
      })),
    },
    notes: input.notes,
    sections: await collectSections(rctx, p),
  };
  content.overall.summary = overviewSentences(content);
  return content;
}

