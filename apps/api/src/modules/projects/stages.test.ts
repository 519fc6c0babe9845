import { describe, expect, it } from 'vitest';
import { GATE_FIELDS, NEXT_STAGE, STAGES, checkTransition, type Stage } from '@wutong/contracts';

const EVIDENCE: Record<string, Record<string, unknown>> = {
  negotiating: {},
  signed: { contractDate: '2026-03-01', agreedInvestmentMinor: 50_000_000_000, agreedInvestmentCurrency: 'CNY', parties: '海曙区人民政府；寰采星科技' },
  registered: { uscc: '91110000600037341L', regCapitalMinor: 10_000_000_000, regCapitalCurrency: 'CNY', registeredOn: '2026-04-01' },
  construction: { startedOn: '2026-05-01', landOrCarrier: '望春工业园区 A-3 地块' },
  production: { producedOn: '2026-10-01', firstOutput: '首批掩膜版 2,000 片' },
};

// [from, to, evidence, reason, reopenTo, expected outcome, fields named]
const CASES: [Stage, Stage, Record<string, unknown> | undefined, string | undefined, Stage | undefined, 'ok' | 'bad_transition' | 'gate_evidence' | 'reason_required', string[]][] = [
  ['lead', 'negotiating', {}, undefined, undefined, 'ok', []],
  ['negotiating', 'signed', EVIDENCE.signed, undefined, undefined, 'ok', []],
  ['signed', 'registered', EVIDENCE.registered, undefined, undefined, 'ok', []],
  ['registered', 'construction', EVIDENCE.construction, undefined, undefined, 'ok', []],
  ['construction', 'production', EVIDENCE.production, undefined, undefined, 'ok', []],
  // skipping a gate, going back, leaving production or dropped without reopen
  ['lead', 'signed', EVIDENCE.signed, undefined, undefined, 'bad_transition', ['to']],
  ['signed', 'negotiating', {}, undefined, undefined, 'bad_transition', ['to']],
  ['production', 'dropped', {}, 'x', undefined, 'bad_transition', ['to']],
  ['lead', 'lead', {}, undefined, undefined, 'bad_transition', ['to']],
  // missing evidence names every missing field
  ['negotiating', 'signed', {}, undefined, undefined, 'gate_evidence', ['evidence.contractDate', 'evidence.agreedInvestmentMinor', 'evidence.agreedInvestmentCurrency', 'evidence.parties']],
  ['negotiating', 'signed', { ...EVIDENCE.signed, parties: '' }, undefined, undefined, 'gate_evidence', ['evidence.parties']],
  ['negotiating', 'signed', { ...EVIDENCE.signed, agreedInvestmentMinor: -1 }, undefined, undefined, 'gate_evidence', ['evidence.agreedInvestmentMinor']],
  ['signed', 'registered', { ...EVIDENCE.registered, uscc: 'nonsense' }, undefined, undefined, 'gate_evidence', ['evidence.uscc']],
  ['signed', 'registered', { regCapitalMinor: 1 }, undefined, undefined, 'gate_evidence', ['evidence.uscc', 'evidence.regCapitalCurrency', 'evidence.registeredOn']],
  ['registered', 'construction', { startedOn: '2026-5-1' }, undefined, undefined, 'gate_evidence', ['evidence.startedOn', 'evidence.landOrCarrier']],
  ['construction', 'production', { ...EVIDENCE.production, extra: 1 }, undefined, undefined, 'gate_evidence', ['evidence.extra']],
  // dropping needs a reason; reopening returns to where it stopped, with a reason
  ['negotiating', 'dropped', {}, undefined, undefined, 'reason_required', ['reason']],
  ['negotiating', 'dropped', {}, '  ', undefined, 'reason_required', ['reason']],
  ['negotiating', 'dropped', {}, '企业决定迁往外省', undefined, 'ok', []],
  ['lead', 'dropped', {}, '重复线索', undefined, 'ok', []],
  ['dropped', 'negotiating', {}, '企业重新接洽', 'negotiating', 'ok', []],
  ['dropped', 'signed', {}, '企业重新接洽', 'negotiating', 'bad_transition', ['to']],
  ['dropped', 'negotiating', {}, undefined, 'negotiating', 'reason_required', ['reason']],
];

describe('stage gates', () => {
  it.each(CASES)('%s → %s', (from, to, evidence, reason, reopenTo, outcome, fields) => {
    const r = checkTransition(from, to, evidence, reason, reopenTo);
    // one shape for both outcomes, so every case checks the code and the fields named
    expect(r.ok ? { code: 'ok', fields: [] } : { code: r.code, fields: Object.keys(r.fields).sort() }).toEqual({ code: outcome, fields: [...fields].sort() });
  });

  it('has a gate for every forward step, and the checklist lists its fields', () => {
    // the forward steps are lead → … → production; production and dropped have none
    const steps = STAGES.flatMap((s) => (NEXT_STAGE[s] ? [[s, NEXT_STAGE[s]!] as const] : []));
    expect(steps).toEqual([
      ['lead', 'negotiating'],
      ['negotiating', 'signed'],
      ['signed', 'registered'],
      ['registered', 'construction'],
      ['construction', 'production'],
    ]);
    for (const [s, next] of steps) expect(checkTransition(s, next, EVIDENCE[next], undefined).ok, `${s} → ${next}`).toBe(true);
    expect(GATE_FIELDS.signed).toEqual(['contractDate', 'agreedInvestmentMinor', 'agreedInvestmentCurrency', 'parties']);
  });
});
