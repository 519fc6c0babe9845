import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_RULES, ScoringRules, type PointEvent } from '@wutong/contracts';
import { diffLedger, entryKey, hundredths, isPriorityIndustry, ruleFor, scoreProject, sizeFactor, type LiveEntry, type ProjectFacts, type RuleSet } from './scoring.js';
import { previousPeriod, rankWithTies } from '@wutong/contracts';
import { currentMonthKey, monthRange, rankingPeriod } from './ranking-periods.js';

/** Plain numbers, so every expected value below is a hand computation. */
const RULES: ScoringRules = {
  events: { lead_accepted: 1, signed: 5, registered: 10, construction: 5, production: 10 },
  capitalPerWan: { foreign_usd: 0.01, domestic_out_of_city: 0.005, zhejiang_returning: 0.002 },
  multipliers: {
    size: [
      { minInvestmentWan: 10_000, factor: 1.2 },
      { minInvestmentWan: 100_000, factor: 1.5 },
    ],
    priorityIndustries: { codes: ['C39', 'I', '27'], factor: 2 },
    keyBlock: 1.25,
  },
};
const V1: RuleSet = { version: 1, effectiveFrom: '2020-01-01', rules: RULES };
const DOUBLE: ScoringRules = { ...RULES, events: { lead_accepted: 2, signed: 10, registered: 20, construction: 10, production: 20 }, capitalPerWan: { foreign_usd: 0.02, domestic_out_of_city: 0.01, zhejiang_returning: 0.004 } };
const V2: RuleSet = { version: 2, effectiveFrom: '2026-07-01', rules: DOUBLE };

const OWNER_UNIT = 10;
const OTHER_UNIT = 20;
const OWNER = 100;
const REPORTER = 200;
const REPORTER_UNIT = 30;

function project(over: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    id: 1,
    regionId: 1,
    intake: 'accepted',
    firstReport: true,
    duplicateReview: null,
    ownerUnitId: OWNER_UNIT,
    ownerUserId: OWNER,
    reportedByUnitId: REPORTER_UNIT,
    reportedByUserId: REPORTER,
    reportedOn: '2026-03-05',
    industryCode: '6513',
    industrySection: 'K', // not a priority: no multiplier unless a case sets one
    investmentWanCny: 5_000,
    keyBlockId: null,
    shares: [{ unitId: OWNER_UNIT, shareBp: 10000 }],
    stageEvents: [],
    capital: [],
    ...over,
  };
}

const ev = (id: number, toStage: string, evidence: Record<string, unknown>, fromStage: string | null = null, atDate = '2026-05-01') => ({ id, fromStage, toStage, atDate, evidence });

type Case = {
  name: string;
  facts: Partial<ProjectFacts>;
  versions?: RuleSet[];
  /** expected entries: event key, event, unit, user, date, points (as points, not hundredths), rule version */
  want: [string, PointEvent, number, number | null, string, number, number][];
};

const CASES: Case[] = [
  { name: 'lead accepted: 100% to the reporting unit and person, on the report day', facts: {}, want: [['lead:1', 'lead_accepted', REPORTER_UNIT, REPORTER, '2026-03-05', 1, 1]] },
  { name: 'a pending lead scores nothing', facts: { intake: 'pending' }, want: [] },
  { name: 'a rejected lead scores nothing, even with records', facts: { intake: 'rejected', capital: [{ id: 5, category: 'domestic_out_of_city', amountMinor: 1e9, recordedOn: '2026-04-01' }] }, want: [] },
  { name: 'a merged lead scores nothing', facts: { intake: 'merged' }, want: [] },
  { name: 'not a first report: no lead points', facts: { firstReport: false }, want: [] },
  { name: 'held as a suspected duplicate: the 首报 credit waits for the centre', facts: { duplicateReview: 'pending' }, want: [] },
  {
    name: 'a suspected duplicate the centre found distinct: credited as reported',
    facts: { duplicateReview: 'distinct' },
    want: [['lead:1', 'lead_accepted', REPORTER_UNIT, REPORTER, '2026-03-05', 1, 1]],
  },
  {
    name: 'signed: dated by the contract date, not when it was recorded',
    facts: { reportedByUnitId: null, stageEvents: [ev(7, 'signed', { contractDate: '2026-04-20' }, 'negotiating', '2026-05-02')] },
    want: [['stage:7', 'signed', OWNER_UNIT, OWNER, '2026-04-20', 5, 1]],
  },
  {
    name: 'registered, construction, production: each by its evidence date',
    facts: {
      reportedByUnitId: null,
      stageEvents: [ev(8, 'registered', { registeredOn: '2026-05-10' }), ev(9, 'construction', { startedOn: '2026-06-11' }), ev(10, 'production', { producedOn: '2026-06-30' })],
    },
    want: [
      ['stage:8', 'registered', OWNER_UNIT, OWNER, '2026-05-10', 10, 1],
      ['stage:9', 'construction', OWNER_UNIT, OWNER, '2026-06-11', 5, 1],
      ['stage:10', 'production', OWNER_UNIT, OWNER, '2026-06-30', 10, 1],
    ],
  },
  {
    name: 'lead and negotiating gates do not score; a reopen from dropped does not score again',
    facts: {
      reportedByUnitId: null,
      stageEvents: [ev(3, 'negotiating', {}), ev(4, 'signed', { contractDate: '2026-04-01' }, 'negotiating'), ev(5, 'dropped', {}, 'signed'), ev(6, 'signed', {}, 'dropped')],
    },
    want: [['stage:4', 'signed', OWNER_UNIT, OWNER, '2026-04-01', 5, 1]],
  },
  {
    name: 'an event without a valid evidence date is dated the day it was recorded',
    facts: { reportedByUnitId: null, stageEvents: [ev(4, 'signed', { contractDate: '2026-02-30' }, 'negotiating', '2026-03-09')] },
    want: [['stage:4', 'signed', OWNER_UNIT, OWNER, '2026-03-09', 5, 1]],
  },
  {
    name: 'capital per 万元 by category (CNY): 2,000万元 × 0.005',
    facts: { reportedByUnitId: null, capital: [{ id: 5, category: 'domestic_out_of_city', amountMinor: 2_000 * 1_000_000, recordedOn: '2026-04-01' }] },
    want: [['capital:5', 'capital', OWNER_UNIT, OWNER, '2026-04-01', 10, 1]],
  },
  {
    name: 'capital per 万美元 (USD): 300万美元 × 0.01, and its reversal scores negative',
    facts: {
      reportedByUnitId: null,
      capital: [
        { id: 5, category: 'foreign_usd', amountMinor: 300 * 1_000_000, recordedOn: '2026-04-01' },
        { id: 6, category: 'foreign_usd', amountMinor: -300 * 1_000_000, recordedOn: '2026-04-09' },
      ],
    },
    want: [
      ['capital:5', 'capital', OWNER_UNIT, OWNER, '2026-04-01', 3, 1],
      ['capital:6', 'capital', OWNER_UNIT, OWNER, '2026-04-09', -3, 1],
    ],
  },
  {
    name: 'size: ≥1亿 ×1.2 (exactly at the threshold)',
    facts: { investmentWanCny: 10_000, reportedByUnitId: null, stageEvents: [ev(4, 'signed', { contractDate: '2026-04-01' })] },
    want: [['stage:4', 'signed', OWNER_UNIT, OWNER, '2026-04-01', 6, 1]],
  },
  {
    name: 'size: the highest threshold reached applies (≥10亿 ×1.5), not both',
    facts: { investmentWanCny: 250_000, reportedByUnitId: null, stageEvents: [ev(4, 'signed', { contractDate: '2026-04-01' })] },
    want: [['stage:4', 'signed', OWNER_UNIT, OWNER, '2026-04-01', 7.5, 1]],
  },
  {
    name: 'size does not multiply capital (it already scales with the amount)',
    facts: { investmentWanCny: 250_000, reportedByUnitId: null, capital: [{ id: 5, category: 'domestic_out_of_city', amountMinor: 2_000 * 1_000_000, recordedOn: '2026-04-01' }] },
    want: [['capital:5', 'capital', OWNER_UNIT, OWNER, '2026-04-01', 10, 1]],
  },
  {
    name: 'priority industry by section + division prefix (C39) multiplies events and capital',
    facts: {
      industryCode: '3911',
      industrySection: 'C',
      stageEvents: [ev(4, 'signed', { contractDate: '2026-04-01' })],
      capital: [{ id: 5, category: 'domestic_out_of_city', amountMinor: 2_000 * 1_000_000, recordedOn: '2026-04-01' }],
    },
    want: [
      ['lead:1', 'lead_accepted', REPORTER_UNIT, REPORTER, '2026-03-05', 2, 1],
      ['stage:4', 'signed', OWNER_UNIT, OWNER, '2026-04-01', 10, 1],
      ['capital:5', 'capital', OWNER_UNIT, OWNER, '2026-04-01', 20, 1],
    ],
  },
  {
    name: 'key block ×1.25 and all three multipliers together: 5 × 1.2 × 2 × 1.25',
    facts: { keyBlockId: 3, investmentWanCny: 20_000, industryCode: '2710', industrySection: 'C', reportedByUnitId: null, stageEvents: [ev(4, 'signed', { contractDate: '2026-04-01' })] },
    want: [['stage:4', 'signed', OWNER_UNIT, OWNER, '2026-04-01', 15, 1]],
  },
  {
    name: 'co-promoters split stage and capital by share; only the owner unit’s share names a person',
    facts: {
      reportedByUnitId: null,
      shares: [
        { unitId: OWNER_UNIT, shareBp: 7000 },
        { unitId: OTHER_UNIT, shareBp: 3000 },
      ],
      stageEvents: [ev(4, 'signed', { contractDate: '2026-04-01' })],
      capital: [{ id: 5, category: 'domestic_out_of_city', amountMinor: 2_000 * 1_000_000, recordedOn: '2026-04-01' }],
    },
    want: [
      ['stage:4', 'signed', OWNER_UNIT, OWNER, '2026-04-01', 3.5, 1],
      ['stage:4', 'signed', OTHER_UNIT, null, '2026-04-01', 1.5, 1],
      ['capital:5', 'capital', OWNER_UNIT, OWNER, '2026-04-01', 7, 1],
      ['capital:5', 'capital', OTHER_UNIT, null, '2026-04-01', 3, 1],
    ],
  },
  {
    name: 'the lead is never split: 首报 credit stays 100% with the reporter',
    facts: { shares: [{ unitId: OWNER_UNIT, shareBp: 5000 }, { unitId: REPORTER_UNIT, shareBp: 5000 }] },
    want: [['lead:1', 'lead_accepted', REPORTER_UNIT, REPORTER, '2026-03-05', 1, 1]],
  },
  {
    name: 'a project without an owner person credits the unit only',
    facts: { ownerUserId: null, reportedByUnitId: null, stageEvents: [ev(4, 'signed', { contractDate: '2026-04-01' })] },
    want: [['stage:4', 'signed', OWNER_UNIT, null, '2026-04-01', 5, 1]],
  },
  {
    name: 'rule version by date: before its effective date the old version, from it the new one',
    versions: [V1, V2],
    facts: {
      stageEvents: [ev(4, 'signed', { contractDate: '2026-06-30' }), ev(5, 'registered', { registeredOn: '2026-07-01' })],
      capital: [{ id: 6, category: 'zhejiang_returning', amountMinor: 5_000 * 1_000_000, recordedOn: '2026-08-01' }],
    },
    want: [
      ['lead:1', 'lead_accepted', REPORTER_UNIT, REPORTER, '2026-03-05', 1, 1],
      ['stage:4', 'signed', OWNER_UNIT, OWNER, '2026-06-30', 5, 1],
      ['stage:5', 'registered', OWNER_UNIT, OWNER, '2026-07-01', 20, 2],
      ['capital:6', 'capital', OWNER_UNIT, OWNER, '2026-08-01', 20, 2],
    ],
  },
  {
    name: 'an event before every version scores nothing',
    versions: [V2],
    facts: { stageEvents: [ev(4, 'signed', { contractDate: '2026-06-30' })] },
    want: [],
  },
  {
    name: 'an event worth 0 points gives no entry',
    versions: [{ version: 1, effectiveFrom: '2020-01-01', rules: { ...RULES, events: { ...RULES.events, lead_accepted: 0 } } }],
    facts: {},
    want: [],
  },
];

describe('scoring rules, table-driven', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const got = scoreProject(project(c.facts), c.versions ?? [V1]).map((e) => [e.eventKey, e.explanation.event, e.unitId, e.userId, e.onDate, e.points / 100, e.ruleVersion]);
      expect(got).toEqual(c.want);
    });
  }

  it('every entry explains itself: rule version, event, base, capital, multipliers, share', () => {
    const [e] = scoreProject(
      project({ keyBlockId: 3, industryCode: '3911', industrySection: 'C', reportedByUnitId: null, capital: [{ id: 5, category: 'foreign_usd', amountMinor: 123_456_789, recordedOn: '2026-04-01' }] }),
      [V1],
    );
    expect(e!.explanation).toEqual({
      ruleVersion: 1,
      event: 'capital',
      base: 1.234568,
      capital: { category: 'foreign_usd', amountWan: 123.456789, perWan: 0.01 },
      multipliers: [
        { kind: 'priority_industry', factor: 2 },
        { kind: 'key_block', factor: 1.25 },
      ],
      shareBp: 10000,
    });
    // 123.456789 × 0.01 × 2 × 1.25 = 3.0864…, in hundredths
    expect(e!.points).toBe(309);
  });

  it('rounds half away from zero, so a reversal is the exact negation', () => {
    expect(hundredths(0.005, [], 10000)).toBe(1);
    expect(hundredths(-0.005, [], 10000)).toBe(-1);
    expect(hundredths(5, [{ kind: 'size', factor: 1.2 }], 10000)).toBe(600);
    expect(hundredths(1, [], 3333)).toBe(33);
  });

  it('the default rules are valid rules', () => {
    expect(ScoringRules.safeParse(DEFAULT_SCORING_RULES).success).toBe(true);
  });
});

describe('rule versions and multipliers', () => {
  it('picks the latest effective date on or before the day; the higher version among equal dates', () => {
    const a: RuleSet = { version: 1, effectiveFrom: '2020-01-01', rules: RULES };
    const b: RuleSet = { version: 2, effectiveFrom: '2026-01-01', rules: RULES };
    const c: RuleSet = { version: 3, effectiveFrom: '2025-06-01', rules: RULES };
    const d: RuleSet = { version: 4, effectiveFrom: '2026-01-01', rules: RULES };
    expect(ruleFor([a, b, c], '2019-12-31')).toBeUndefined();
    expect(ruleFor([a, b, c], '2020-01-01')?.version).toBe(1);
    expect(ruleFor([a, b, c], '2025-06-01')?.version).toBe(3);
    expect(ruleFor([a, b, c], '2026-03-01')?.version).toBe(2);
    expect(ruleFor([a, b, c, d], '2026-03-01')?.version).toBe(4);
  });

  it.each([
    [['C'], '3911', 'C', true],
    [['C39'], '3911', 'C', true],
    [['C39'], '3811', 'C', false],
    [['39'], '3911', 'C', true],
    [['3911'], '3912', 'C', false],
    [['I'], '6513', 'I', true],
    [['I65'], '6513', null, false],
    [['27'], null, 'C', false],
    [[''], '3911', 'C', false],
  ] as [string[], string | null, string | null, boolean][])('priority industry %j vs %s/%s → %s', (codes, code, section, want) => {
    expect(isPriorityIndustry(codes, code, section)).toBe(want);
  });

  it.each([
    [null, 1],
    [9_999.99, 1],
    [10_000, 1.2],
    [99_999, 1.2],
    [100_000, 1.5],
  ] as [number | null, number][])('size factor of %s万元 is %s', (wan, f) => {
    expect(sizeFactor(RULES, wan)).toBe(f);
  });
});

describe('the ledger diff', () => {
  const desired = scoreProject(
    project({ shares: [{ unitId: OWNER_UNIT, shareBp: 6000 }, { unitId: OTHER_UNIT, shareBp: 4000 }], stageEvents: [ev(4, 'signed', { contractDate: '2026-04-01' })] }),
    [V1],
  );
  const stored = (list: typeof desired): LiveEntry[] => list.map((d, i) => ({ ...d, id: i + 1, projectId: 1 }));

  it('nothing to append when the ledger already says it (idempotence)', () => {
    expect(diffLedger(desired, stored(desired))).toEqual({ reverse: [], enter: [], changedKeys: 0 });
  });

  it('a changed share reverses the old entries and enters new ones', () => {
    const now = scoreProject(project({ shares: [{ unitId: OWNER_UNIT, shareBp: 10000 }], stageEvents: [ev(4, 'signed', { contractDate: '2026-04-01' })] }), [V1]);
    const d = diffLedger(now, stored(desired));
    expect(d.reverse.map((x) => entryKey(x)).sort()).toEqual([`stage:4|${OWNER_UNIT}|${OWNER}`, `stage:4|${OTHER_UNIT}|0`].sort());
    expect(d.enter.map((x) => [entryKey(x), x.points])).toEqual([[`stage:4|${OWNER_UNIT}|${OWNER}`, 500]]);
    expect(d.changedKeys).toBe(2);
  });

  it('a credit moved by arbitration: the old reporter reversed, the new one entered', () => {
    const now = scoreProject(project({ reportedByUnitId: OTHER_UNIT, reportedByUserId: 999, shares: [{ unitId: OWNER_UNIT, shareBp: 6000 }, { unitId: OTHER_UNIT, shareBp: 4000 }], stageEvents: [ev(4, 'signed', { contractDate: '2026-04-01' })] }), [V1]);
    const d = diffLedger(now, stored(desired));
    expect(d.reverse.map(entryKey)).toEqual([`lead:1|${REPORTER_UNIT}|${REPORTER}`]);
    expect(d.enter.map(entryKey)).toEqual([`lead:1|${OTHER_UNIT}|999`]);
  });

  it('the same points under a newer rule version are re-entered (the explanation names the version)', () => {
    const v2same: RuleSet = { version: 2, effectiveFrom: '2026-04-01', rules: RULES };
    const d = diffLedger(scoreProject(project({ shares: [{ unitId: OWNER_UNIT, shareBp: 6000 }, { unitId: OTHER_UNIT, shareBp: 4000 }], stageEvents: [ev(4, 'signed', { contractDate: '2026-04-01' })] }), [V1, v2same]), stored(desired));
    expect(d.changedKeys).toBe(2); // the two shares of the signing; the lead (March) keeps version 1
    expect(d.enter.every((e) => e.ruleVersion === 2)).toBe(true);
  });

  it('explanations compare by content, not key order (jsonb reorders keys)', () => {
    const reordered = stored(desired).map((l) => ({ ...l, explanation: JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(l.explanation).reverse()))) }));
    expect(diffLedger(desired, reordered).changedKeys).toBe(0);
  });
});

describe('periods and ranks', () => {
  it.each([
    ['2026', '2025', '2026-01-01', '2026-12-01', '2026-12-31'],
    ['2026-Q1', '2025-Q4', '2026-01-01', '2026-03-01', '2026-03-31'],
    ['2026-Q4', '2026-Q3', '2026-10-01', '2026-12-01', '2026-12-31'],
    ['2026-01', '2025-12', '2026-01-01', '2026-01-01', '2026-01-31'],
    ['2028-02', '2028-01', '2028-02-01', '2028-02-01', '2028-02-29'],
  ])('%s: previous %s, months %s–%s, last day %s', (key, prev, first, last, lastDay) => {
    const p = rankingPeriod(key)!;
    expect(previousPeriod(p).key).toBe(prev);
    expect(monthRange(p)).toEqual({ firstMonth: first, lastMonth: last });
    expect(p.end).toBe(lastDay);
  });

  it('rejects what is not a period', () => {
    for (const k of ['2026-13', '2026-Q5', '26', '2026-1', '', '2026-W10', '2026-03-05']) expect(rankingPeriod(k)).toBeNull();
  });

  it('the current month is Shanghai’s: 16:30 UTC on 31 October is already November there', () => {
    expect(currentMonthKey(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11');
  });

  it('standard competition ranking: ties share a rank and the next skips (1, 1, 3)', () => {
    const r = rankWithTies(
      [
        { id: 'a', points: 5 },
        { id: 'b', points: 9 },
        { id: 'c', points: 9 },
        { id: 'd', points: 0 },
        { id: 'e', points: 0 },
      ],
      (x) => x.points,
    );
    expect(r.map((x) => [x.id, x.rank])).toEqual([
      ['b', 1],
      ['c', 1],
      ['a', 3],
      ['d', 4],
      ['e', 4],
    ]);
  });
});
