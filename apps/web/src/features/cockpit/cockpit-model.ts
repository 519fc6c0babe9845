// What the cockpit page and the big screen derive from one Cockpit answer: the headline cards, the
// split lists in chart order, and the drill (records filter) behind every figure. Pure functions.
import { STAGES, type Cockpit, type EnterpriseOrigin, type Headline, type IndicatorCode, type Stage } from '@wutong/contracts';
import type { TFunction } from 'i18next';
import type { DrillFilter } from './cockpit-api';
import type { Drill } from './drill';
import { indicatorName, periodText } from '../../shared/format';

/** The article's headline figures, in its order; 到位资金合计 follows them. */
export const HEADLINE_CODES = ['enterprises_introduced', 'registered_capital', 'foreign_capital_used', 'domestic_capital_in_place', 'zhejiang_capital_in_place'] as const satisfies readonly IndicatorCode[];
/** The second row: signing, construction, production. */
export const PIPELINE_CODES = ['signed_projects', 'signed_investment', 'construction_projects', 'production_projects'] as const satisfies readonly IndicatorCode[];
/** C11 招商引贤·双碳. */
export const C11_CODES = ['talents', 'annual_generation', 'co2_avoided'] as const satisfies readonly IndicatorCode[];

export function headlineOf(c: Cockpit, code: IndicatorCode): Headline {
  return c.headline.find((h) => h.indicator === code) ?? { indicator: code, value: 0, target: null, completion: null, timeProgress: 0, rank: null };
}

/** No unit of the scope has a target this year (completion rates and ranks need them). */
export const noTargets = (c: Cockpit) => c.headline.every((h) => h.target === null);
/** Nothing counted this year (the funnel is today's, so it does not say). */
export const noData = (c: Cockpit) => c.headline.every((h) => h.value === 0) && c.capitalInPlaceCny.value === 0;

/** "美元按 2026-01-01 汇率 7.1000 折算" for each rate used, or a sentence saying none was needed. */
export function fxNote(c: Cockpit, t: TFunction): string {
  const fx = c.capitalInPlaceCny.fx;
  if (!fx.length) return t('cockpit.fx.none');
  return t('cockpit.fx.used', { rates: fx.map((r) => t('cockpit.fx.rate', { currency: r.currency, rate: r.rate.toFixed(4), date: r.onDate })).join(t('cockpit.fx.sep')) });
}

export type SplitItem = { key: string; name: string; value: number; filter: Partial<DrillFilter>; chip: string };

const byValue = (a: SplitItem, b: SplitItem) => b.value - a.value || a.name.localeCompare(b.name);

/** The splits of one indicator, each largest first, zeros left out, with the filter each item drills into. */
export function splits(c: Cockpit, code: IndicatorCode, t: TFunction) {
  const v = (values: Partial<Record<IndicatorCode, number>>) => values[code] ?? 0;
  // the unit shown has an entry of its own for records sitting on it directly (not on its children)
  const units: SplitItem[] = c.byUnit.map((u) => {
    const own = u.unitId === c.scope.unitId;
    const name = own && c.byUnit.length > 1 ? t('cockpit.ownRecords', { unit: u.unitName }) : u.unitName;
    return { key: `u${u.unitId}`, name, value: v(u.values), filter: own ? { unitId: u.unitId, unitOnly: 'true' } : { unitId: u.unitId }, chip: name };
  });
  const industries: SplitItem[] = c.byIndustry.map((s) => {
    const name = s.section ? `${s.section} ${s.name}` : t('cockpit.unclassified');
    return { key: `s${s.section ?? '-'}`, name, value: v(s.values), filter: { section: s.section ?? 'none' }, chip: name };
  });
  const blocks: SplitItem[] = c.byBlock.map((b) => {
    const name = b.keyBlockId === null ? t('cockpit.noBlock') : b.name;
    return { key: `b${b.keyBlockId ?? 0}`, name, value: v(b.values), filter: { keyBlockId: b.keyBlockId ?? 0 }, chip: name };
  });
  const origins: SplitItem[] = c.byOrigin.map((o) => {
    const name = o.origin ? t(`projects.origins.${o.origin}`) : t('cockpit.noOrigin');
    return { key: `o${o.origin ?? 'none'}`, name, value: v(o.values), filter: { origin: (o.origin ?? 'none') as EnterpriseOrigin | 'none' }, chip: name };
  });
  const keep = (xs: SplitItem[]) => xs.filter((x) => x.value !== 0).sort(byValue);
  return { units: keep(units), industries: keep(industries), blocks: keep(blocks), origins: keep(origins) };
}

export type DrillContext = { year: number; unitId?: number; unitName: string; t: TFunction; lang: string };

const yearChip = (ctx: DrillContext) => periodText(String(ctx.year), ctx.lang);

/** The records behind a figure of one indicator, narrowed by whatever the figure is a part of. */
export function factsDrill(ctx: DrillContext, code: IndicatorCode, figure: number | undefined, extra: Partial<DrillFilter> = {}, extraChips: string[] = []): Drill {
  const filter = { year: ctx.year, ...(ctx.unitId ? { unitId: ctx.unitId } : {}), ...extra, indicator: code };
  const chips = [yearChip(ctx), ...(extra.unitId ? [] : [ctx.unitName]), ...extraChips];
  return { kind: 'facts', title: ctx.t('cockpit.drill.title', { name: indicatorName(code, ctx.lang) }), chips, filter, figure };
}

export function monthDrill(ctx: DrillContext, code: IndicatorCode, month: string, figure: number): Drill {
  return factsDrill(ctx, code, figure, { month: Number(month.slice(5, 7)) }, [periodText(month, ctx.lang)]);
}

export function splitDrill(ctx: DrillContext, code: IndicatorCode, item: SplitItem): Drill {
  return factsDrill(ctx, code, item.value, item.filter, [item.chip]);
}

export function capitalDrill(ctx: DrillContext, c: Cockpit): Drill {
  return {
    kind: 'capital',
    title: ctx.t('cockpit.drill.title', { name: ctx.t('cockpit.capitalTotal') }),
    chips: [yearChip(ctx), ctx.unitName],
    filter: { year: ctx.year, ...(ctx.unitId ? { unitId: ctx.unitId } : {}) },
    figure: c.capitalInPlaceCny.value,
    fxNote: fxNote(c, ctx.t),
  };
}

export function pointsDrill(ctx: DrillContext, unitId: number, unitName: string, period: string, periodText: string, points: number): Drill {
  return { kind: 'points', title: ctx.t('cockpit.drill.pointsTitle', { unit: unitName }), chips: [periodText, unitName], unitId, period, figure: points };
}

/** The funnel in lifecycle order; dropped projects are counted apart. */
export function funnelStages(c: Cockpit): { stage: Stage; count: number }[] {
  const counts = new Map(c.funnel.map((f) => [f.stage, f.count]));
  return STAGES.filter((s) => s !== 'dropped').map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
}
export const droppedCount = (c: Cockpit) => c.funnel.find((f) => f.stage === 'dropped')?.count ?? 0;

/** The trend's months, January to December, even when the answer left months out. */
export function fullYear(c: Cockpit): { month: string; values: Partial<Record<IndicatorCode, number>> }[] {
  const byMonth = new Map<string, Partial<Record<IndicatorCode, number>>>(c.trend.map((m) => [m.month, m.values]));
  return Array.from({ length: 12 }, (_, i) => {
    const month = `${c.year}-${String(i + 1).padStart(2, '0')}`;
    return { month, values: byMonth.get(month) ?? {} };
  });
}
