import type { IndicatorCode } from '@wutong/contracts';
import { formatNumber, formatValue, indicatorDisplay, indicatorUnit, unitLabel } from '../../shared/format';

/**
 * Targets are typed in display units (家/个/人, 万元/万美元, kWh, t) and travel in base units (see
 * packages/contracts/src/assessment.ts). These convert between the two, exactly; how a value is
 * written is shared/format.ts's `entry` scale.
 */

export const scaleOf = (indicator: IndicatorCode) => indicatorDisplay(indicatorUnit(indicator), 'entry');

/** The unit a target is typed in: 万元, 家, kWh … */
export const entryUnit = (indicator: IndicatorCode, lang: string) => unitLabel(indicatorUnit(indicator), lang, 'entry');

/** "1,234.50" (万元), "12" (家): the number alone, with the indicator's decimals. */
export const formatIndicatorNumber = (indicator: IndicatorCode, base: number) => formatNumber(indicatorUnit(indicator), base, 'entry');

/** "1,234.50 万元", "12 家", "3,400.00 吨". */
export const formatIndicator = (indicator: IndicatorCode, base: number, lang = 'zh-CN') => formatValue(indicatorUnit(indicator), base, lang, 'entry');

/** The smallest step a display value moves in, in base units (1 for counts, 10,000 分 = 0.01 万元, 10 kg = 0.01 t). */
export const stepOf = (indicator: IndicatorCode) => {
  const s = scaleOf(indicator);
  return Math.max(1, Math.round(s.per / 10 ** s.digits));
};

/** A typed display value (万元, t…) in base units, rounded to the display precision. */
export function toBase(indicator: IndicatorCode, display: number): number {
  const s = scaleOf(indicator);
  // through the display grid first, so 0.1 + 0.2 style float noise never reaches the integer
  const grid = Math.round(display * 10 ** s.digits);
  return grid * stepOf(indicator);
}

/** A base value as a display number (万元, t…), unrounded. */
export const toDisplay = (indicator: IndicatorCode, base: number) => base / scaleOf(indicator).per;

/**
 * An annual target split into `n` parts in display-grid steps, as evenly as it goes: the remainder
 * lands on the last parts (the year's end carries it), so the parts always sum to the annual exactly.
 */
export function evenSplit(indicator: IndicatorCode, annual: number, n: number): number[] {
  const step = stepOf(indicator);
  const steps = Math.round(annual / step);
  const each = Math.floor(steps / n);
  const rest = steps - each * n;
  const parts = Array.from({ length: n }, (_, i) => (each + (i >= n - rest ? 1 : 0)) * step);
  // an annual off the display grid (imported): the last part takes the odd base units
  const diff = annual - parts.reduce((a, b) => a + b, 0);
  parts[n - 1] = parts[n - 1]! + diff;
  return parts;
}

export const partsCount = (split: 'none' | 'quarter' | 'month') => (split === 'quarter' ? 4 : split === 'month' ? 12 : 0);
