import { isRealDate, type PointEvent, type PointExplanation, type ScoringRules } from '@wutong/contracts';
import type { ProjectFacts as RecordedFacts } from '../projects/index.js';

/**
 * The scoring function: a project's records in, the ledger entries it deserves out. Pure — the
 * ledger service feeds it from the database, the tests feed it tables — so that "the same event
 * twice gives one entry" and "a rebuild yields the same ledger" both reduce to comparing its
 * output with what is stored.
 *
 * - lead_accepted: an accepted first report, dated the report day (Asia/Shanghai), 100% to the
 *   reporting unit and person (首报).
 * - signed / registered / construction / production: the first gate event into the stage (a
 *   reopen from dropped never scores again), dated by its evidence date.
 * - capital: each capital record, per 万元 or 万美元 by category; a reversal scores negative.
 * - multipliers: size (total investment, CNY 万元, the highest threshold reached) for lead and
 *   stage events — capital already scales with its amount; priority industry and key block for all.
 * - shares: stage and capital events are split among the co-promoting units by share_bp; the owner
 *   unit's share is also the owner person's. A project whose lead is not accepted scores nothing.
 */

export type RuleSet = { version: number; effectiveFrom: string; rules: ScoringRules };

/** A project's facts as the projects module gives them, with its size in 万元 (CNY) for the size factor. */
export type ProjectFacts = Omit<RecordedFacts, 'stage' | 'investmentMinor' | 'investmentCurrency'> & {
  /** total investment in 万元 (CNY); null when unknown or not convertible */
  investmentWanCny: number | null;
};

export type DesiredEntry = {
  eventKey: string;
  unitId: number;
  userId: number | null;
  onDate: string;
  /** hundredths of a point */
  points: number;
  ruleVersion: number;
  shareBp: number;
  explanation: PointExplanation;
};

export const SCORED_STAGES = ['signed', 'registered', 'construction', 'production'] as const;
type ScoredStage = (typeof SCORED_STAGES)[number];

/** The evidence field each scored gate is dated by (see contracts/stages.ts). */
export const STAGE_DATE_FIELD: Record<ScoredStage, string> = {
  signed: 'contractDate',
  registered: 'registeredOn',
  construction: 'startedOn',
  production: 'producedOn',
};

/** The version in force on a day: the latest effective_from ≤ day, the highest version among equal dates. */
export function ruleFor(versions: readonly RuleSet[], day: string): RuleSet | undefined {
  let best: RuleSet | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > day) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

/** Whether an industry (code without letter, and its section) matches a listed code or prefix: C, C39, 39, 3911. */
export function isPriorityIndustry(codes: readonly string[], industryCode: string | null, section: string | null): boolean {
  if (!industryCode && !section) return false;
  for (const c of codes) {
    const m = /^([A-T]?)(\d*)$/.exec(c);
    if (!m || (!m[1] && !m[2])) continue;
    if (m[1] && m[1] !== section) continue;
    if (m[2] && !(industryCode ?? '').startsWith(m[2])) continue;
    return true;
  }
  return false;
}

/** The size factor: the highest threshold the investment reaches (1 when none). */
export function sizeFactor(rules: ScoringRules, investmentWan: number | null): number {
  if (investmentWan === null) return 1;
  let best: { minInvestmentWan: number; factor: number } | undefined;
  for (const s of rules.multipliers.size) if (investmentWan >= s.minInvestmentWan && (!best || s.minInvestmentWan > best.minInvestmentWan)) best = s;
  return best?.factor ?? 1;
}

type Mult = PointExplanation['multipliers'][number];

function multipliers(rules: ScoringRules, p: ProjectFacts, withSize: boolean): Mult[] {
  const out: Mult[] = [];
  if (withSize) {
    const f = sizeFactor(rules, p.investmentWanCny);
    if (f !== 1) out.push({ kind: 'size', factor: f });
  }
  const pi = rules.multipliers.priorityIndustries;
  if (pi.factor !== 1 && isPriorityIndustry(pi.codes, p.industryCode, p.industrySection)) out.push({ kind: 'priority_industry', factor: pi.factor });
  if (p.keyBlockId !== null && rules.multipliers.keyBlock !== 1) out.push({ kind: 'key_block', factor: rules.multipliers.keyBlock });
  return out;
}

/** Rounds half away from zero, so that a reversal is exactly the negation of its entry. */
const roundSym = (x: number) => Math.sign(x) * Math.round(Math.abs(x));
/** Keeps stored explanations free of binary noise (0.1 + 0.2). */
const tidy = (x: number) => Math.round(x * 1e6) / 1e6;

/** Hundredths of a point for base × multipliers × share. */
export function hundredths(base: number, mults: readonly Mult[], shareBp: number): number {
  let v = base;
  for (const m of mults) v *= m.factor;
  // round the product first: 5 × 1.2 × 100 is 599.9999999 in binary
  return roundSym(tidy(v * shareBp) / 100);
}

function shares(p: ProjectFacts): { unitId: number; shareBp: number }[] {
  const s = p.shares.filter((x) => x.shareBp > 0);
  return s.length ? [...s].sort((a, b) => a.unitId - b.unitId) : [{ unitId: p.ownerUnitId, shareBp: 10000 }];
}

export function scoreProject(p: ProjectFacts, versions: readonly RuleSet[]): DesiredEntry[] {
  if (p.intake !== 'accepted') return [];
  const out: DesiredEntry[] = [];
  const push = (eventKey: string, event: PointEvent, onDate: string, base: number, capital: PointExplanation['capital'], rule: RuleSet, mults: Mult[], unitId: number, userId: number | null, shareBp: number) => {
    const points = hundredths(base, mults, shareBp);
    if (points === 0) return;
    out.push({ eventKey, unitId, userId, onDate, points, ruleVersion: rule.version, shareBp, explanation: { ruleVersion: rule.version, event, base: tidy(base), capital, multipliers: mults, shareBp } });
  };
  const split = (eventKey: string, event: PointEvent, onDate: string, base: number, capital: PointExplanation['capital'], rule: RuleSet, mults: Mult[]) => {
    for (const s of shares(p)) push(eventKey, event, onDate, base, capital, rule, mults, s.unitId, s.unitId === p.ownerUnitId ? p.ownerUserId : null, s.shareBp);
  };

  // 首报: the report, once accepted
  if (p.firstReport && p.duplicateReview !== 'pending' && p.reportedByUnitId !== null && isRealDate(p.reportedOn)) {
    const rule = ruleFor(versions, p.reportedOn);
    if (rule) push(`lead:${p.id}`, 'lead_accepted', p.reportedOn, rule.rules.events.lead_accepted, null, rule, multipliers(rule.rules, p, true), p.reportedByUnitId, p.reportedByUserId, 10000);
  }

  // the first gate event into each scored stage
  const seen = new Set<string>();
  for (const e of p.stageEvents) {
    if (!(SCORED_STAGES as readonly string[]).includes(e.toStage) || e.fromStage === 'dropped' || seen.has(e.toStage)) continue;
    seen.add(e.toStage);
    const stage = e.toStage as ScoredStage;
    const evidenceDate = e.evidence[STAGE_DATE_FIELD[stage]];
    const onDate = isRealDate(evidenceDate) ? evidenceDate : e.atDate;
    const rule = ruleFor(versions, onDate);
    if (!rule) continue;
    split(`stage:${e.id}`, stage, onDate, rule.rules.events[stage], null, rule, multipliers(rule.rules, p, true));
  }

  // capital in place, per 万 of its currency
  for (const c of p.capital) {
    const rule = ruleFor(versions, c.recordedOn);
    const perWan = rule?.rules.capitalPerWan[c.category as keyof ScoringRules['capitalPerWan']];
    if (!rule || perWan === undefined) continue;
    const amountWan = tidy(c.amountMinor / 1_000_000);
    split(`capital:${c.id}`, 'capital', c.recordedOn, amountWan * perWan, { category: c.category, amountWan, perWan }, rule, multipliers(rule.rules, p, false));
  }
  return out;
}

/** The identity of a credit: one entry per event, unit and person. */
export const entryKey = (e: { eventKey: string; unitId: number; userId: number | null }) => `${e.eventKey}|${e.unitId}|${e.userId ?? 0}`;

/** A canonical JSON text (sorted keys), to compare an explanation with its stored jsonb. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

/** Everything an entry says: two entries with the same signature are the same credit. */
export const signature = (e: Omit<DesiredEntry, 'eventKey'> & { eventKey: string }) =>
  `${entryKey(e)}|${e.onDate}|${e.points}|${e.ruleVersion}|${e.shareBp}|${canonical(e.explanation)}`;

export type LiveEntry = DesiredEntry & { id: number; projectId: number };

/**
 * What to append so that the live ledger equals the desired one: a live entry that is not
 * desired any more (or differs) is reversed; a desired entry with no equal live one is entered.
 */
export function diffLedger<D extends DesiredEntry>(desired: readonly D[], live: readonly LiveEntry[]): { reverse: LiveEntry[]; enter: D[]; changedKeys: number } {
  const want = new Map(desired.map((d) => [entryKey(d), d]));
  const have = new Map<string, LiveEntry[]>();
  for (const l of live) {
    const k = entryKey(l);
    const list = have.get(k);
    if (list) list.push(l);
    else have.set(k, [l]);
  }
  const reverse: LiveEntry[] = [];
  const enter: D[] = [];
  let changedKeys = 0;
  for (const k of new Set([...want.keys(), ...have.keys()])) {
    const d = want.get(k);
    const ls = have.get(k) ?? [];
    const keep = d ? ls.find((l) => signature(l) === signature(d)) : undefined;
    const rev = ls.filter((l) => l !== keep);
    if (rev.length === 0 && (keep || !d)) continue;
    changedKeys++;
    reverse.push(...rev);
    if (d && !keep) enter.push(d);
  }
  return { reverse, enter, changedKeys };
}
