import { z } from 'zod';
import { IsoDate, Name, PastDate, PositiveAmountMinor, Text } from './common.js';
import { fieldMessage, issueMessage, t } from './messages.js';
import type { Lang } from './common.js';

/**
 * The project lifecycle, in one table that the service, the UI and the tests all read:
 * 线索 lead → 洽谈 negotiating → 签约 signed → 落地 registered → 开工 construction → 投产 production,
 * and 终止 dropped (with a reason) from any open stage, reopened to where it stopped.
 */
export const STAGES = ['lead', 'negotiating', 'signed', 'registered', 'construction', 'production', 'dropped'] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

export const OPEN_STAGES: readonly Stage[] = ['lead', 'negotiating', 'signed', 'registered', 'construction'];

export const NEXT_STAGE: Partial<Record<Stage, Stage>> = {
  lead: 'negotiating',
  negotiating: 'signed',
  signed: 'registered',
  registered: 'construction',
  construction: 'production',
};

export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  lead: { zh: '线索', en: 'Lead' },
  negotiating: { zh: '洽谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  registered: { zh: '落地', en: 'Registered' },
  construction: { zh: '开工', en: 'Construction' },
  production: { zh: '投产', en: 'Production' },
  dropped: { zh: '终止', en: 'Dropped' },
};

const Currency = z.enum(['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP']);
/** An amount in minor units (分); positive and at most 10^15 (ten trillion yuan). */
const Amount = PositiveAmountMinor;
const USCC = z.string().trim().toUpperCase().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: 'i18n:uscc_invalid' });

/** The evidence each gate requires; missing evidence is refused naming the fields. */
export const GATE_EVIDENCE = {
  negotiating: z.object({}).strict(),
  signed: z
    .object({
      contractDate: IsoDate,
      agreedInvestmentMinor: Amount,
      agreedInvestmentCurrency: Currency,
      parties: Name(300),
    })
    .strict(),
  registered: z
    .object({
      uscc: USCC,
      regCapitalMinor: Amount,
      regCapitalCurrency: Currency,
      registeredOn: PastDate,
    })
    .strict(),
  construction: z
    .object({
      startedOn: PastDate,
      landOrCarrier: Name(200),
    })
    .strict(),
  production: z
    .object({
      producedOn: PastDate,
      firstOutput: Name(200),
    })
    .strict(),
  dropped: z.object({}).strict(),
  lead: z.object({}).strict(),
} satisfies Record<Stage, z.ZodType>;

/** The fields each gate asks for, in order, for checklists. */
export const GATE_FIELDS: Record<Stage, string[]> = Object.fromEntries(
  STAGES.map((s) => [s, Object.keys((GATE_EVIDENCE[s] as z.ZodObject).shape)]),
) as Record<Stage, string[]>;

/** On refusal, `fields` hold messages in the caller's language, each saying what the field needs. */
export type TransitionCheck = { ok: true; evidence: Record<string, unknown> } | { ok: false; code: 'bad_transition' | 'gate_evidence' | 'reason_required'; fields: Record<string, string> };

/**
 * Whether a project at `from` may move to `to` with this evidence. `reopenTo` is the stage a
 * dropped project returns to (the stage it was dropped from).
 */
export function checkTransition(from: Stage, to: Stage, evidence: unknown, reason: string | undefined, reopenTo?: Stage, lang: Lang = 'zh-CN'): TransitionCheck {
  const allowed = from === 'dropped' ? to === reopenTo : to === 'dropped' ? OPEN_STAGES.includes(from) : NEXT_STAGE[from] === to;
  if (!allowed) return { ok: false, code: 'bad_transition', fields: { to: t(lang, 'bad_transition', { from: STAGE_LABELS[from][lang === 'en-US' ? 'en' : 'zh'] }) } };
  if ((to === 'dropped' || from === 'dropped') && !reason?.trim()) return { ok: false, code: 'reason_required', fields: { reason: t(lang, 'reason_required') } };
  const gate = from === 'dropped' ? GATE_EVIDENCE.lead : GATE_EVIDENCE[to];
  const res = gate.safeParse(evidence ?? {}, { error: (issue) => fieldMessage(lang, issue) });
  if (!res.success) {
    const fields: Record<string, string> = {};
    for (const i of res.error.issues) {
      // an unknown key is named as unknown; a missing one as required; a wrong one says what is allowed
      const keys = i.code === 'unrecognized_keys' ? i.keys : [i.path.join('.')];
      for (const k of keys) fields[`evidence.${k}`] ??= issueMessage(lang, i);
    }
    return { ok: false, code: 'gate_evidence', fields };
  }
  return { ok: true, evidence: res.data as Record<string, unknown> };
}

export const Transition = z
  .object({
    to: Stage,
    evidence: z.record(z.string(), z.unknown()).optional(),
    reason: Text(500).optional(),
  })
  .strict();
export type Transition = z.infer<typeof Transition>;
