// The only module that imports ECharts code. Charts load it with a dynamic import, so the cockpit
// pays for ECharts when a chart first mounts and no other page pays at all; and it registers only
// the parts the cockpit draws (the full `echarts` bundle is several times larger).
import { init, use, type ComposeOption } from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart, type BarSeriesOption, type FunnelSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridSimpleComponent, LegendPlainComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, FunnelChart, GridSimpleComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | FunnelSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { init };
