import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { lastEndedPeriod, previousPeriod, type BulletinContent, type IndicatorCode, type IndicatorUnit, type UnitKind } from '@wutong/contracts';
import { decimal, formatWan, formatYi, periodText } from '../../shared/format';

/**
 * How the bulletin page writes figures — as its Word form (render-docx.ts on the server) does: 万元
 * on lists, 亿元 in the headline, 万千瓦时, one-decimal percentages. Numbers come from shared/format.ts;
 * the document's own words (its unit names, kinds of unit, 第N期) from the bulletins catalogue.
 */

/** The headline table's value of an indicator, in the document's unit (docUnit). */
export function headlineValue(unit: IndicatorUnit, v: number): string {
  if (unit === 'cny' || unit === 'usd') return formatYi(v);
  if (unit === 'kwh') return decimal(v / 10_000, 2);
  if (unit === 'co2_t') return decimal(v / 1000, 1);
  return decimal(v, 0);
}
/** A list table's value: money in 万, the rest as in the headline. */
export const listValue = (unit: IndicatorUnit, v: number) => (unit === 'cny' || unit === 'usd' ? formatWan(v) : headlineValue(unit, v));

/** The document's unit of an indicator: 亿元 in the headline, 万元 in lists. */
export const docUnit = (t: TFunction, unit: IndicatorUnit, list = false) =>
  list && (unit === 'cny' || unit === 'usd') ? t(`bulletins.doc.listUnits.${unit}`) : t(`bulletins.doc.units.${unit}`);

/** Points as the document prints them: up to two decimals. */
export const pointsFmt = (p: number) => p.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** 2026-05-06 → 2026年5月6日 (the document's dates). */
export const docDate = (t: TFunction, d: string) => t('bulletins.doc.date', { y: Number(d.slice(0, 4)), m: Number(d.slice(5, 7)), d: Number(d.slice(8, 10)), iso: d });

/** The kind of unit as the document names it (镇乡（街道）, 区级部门 …). */
export const docKind = (t: TFunction, kind: UnitKind) => t(`bulletins.doc.kinds.${kind}`);

export function rankChange(change: number | null, previousRank: number | null, newcomer: string): string {
  if (previousRank === null) return newcomer;
  if (!change) return '—';
  return change > 0 ? `↑${change}` : `↓${-change}`;
}

/** The indicators whose completion rates are ranked, the first leading the order (as the Word document). */
export const RANKED: readonly IndicatorCode[] = ['enterprises_introduced', 'registered_capital', 'foreign_capital_used', 'domestic_capital_in_place', 'zhejiang_capital_in_place'];
export const KIND_ORDER: readonly UnitKind[] = ['township', 'department', 'park', 'state_company', 'lead_group', 'other', 'region'];

/** Per kind of unit: ranked by the leading indicator's completion, the other indicators' rates beside. */
export function completionTables(c: Pick<BulletinContent, 'completionRankings'>) {
  const rankings = RANKED.map((code) => c.completionRankings.find((r) => r.indicator === code)).filter((r) => !!r);
  const lead = rankings[0];
  if (!lead) return [];
  const others = rankings.slice(1);
  return KIND_ORDER.flatMap((kind) => {
    const group = lead.groups.find((g) => g.kind === kind);
    if (!group?.items.length) return [];
    return [
      {
        kind,
        lead,
        others,
        rows: group.items.map((r) => ({ ...r, others: others.map((o) => o.groups.find((g) => g.kind === kind)?.items.find((x) => x.unitId === r.unitId)?.completion ?? null) })),
      },
    ];
  });
}

/* ── periods offered when generating by hand (the contracts' Shanghai calendar) ── */

export type PeriodOption = { value: string; label: string };

/** The `n` most recent periods of a kind that have ended by `today`, newest first. */
export function endedPeriods(kind: 'weekly' | 'monthly', today: string, t: TFunction, lang: string, n = 12): PeriodOption[] {
  const out: PeriodOption[] = [];
  for (let p = lastEndedPeriod(kind === 'weekly' ? 'week' : 'month', today); out.length < n; p = previousPeriod(p)) {
    const label = periodText(p.key, lang);
    const fmt = t('bulletins.monthDay');
    out.push({ value: p.key, label: kind === 'weekly' ? t('bulletins.weekOption', { week: label, from: dayjs(p.start).format(fmt), to: dayjs(p.end).format(fmt) }) : label });
  }
  return out;
}
