// ECharts options built from cockpit data: pure functions (types only from ECharts), shared by the
// cockpit page and the big screen. Every data item keeps its position, so a click's dataIndex finds
// the record filter behind it.
import type { IndicatorCode, Stage } from '@wutong/contracts';
import type { ChartOption } from './echarts-setup';
import { decimal, indicatorName, indicatorUnit, nameWithUnit, punct, scaled, shortMonth, unitLabel } from '../../shared/format';

export type ChartTheme = {
  dark: boolean;
  palette: string[];
  text: string;
  subtle: string;
  grid: string;
  tooltipBg: string;
  tooltipText: string;
};

export const LIGHT: ChartTheme = {
  dark: false,
  palette: ['#1d4f91', '#3a86d6', '#36a3a3', '#f0a030', '#e0604f', '#7b61c9', '#52a35a', '#c56cb0', '#8c96a8'],
  text: 'rgba(0,0,0,0.72)',
  subtle: 'rgba(0,0,0,0.45)',
  grid: '#eef0f3',
  tooltipBg: '#fff',
  tooltipText: 'rgba(0,0,0,0.85)',
};

export const DARK: ChartTheme = {
  dark: true,
  palette: ['#3fa9ff', '#36e2d0', '#ffc53d', '#ff7a45', '#a57cff', '#73d13d', '#f759ab', '#5cdbd3', '#8c9bb5'],
  text: 'rgba(225,235,255,0.85)',
  subtle: 'rgba(200,215,245,0.55)',
  grid: 'rgba(120,160,230,0.16)',
  tooltipBg: 'rgba(8,22,48,0.95)',
  tooltipText: '#e6f0ff',
};

/** A value in the cockpit's display unit, rounded to what is printed (the axis and the label agree). */
function display(indicator: IndicatorCode, value: number): number {
  const { n, digits } = scaled(indicatorUnit(indicator), value);
  return Number(n.toFixed(digits));
}

const fmt = (indicator: IndicatorCode, n: number) => decimal(n, scaled(indicatorUnit(indicator), 0).digits);

function base(theme: ChartTheme, fontSize: number): ChartOption {
  return {
    color: theme.palette,
    backgroundColor: 'transparent',
    textStyle: { color: theme.text, fontSize },
    animationDuration: 400,
    tooltip: {
      backgroundColor: theme.tooltipBg,
      borderColor: theme.dark ? 'rgba(63,169,255,0.5)' : '#e3e7ee',
      textStyle: { color: theme.tooltipText, fontSize },
      confine: true,
    },
  };
}

const axisCommon = (theme: ChartTheme, fontSize: number) => ({
  axisLine: { lineStyle: { color: theme.grid } },
  axisTick: { show: false },
  axisLabel: { color: theme.subtle, fontSize },
  splitLine: { lineStyle: { color: theme.grid } },
});

export type TrendSeries = { indicator: IndicatorCode; kind: 'bar' | 'line' };

/** Grid margins of the trend chart, fixed so that a month's bar sits at a position one can compute. */
export const TREND_GRID = { left: 64, right: 64, top: 44, bottom: 32 } as const;

/**
 * The trend by month: one bar or line series per indicator, each on its own axis (at most two). Item
 * i of every series is month i + 1.
 */
export function trendOption(
  trend: { month: string; values: Partial<Record<IndicatorCode, number>> }[],
  series: TrendSeries[],
  opts: { lang: string; theme: ChartTheme; fontSize?: number; labels?: boolean },
): ChartOption {
  const { lang, theme } = opts;
  const fontSize = opts.fontSize ?? 12;
  const months = trend.map((m) => shortMonth(m.month, lang));
  const names = series.map((s) => nameWithUnit(s.indicator, lang));
  return {
    ...base(theme, fontSize),
    legend: { top: 0, right: 0, textStyle: { color: theme.text, fontSize }, itemWidth: 14, itemHeight: 10, data: names },
    grid: { ...TREND_GRID, right: series.length > 1 ? TREND_GRID.right : 20, outerBoundsMode: 'none' },
    tooltip: {
      ...base(theme, fontSize).tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: undefined,
    },
    xAxis: { type: 'category', data: months, ...axisCommon(theme, fontSize), splitLine: { show: false } },
    yAxis: series.map((s, i) => ({
      type: 'value' as const,
      // counts step in whole units
      minInterval: scaled(indicatorUnit(s.indicator), 0).digits === 0 ? 1 : undefined,
      position: i === 0 ? ('left' as const) : ('right' as const),
      ...axisCommon(theme, fontSize),
      splitLine: { show: i === 0, lineStyle: { color: theme.grid } },
      axisLabel: { color: theme.subtle, fontSize, formatter: (v: number) => compact(v) },
    })),
    series: series.map((s, i) => {
      const data = trend.map((m) => display(s.indicator, m.values[s.indicator] ?? 0));
      const common = {
        name: names[i],
        yAxisIndex: i,
        data,
        tooltip: { valueFormatter: (v: unknown) => `${fmt(s.indicator, Number(v))} ${unitLabel(indicatorUnit(s.indicator), lang)}` },
      };
      return s.kind === 'bar'
        ? {
            ...common,
            type: 'bar' as const,
            barMaxWidth: 36,
            itemStyle: { color: theme.palette[i], borderRadius: [3, 3, 0, 0] },
            label: opts.labels ? { show: true, position: 'top' as const, color: theme.text, fontSize: fontSize - 1, formatter: (p: { value: unknown }) => compact(Number(p.value)) } : undefined,
          }
        : {
            ...common,
            type: 'line' as const,
            smooth: true,
            symbolSize: 8,
            lineStyle: { width: 3 },
            itemStyle: { color: theme.palette[i === 0 ? 0 : 3] },
            // bars carry the labels; the line's values are in the tooltip (two label rows collide)
          };
    }),
  };
}

/** Axis ticks: 12,000 → "1.2万" is not what bulletins print; keep separators, drop decimals past two. */
function compact(v: number): string {
  if (!Number.isFinite(v)) return '';
  const abs = Math.abs(v);
  return decimal(v, abs >= 100 || Number.isInteger(v) ? 0 : abs >= 10 ? 1 : 2);
}

export type BarItem = { name: string; value: number; highlight?: boolean };

/** Horizontal bars, largest on top; item i of the data is items[i] (ECharts draws the first at the bottom, so the axis is inverted). */
export function barsOption(indicator: IndicatorCode, items: BarItem[], opts: { lang: string; theme: ChartTheme; fontSize?: number; color?: string; labelWidth?: number }): ChartOption {
  const { lang, theme } = opts;
  const fontSize = opts.fontSize ?? 12;
  const unit = unitLabel(indicatorUnit(indicator), lang);
  const color = opts.color ?? theme.palette[0];
  return {
    ...base(theme, fontSize),
    grid: { left: 8, right: 64, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { ...base(theme, fontSize).tooltip, trigger: 'item', valueFormatter: (v: unknown) => `${fmt(indicator, Number(v))} ${unit}` },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((i) => i.name),
      ...axisCommon(theme, fontSize),
      axisLine: { show: false },
      axisLabel: { color: theme.text, fontSize, width: opts.labelWidth ?? 96, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: indicatorName(indicator, lang),
        data: items.map((i) => ({
          value: display(indicator, i.value),
          itemStyle: { color: i.highlight ? theme.palette[3] : color, borderRadius: [0, 3, 3, 0] },
        })),
        barMaxWidth: 18,
        showBackground: true,
        backgroundStyle: { color: theme.dark ? 'rgba(120,160,230,0.08)' : '#f5f7fa' },
        label: { show: true, position: 'right', color: theme.text, fontSize, formatter: (p: { value: unknown }) => fmt(indicator, Number(p.value)) },
      },
    ],
  };
}

/** A ring: item i of the data is items[i]; the legend lists each slice with its value. */
export function pieOption(indicator: IndicatorCode, items: BarItem[], opts: { lang: string; theme: ChartTheme; fontSize?: number }): ChartOption {
  const { lang, theme } = opts;
  const fontSize = opts.fontSize ?? 12;
  const unit = unitLabel(indicatorUnit(indicator), lang);
  const values = items.map((i) => display(indicator, i.value));
  return {
    ...base(theme, fontSize),
    tooltip: { ...base(theme, fontSize).tooltip, trigger: 'item', formatter: `{b}<br/>{c} ${unit}${punct(opts.lang).paren('{d}%')}` },
    legend: {
      orient: 'vertical',
      right: 4,
      top: 'middle',
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { color: theme.text, fontSize },
      formatter: (name: string) => {
        const i = items.findIndex((x) => x.name === name);
        return i < 0 ? name : `${name}  ${fmt(indicator, values[i]!)}`;
      },
    },
    series: [
      {
        type: 'pie',
        name: indicatorName(indicator, lang),
        radius: ['45%', '72%'],
        center: ['32%', '50%'],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: theme.dark ? '#0b1a33' : '#fff', borderWidth: 2 },
        data: items.map((i, k) => ({ name: i.name, value: values[k] })),
      },
    ],
  };
}

/** Projects by current stage, in lifecycle order (not sorted by size): item i is stages[i]. */
export function funnelOption(stages: { stage: Stage; name: string; count: number }[], opts: { lang: string; theme: ChartTheme; fontSize?: number }): ChartOption {
  const { theme } = opts;
  const fontSize = opts.fontSize ?? 12;
  const unit = unitLabel('project', opts.lang);
  const max = Math.max(1, ...stages.map((s) => s.count));
  return {
    ...base(theme, fontSize),
    tooltip: { ...base(theme, fontSize).tooltip, trigger: 'item', formatter: `{b}${punct(opts.lang).colon}{c} ${unit}` },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '8%',
        right: '8%',
        top: 8,
        bottom: 8,
        min: 0,
        max,
        minSize: '18%',
        gap: 3,
        label: { show: true, position: 'inside', color: '#fff', fontSize, formatter: (p: { name: string; value: unknown }) => `${p.name}  ${Number(p.value).toLocaleString('en-US')}` },
        itemStyle: { borderWidth: 0 },
        data: stages.map((s, i) => ({ name: s.name, value: s.count, itemStyle: { color: theme.palette[i % theme.palette.length] } })),
      },
    ],
  };
}
