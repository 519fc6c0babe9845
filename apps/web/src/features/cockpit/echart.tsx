import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { ChartOption } from './echarts-setup';

/** What a click on a bar, a point or a slice reports: the series and the item's index in its data. */
export type ChartClick = { seriesIndex: number; dataIndex: number; name: string };

type Chart = ReturnType<typeof import('./echarts-setup').init>;

let setup: Promise<typeof import('./echarts-setup')> | undefined;
/** One import for every chart on the page; the module (and ECharts) arrive with the first chart. */
const loadSetup = () => (setup ??= import('./echarts-setup'));

type Props = {
  option: ChartOption;
  onClick?: (c: ChartClick) => void;
  dark?: boolean;
  height: number | string;
  testId?: string;
  /** read by screen readers in place of the canvas */
  label: string;
  style?: CSSProperties;
};

/**
 * One ECharts canvas. It follows its box's size, replaces its option when the data change, and
 * reports clicks on data items. `data-ready` turns on once the first frame is drawn.
 */
export function EChart({ option, onClick, dark, height, testId, label, style }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | undefined>(undefined);
  const click = useRef(onClick);
  click.current = onClick;
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | undefined>();

  // the instance lives as long as the box and its theme
  useEffect(() => {
    let gone = false;
    let observer: ResizeObserver | undefined;
    loadSetup()
      .then(({ init }) => {
        if (gone || !box.current) return;
        const c = init(box.current, dark ? 'dark' : undefined, { renderer: 'canvas', locale: document.documentElement.lang === 'en-US' ? 'EN' : 'ZH' });
        chart.current = c;
        c.on('click', (p) => {
          if (typeof p.dataIndex === 'number') click.current?.({ seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex, name: p.name });
        });
        c.on('finished', () => setReady(true));
        observer = new ResizeObserver(() => c.resize());
        observer.observe(box.current);
        setOptionNow(c);
      })
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
      setReady(false);
    };
    // the option is applied by the effect below; a new theme needs a new instance
  }, [dark]);

  const setOptionNow = (c: Chart) => c.setOption(optionRef.current, { notMerge: true });
  const optionRef = useRef(option);
  optionRef.current = option;
  useEffect(() => {
    if (chart.current) setOptionNow(chart.current);
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-ready={ready ? '1' : undefined}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }}
    >
      {failed ? <span style={{ fontSize: 12, color: '#c9252d' }}>{failed}</span> : null}
    </div>
  );
}
