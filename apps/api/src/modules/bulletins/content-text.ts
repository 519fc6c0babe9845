import type { BulletinContent, IndicatorCode, IndicatorUnit, UnitKind } from '@wutong/contracts';
import { dateZh, headlineUnit, headlineValue, monthDayZh, pct, yi } from './format.js';

/** Text and table shapes shared by the Word, Excel and in-app renderings of a bulletin. */

/** The indicators whose completion rates are ranked, the first one leading the order. */
export const RANKED_INDICATORS: readonly IndicatorCode[] = [
  'enterprises_introduced',
  'registered_capital',
  'foreign_capital_used',
  'domestic_capital_in_place',
  'zhejiang_capital_in_place',
];

/** The order kinds of unit are listed in: townships first, as the article reads. */
export const KIND_ORDER: readonly UnitKind[] = ['township', 'department', 'park', 'state_company', 'lead_group', 'other', 'region'];

export const pointsFmt = (p: number) => p.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

export type CompletionKindTable = {
  kind: UnitKind;
  leadName: string;
  leadUnit: IndicatorUnit;
  timeProgress: number;
  others: { indicator: IndicatorCode; name: string }[];
  rows: { rank: number; unitId: number; unitName: string; actual: number; target: number; completion: number | null; others: (number | null)[] }[];
};

/** Per kind of unit: the units ranked by the leading indicator's completion, with the other indicators' rates beside. */
export function completionByKind(c: Pick<BulletinContent, 'completionRankings'>): CompletionKindTable[] {
  const rankings = RANKED_INDICATORS.map((code) => c.completionRankings.find((r) => r.indicator === code)).filter((r) => !!r);
  const lead = rankings[0];
  if (!lead) return [];
  const others = rankings.slice(1);
  const out: CompletionKindTable[] = [];
  for (const kind of KIND_ORDER) {
    const group = lead.groups.find((g) => g.kind === kind);
    if (!group?.items.length) continue;
    out.push({
      kind,
      leadName: lead.name,
      leadUnit: lead.unit,
      timeProgress: lead.timeProgress,
      others: others.map((o) => ({ indicator: o.indicator, name: o.name })),
      rows: group.items.map((r) => ({
        ...r,
        others: others.map((o) => o.groups.find((g) => g.kind === kind)?.items.find((x) => x.unitId === r.unitId)?.completion ?? null),
      })),
    });
  }
  return out;
}

/** 一、总体进展 in sentences, from the figures. */
export function overviewSentences(c: BulletinContent): string[] {
  const by = new Map(c.overall.indicators.map((i) => [i.indicator, i]));
  const phrase = (code: IndicatorCode, verb: string) => {
    const i = by.get(code);
    if (!i) return null;
    const v = `${verb}${headlineValue(i.unit, i.actual)}${headlineUnit(i.unit)}`;
    return i.target ? `${v}，完成年度目标的${pct(i.completion)}` : v;
  };
  const parts = [
    phrase('enterprises_introduced', '引进企业'),
    phrase('registered_capital', '注册资金'),
    phrase('foreign_capital_used', '实际利用外资'),
    phrase('domestic_capital_in_place', '市外内资到位资金'),
    phrase('zhejiang_capital_in_place', '浙商回归到位资金'),
  ].filter(Boolean);
  const out: string[] = [];
  out.push(`截至${dateZh(c.periodEnd)}，全区累计${parts.join('；')}；年度序时进度为${pct(c.overall.timeProgress)}。`);
  const span = c.kind === 'monthly' ? `${Number(c.periodStart.slice(5, 7))}月当月` : `本周（${monthDayZh(c.periodStart)}至${monthDayZh(c.periodEnd)}）`;
  const inPeriod = (code: IndicatorCode) => by.get(code)?.inPeriod ?? 0;
  out.push(
    `${span}，新签约项目${c.signings.count}个、签约投资额${yi(c.signings.totalCny)}亿元；新落地企业${c.landings.count}家、注册资金${yi(c.landings.totalCny)}亿元；新开工项目${inPeriod('construction_projects')}个，新投产项目${inPeriod('production_projects')}个。`,
  );
  const behind = c.overall.indicators.filter((i) => i.target && i.completion !== null && i.completion < i.timeProgress).map((i) => i.name);
  if (behind.length) out.push(`${behind.join('、')}完成率低于序时进度，相关单位要对照目标查找差距、加快推进。`);
  else if (c.overall.indicators.some((i) => i.target)) out.push('各项有目标的指标完成率均达到序时进度。');
  return out;
}
