import type { IndicatorCode } from '@wutong/contracts';
import type { DrillFilter } from './cockpit-api';

/**
 * What a click on a figure asks to see. `figure` is the value the clicked figure shows, in base
 * units: the drawer's sum is the same number, and says so.
 */
export type Drill =
  | { kind: 'facts'; title: string; chips: string[]; filter: DrillFilter & { indicator: IndicatorCode }; figure?: number }
  /** 到位资金合计: the three capital categories, each with its records */
  | { kind: 'capital'; title: string; chips: string[]; filter: Omit<DrillFilter, 'indicator'>; figure: number; fxNote?: string }
  /** a unit's points in a period: the ledger entries behind a points ranking row */
  | { kind: 'points'; title: string; chips: string[]; unitId: number; period: string; figure: number };

export const CAPITAL_INDICATORS = ['domestic_capital_in_place', 'zhejiang_capital_in_place', 'foreign_capital_used'] as const satisfies readonly IndicatorCode[];
