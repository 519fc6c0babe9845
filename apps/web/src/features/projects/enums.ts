import type { ActivityKind, CapitalCategory, LeadSource, ProjectType, ReportLead } from '@wutong/contracts';

// The contracts' enums are zod schemas; these are their values as plain lists, for option lists.
// Each Record is keyed by the contract type, so a value added there is a compile error here.

export type Currency = NonNullable<ReportLead['investmentCurrency']>;

const keys = <K extends string>(r: Record<K, true>) => Object.keys(r) as K[];

export const PROJECT_TYPES = keys<ProjectType>({ new: true, expansion: true, zhejiang_returning: true, foreign: true });
export const LEAD_SOURCES = keys<LeadSource>({ visit: true, referral: true, trip: true, fund: true, event: true, online: true, other: true });
export const ACTIVITY_KINDS = keys<ActivityKind>({ visit: true, meeting_offline: true, meeting_online: true, call: true, reception: true, signing: true });
export const CAPITAL_CATEGORIES = keys<CapitalCategory>({ foreign_usd: true, domestic_out_of_city: true, zhejiang_returning: true });
export const CURRENCIES = keys<Currency>({ CNY: true, USD: true, EUR: true, HKD: true, JPY: true, GBP: true });

/** Each capital category is kept in the currency its indicator is reported in. */
export { CAPITAL_CURRENCY } from '@wutong/contracts';
