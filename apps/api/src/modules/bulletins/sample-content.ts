import type { BulletinContent } from '@wutong/contracts';
import { overviewSentences } from './content-text.js';

/** A hand-written bulletin content for the renderers' unit tests (not used by the app). */
export function sampleContent(): BulletinContent {
  const c = sampleBase();
  c.overall.summary = overviewSentences(c);
  return c;
}

function sampleBase(): BulletinContent {
  const wan = (n: number) => Math.round(n * 1_000_000);
  return {
    version: 1,
    regionName: '海曙区',
    kind: 'monthly',
    period: '2026-04',
    periodLabel: '2026年4月',
    periodStart: '2026-04-01',
    periodEnd: '2026-04-30',
    year: 2026,
    issueNo: 4,
    issuingBody: '海曙区优商招商工作领导小组办公室',
    masthead: '海曙区招商引资工作通报',
    title: '关于2026年4月全区招商引资工作情况的通报',
    date: '2026-05-06',
    generatedAt: '2026-05-06T01:00:00.000Z',
    snapshot: { id: 7, period: '2026-04', frozenAt: '2026-04-30T16:05:00.000Z', checksum: 'a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef' },
    basis: '年度累计为1月1日至4月30日数据；完成率=累计完成÷年度目标；序时进度按目标分解计算。',
    overall: {
      timeProgress: 0.3333,
      indicators: [
        { indicator: 'enterprises_introduced', name: '引进企业数', unit: 'enterprise', actual: 1562, inPeriod: 402, target: 4800, completion: 1562 / 4800, timeProgress: 0.3333 },
        { indicator: 'registered_capital', name: '注册资金', unit: 'cny', actual: wan(1_203_400), inPeriod: wan(310_000), target: wan(3_800_000), completion: 1_203_400 / 3_800_000, timeProgress: 0.3333 },
        { indicator: 'foreign_capital_used', name: '实际利用外资', unit: 'usd', actual: wan(7_650), inPeriod: wan(1_200), target: wan(26_000), completion: 7650 / 26000, timeProgress: 0.3333 },
        { indicator: 'domestic_capital_in_place', name: '市外内资到位资金', unit: 'cny', actual: wan(612_300), inPeriod: wan(150_000), target: wan(1_800_000), completion: 612_300 / 1_800_000, timeProgress: 0.3333 },
        { indicator: 'zhejiang_capital_in_place', name: '浙商回归到位资金', unit: 'cny', actual: wan(350_100), inPeriod: wan(90_000), target: wan(1_000_000), completion: 0.3501, timeProgress: 0.3333 },
        { indicator: 'signed_projects', name: '签约项目数', unit: 'project', actual: 28, inPeriod: 7, target: null, completion: null, timeProgress: 0.3333 },
      ],
      summary: [],
    },
    completionRankings: [
      {
        indicator: 'enterprises_introduced',
        name: '引进企业数',
        unit: 'enterprise',
        timeProgress: 0.3333,
        groups: [
          {
            kind: 'township',
            items: [
              { rank: 1, unitId: 21, unitName: '鼓楼街道', actual: 160, target: 300, completion: 160 / 300 },
              { rank: 2, unitId: 22, unitName: '南门街道', actual: 120, target: 300, completion: 0.4 },
              { rank: 3, unitId: 23, unitName: '集士港镇', actual: 90, target: 300, completion: 0.3 },
            ],
          },
          { kind: 'department', items: [{ rank: 1, unitId: 11, unitName: '区商务局', actual: 80, target: 200, completion: 0.4 }] },
        ],
      },
      {
        indicator: 'registered_capital',
        name: '注册资金',
        unit: 'cny',
        timeProgress: 0.3333,
        groups: [{ kind: 'township', items: [{ rank: 1, unitId: 22, unitName: '南门街道', actual: wan(50_000), target: wan(100_000), completion: 0.5 }] }],
      },
    ],
    pointsRanking: {
      period: '2026-04',
      previous: '2026-03',
      groups: [
        {
          kind: 'township',
          items: [
            { rank: 1, unitId: 21, unitName: '鼓楼街道', points: 1280.5, previousRank: 2, change: 1 },
            { rank: 2, unitId: 22, unitName: '南门街道', points: 1100, previousRank: 1, change: -1 },
            { rank: 3, unitId: 23, unitName: '集士港镇', points: 640.25, previousRank: null, change: null },
          ],
        },
        { kind: 'department', items: [{ rank: 1, unitId: 11, unitName: '区商务局', points: 320, previousRank: 1, change: 0 }] },
      ],
      people: [
        { rank: 1, displayName: '张晓', unitName: '鼓楼街道', points: 410 },
        { rank: 2, displayName: '刘洋', unitName: '区商务局', points: 220 },
      ],
    },
    adjustments: [
      { measure: 'points', indicator: null, againstPeriod: '2026-03', againstSnapshotId: 6, unitId: 22, unitName: '南门街道', kind: 'township', frozen: 1000, live: 980, delta: -20 },
    ],
    signings: {
      count: 2,
      totalCny: wan(152_000),
      items: [
        { projectId: 101, projectName: '宁波智能装备产业化项目', enterpriseName: '宁波智能装备股份有限公司', unitName: '鼓楼街道', onDate: '2026-04-08', amount: wan(120_000), currency: 'CNY' },
        { projectId: 102, projectName: '甬江生物医药研发中心项目', enterpriseName: '甬江生物医药有限公司', unitName: '区商务局', onDate: '2026-04-21', amount: wan(32_000), currency: 'CNY' },
      ],
    },
    landings: {
      count: 1,
      totalCny: wan(5_000),
      items: [{ projectId: 103, projectName: '海曙新材料总部项目', enterpriseName: '宁波海曙新材料有限公司', unitName: '南门街道', onDate: '2026-04-15', amount: wan(5_000), currency: 'CNY' }],
    },
    redLights: { count: 1, items: [{ projectId: 104, projectName: '望春精密制造项目', enterpriseName: '宁波望春精密制造有限公司', unitName: '集士港镇', stage: 'negotiating', reason: '45天未跟进' }] },
    overdueItems: {
      count: 1,
      items: [{ id: 9, title: '厂房用地指标', projectName: '宁波智能装备产业化项目', category: 'land', level: 'department', leadUnitName: '市自然资源和规划局海曙分局', dueOn: '2026-04-20', daysOverdue: 16 }],
    },
    notes: '请各单位对照目标任务，查漏补缺，确保完成二季度目标。',
  };
}
