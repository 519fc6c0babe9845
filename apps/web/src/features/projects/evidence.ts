import type { GATE_EVIDENCE } from '@wutong/contracts';

type Gates = typeof GATE_EVIDENCE;
/** Every evidence field any gate asks for, as the contracts' gate table defines them. */
export type EvidenceField = { [S in keyof Gates]: keyof Gates[S]['shape'] }[keyof Gates] & string;

// keyed by the contract type: a field added to a gate is a compile error here until it has a place
const FIELDS: Record<EvidenceField, true> = {
  contractDate: true,
  agreedInvestmentMinor: true,
  agreedInvestmentCurrency: true,
  parties: true,
  uscc: true,
  regCapitalMinor: true,
  regCapitalCurrency: true,
  registeredOn: true,
  startedOn: true,
  landOrCarrier: true,
  producedOn: true,
  firstOutput: true,
};
export const EVIDENCE_FIELDS = Object.keys(FIELDS) as EvidenceField[];

export type EvidenceKind = 'date' | 'money' | 'currency' | 'text';

/** How a field is entered and shown, from its name: …Minor is money, …Currency a currency, …On/…Date a date. */
export function evidenceKind(field: string): EvidenceKind {
  if (field.endsWith('Minor')) return 'money';
  if (field.endsWith('Currency')) return 'currency';
  if (field.endsWith('On') || field.endsWith('Date')) return 'date';
  return 'text';
}
