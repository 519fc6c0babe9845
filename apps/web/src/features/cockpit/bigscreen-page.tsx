import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { App, ConfigProvider, theme as antdTheme } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined, SyncOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Cockpit, shanghaiYear } from '@wutong/contracts';
import { AntdProvider } from '../../app/antd-provider';
import { useCockpit } from './cockpit-api';
import {
  C11_CODES,
  capitalDrill,
  droppedCount,
  factsDrill,
  fullYear,
  funnelStages,
  fxNote,
  HEADLINE_CODES,
  headlineOf,
  monthDrill,
  PIPELINE_CODES,
  pointsDrill,
  splitDrill,
  splits,
  type DrillContext,
  type SplitItem,
} from './cockpit-model';
import { barsOption, DARK, funnelOption, pieOption, trendOption } from './chart-options';
import type { Drill } from './drill';
import { EChart } from './echart';
import { DrillDrawer } from './facts-drawer';
import { HeadlineFigure, pressable, StatFigure } from './figures';
import { formatNumber, unitLabel } from '../../shared/format';
import { useCompletionRankingView, usePointsRankingView } from './rankings';
import './cockpit.css';
import { stageLabel } from '../projects';

const W = 1920;
const H = 1080;
/** How often the wall refreshes itself. */
export const REFRESH_MS = 60_000;

/** The stage is designed at 1920×1080 and scaled to the window, so any wall shows all of it without scrolling. */
function useFit() {
  const [scale, setScale] = useState(() => Math.min(window.innerWidth / W, window.innerHeight / H));
  useEffect(() => {
    const on = () => setScale(Math.min(window.innerWidth / W, window.innerHeight / H));
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return scale;
}

function Clock() {
  const { i18n } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  const locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  return (
    <div className="bs-clock">
      <span className="bs-time">{now.toLocaleTimeString(locale, { hour12: false, timeZone: 'Asia/Shanghai' })}</span>
      <span className="bs-date">{now.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', timeZone: 'Asia/Shanghai' })}</span>
    </div>
  );
}

/** The wall's browser goes full screen (F11 works too); hidden where the browser cannot. */
function FullscreenToggle() {
  const { t } = useTranslation();
  const [full, setFull] = useState(() => !!document.fullscreenElement);
  useEffect(() => {
    const on = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);
  if (!document.fullscreenEnabled) return null;
  const label = t(full ? 'cockpit.bs.leaveFullscreen' : 'cockpit.bs.fullscreen');
  return (
    <button
      type="button"
      className="bs-fullscreen"
      aria-label={label}
      title={label}
      onClick={() => void (full ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => undefined)}
    >
      {full ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
    </button>
  );
}

function Panel({ title, extra, children, className, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`bs-panel ${className ?? ''}`} data-testid={testId}>
      <header className="bs-panel-head">
        <h2>{title}</h2>
        {extra ? <div className="bs-panel-extra">{extra}</div> : null}
      </header>
      <div className="bs-panel-body">{children}</div>
    </section>
  );
}

function Wall({ data, year, unitId, refreshedAt, fetching }: { data: Cockpit; year: number; unitId?: number; refreshedAt: number; fetching: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const [drill, setDrill] = useState<Drill | undefined>();
  const ctx: DrillContext = { year, unitId, unitName: data.scope.unitName, t, lang };
  const font = 15;

  const trend = useMemo(() => fullYear(data), [data]);
  const trendChart = useMemo(
    () =>
      trendOption(
        trend,
        [
          { indicator: 'enterprises_introduced', kind: 'bar' },
          { indicator: 'registered_capital', kind: 'line' },
        ],
        { lang, theme: DARK, fontSize: font, labels: true },
      ),
    [trend, lang],
  );
  const parts = useMemo(() => splits(data, 'enterprises_introduced', t), [data, t]);
  const capitalParts = useMemo(() => splits(data, 'registered_capital', t), [data, t]);
  // a unit without children has one bar by unit: its key blocks say more
  const byBlock = parts.units.length <= 1;
  const units = (byBlock ? parts.blocks : parts.units).slice(0, 9);
  const industries = capitalParts.industries.slice(0, 6);
  const origins = parts.origins;
  const unitsChart = useMemo(() => barsOption('enterprises_introduced', units, { lang, theme: DARK, fontSize: font, labelWidth: 120 }), [units, lang]);
  const industryChart = useMemo(() => barsOption('registered_capital', industries, { lang, theme: DARK, fontSize: 14, labelWidth: 110, color: DARK.palette[1] }), [industries, lang]);
  const originChart = useMemo(() => pieOption('enterprises_introduced', origins, { lang, theme: DARK, fontSize: 14 }), [origins, lang]);
  const stages = useMemo(() => funnelStages(data), [data]);
  const funnelChart = useMemo(
    () => funnelOption(stages.map((s) => ({ ...s, name: stageLabel(s.stage, lang) })), { lang, theme: DARK, fontSize: font }),
    [stages, lang],
  );
  const preferredKind = headlineOf(data, 'enterprises_introduced').rank?.kind;
  const completion = useCompletionRankingView({
    year,
    unitId: data.scope.unitId,
    preferredKind,
    limit: 5,
    compact: true,
    kindsInBody: true,
    onOpen: (code, id, name, actual) => setDrill(factsDrill(ctx, code, actual, { unitId: id }, [name])),
  });
  const points = usePointsRankingView({
    year,
    unitId: data.scope.unitId,
    preferredKind,
    limit: 6,
    kindsInBody: true,
    onOpen: (id, name, period, periodText, pts) => setDrill(pointsDrill(ctx, id, name, period, periodText, pts)),
  });
  const openSplit = (code: 'enterprises_introduced' | 'registered_capital') => (item: SplitItem | undefined) => {
    if (!item) return;
    setDrill(splitDrill(ctx, code, item));
  };
  const empty = (text: string) => <div className="bs-empty">{text}</div>;
  const locale = lang === 'en-US' ? 'en-US' : 'zh-CN';

  return (
    <>
      <header className="bs-header">
        <div className="bs-header-side">
          <Clock />
        </div>
        <h1 data-testid="bigscreen-title">{t('cockpit.bs.title', { unit: data.scope.unitName })}</h1>
        <div className="bs-header-side right">
          <div className="bs-refresh" data-testid="bigscreen-refreshed" data-refreshed-at={refreshedAt}>
            <SyncOutlined spin={fetching} />
            <span>
              {t('cockpit.bs.refreshed', { time: new Date(refreshedAt).toLocaleTimeString(locale, { hour12: false, timeZone: 'Asia/Shanghai' }) })}
              <br />
              <small>{t('cockpit.bs.every', { n: REFRESH_MS / 1000, year })}</small>
            </span>
          </div>
          <FullscreenToggle />
          <Link to={`/cockpit?year=${year}${unitId ? `&unitId=${unitId}` : ''}`} className="bs-exit" data-testid="bigscreen-exit">
            <FullscreenExitOutlined /> {t('cockpit.bs.exit')}
          </Link>
        </div>
      </header>

      <div className="bs-headlines" data-testid="cockpit-headlines">
        {HEADLINE_CODES.map((code) => (
          <HeadlineFigure key={code} h={headlineOf(data, code)} shortRank onOpen={() => setDrill(factsDrill(ctx, code, headlineOf(data, code).value))} />
        ))}
        <div className="ck-figure ck-figure-total" data-testid="headline-capital_total" {...pressable(() => setDrill(capitalDrill(ctx, data)))}>
          <div className="ck-figure-head">
            <span className="ck-figure-name">{t('cockpit.capitalTotal')}</span>
          </div>
          <div className="ck-figure-value">
            <span className="ck-num" data-testid="figure-value" data-value={data.capitalInPlaceCny.value}>
              {formatNumber('cny', data.capitalInPlaceCny.value)}
            </span>
            <span className="ck-unit">{unitLabel('cny', lang)}</span>
          </div>
          <div className="ck-figure-meta ck-figure-note" data-testid="fx-note">
            {fxNote(data, t)}
          </div>
        </div>
      </div>

      <div className="bs-strip">
        {[...PIPELINE_CODES, ...C11_CODES].map((code) => (
          <StatFigure key={code} code={code} h={headlineOf(data, code)} onOpen={() => setDrill(factsDrill(ctx, code, headlineOf(data, code).value))} />
        ))}
      </div>

      <div className="bs-grid">
        <Panel title={t(byBlock ? 'cockpit.bs.byBlock' : 'cockpit.bs.byUnit')} className="bs-a" testId="bs-units">
          {units.length ? (
            <EChart option={unitsChart} dark height="100%" label={t(byBlock ? 'cockpit.bs.byBlock' : 'cockpit.bs.byUnit')} testId="bs-units-chart" onClick={(c) => openSplit('enterprises_introduced')(units[c.dataIndex])} />
          ) : (
            empty(t('cockpit.splitEmpty'))
          )}
        </Panel>
        <Panel title={t('cockpit.bs.trend')} className="bs-b" testId="bs-trend">
          <EChart
            option={trendChart}
            dark
            height="100%"
            label={t('cockpit.bs.trend')}
            testId="trend-chart"
            onClick={(c) => {
              const m = trend[c.dataIndex];
              const code = c.seriesIndex === 1 ? 'registered_capital' : 'enterprises_introduced';
              if (m) setDrill(monthDrill(ctx, code, m.month, m.values[code] ?? 0));
            }}
          />
        </Panel>
        <Panel title={t('cockpit.completionRanking')} extra={completion.controls} className="bs-c" testId="bs-completion">
          {completion.body}
        </Panel>
        <Panel title={t('cockpit.funnel')} extra={<span className="bs-muted">{t('cockpit.dropped', { n: droppedCount(data) })}</span>} className="bs-d" testId="bs-funnel">
          <EChart
            option={funnelChart}
            dark
            height="100%"
            label={t('cockpit.funnel')}
            testId="funnel-chart"
            onClick={(c) => {
              const s = stages[c.dataIndex];
              if (s) void navigate(`/projects?stage=${s.stage}${unitId ? `&unitId=${unitId}` : ''}`);
            }}
          />
        </Panel>
        <Panel title={t('cockpit.bs.byOrigin')} className="bs-e" testId="bs-origin">
          {origins.length ? (
            <EChart option={originChart} dark height="100%" label={t('cockpit.bs.byOrigin')} onClick={(c) => openSplit('enterprises_introduced')(origins[c.dataIndex])} />
          ) : (
            empty(t('cockpit.splitEmpty'))
          )}
        </Panel>
        <Panel title={t('cockpit.bs.byIndustry')} className="bs-f" testId="bs-industry">
          {industries.length ? (
            <EChart option={industryChart} dark height="100%" label={t('cockpit.bs.byIndustry')} onClick={(c) => openSplit('registered_capital')(industries[c.dataIndex])} />
          ) : (
            empty(t('cockpit.splitEmpty'))
          )}
        </Panel>
        <Panel title={t('cockpit.pointsRanking')} extra={points.controls} className="bs-g" testId="bs-points">
          {points.body}
        </Panel>
      </div>
      <DrillDrawer drill={drill} onClose={() => setDrill(undefined)} />
    </>
  );
}

/** 大屏模式: the cockpit for the lead group's meeting-room wall — dark, 1920×1080, refreshing itself. */
export function BigscreenPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const y = Number(params.get('year'));
  const year = Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : shanghaiYear();
  const u = Number(params.get('unitId'));
  const unitId = Number.isInteger(u) && u > 0 ? u : undefined;
  const cockpit = useCockpit({ year, unitId }, { refetchInterval: REFRESH_MS });
  const qc = useQueryClient();
  const scale = useFit();

  // the rankings refresh with the figures (from the second load on: the first fetched them already)
  const firstLoad = useRef(0);
  useEffect(() => {
    if (!cockpit.dataUpdatedAt) return;
    if (!firstLoad.current) firstLoad.current = cockpit.dataUpdatedAt;
    else if (cockpit.dataUpdatedAt !== firstLoad.current) void qc.invalidateQueries({ queryKey: ['rankings'] });
  }, [cockpit.dataUpdatedAt, qc]);

  return (
    <AntdProvider>
      <ConfigProvider
        theme={{ algorithm: antdTheme.darkAlgorithm, token: { colorPrimary: '#3fa9ff', colorLink: '#69b1ff', colorBgContainer: '#0e2140', colorBgElevated: '#10284d' } }}
      >
        <App>
          <div className="bs-viewport" data-testid="bigscreen">
            <div className="bs-stage" style={{ width: W, height: H, transform: `translate(-50%, -50%) scale(${scale})` }}>
              {cockpit.data ? (
                <Wall data={cockpit.data} year={year} unitId={unitId} refreshedAt={cockpit.dataUpdatedAt} fetching={cockpit.isFetching} />
              ) : (
                <div className="bs-loading">
                  {cockpit.error ? (
                    <span>
                      {t('errors.loadFailed')}: {cockpit.error.message}
                    </span>
                  ) : (
                    <span className="page-loading" role="progressbar" aria-busy="true" />
                  )}
                </div>
              )}
            </div>
          </div>
        </App>
      </ConfigProvider>
    </AntdProvider>
  );
}
