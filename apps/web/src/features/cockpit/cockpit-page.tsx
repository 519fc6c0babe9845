import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Row, Select, Skeleton, Tooltip, Typography } from 'antd';
import { FullscreenOutlined, InfoCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { type Cockpit, type IndicatorCode, INDICATORS, shanghaiYear } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useCurrentUser } from '../auth';
import { cockpitAccess } from './access';
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
  noData,
  noTargets,
  PIPELINE_CODES,
  pointsDrill,
  splitDrill,
  splits,
  type DrillContext,
  type SplitItem,
} from './cockpit-model';
import { barsOption, funnelOption, LIGHT, pieOption, trendOption } from './chart-options';
import type { Drill } from './drill';
import { EChart, type ChartClick } from './echart';
import { DrillDrawer } from './facts-drawer';
import { ModulePanels } from './panels';
import { HeadlineFigure, pressable, StatFigure } from './figures';
import { formatNumber, nameWithUnit, unitLabel } from '../../shared/format';
import { usePointsRankingView, useCompletionRankingView } from './rankings';
import './cockpit.css';
import { UnitPicker } from '../../shared/unit-picker';
import { EmptyState } from '../../shared/list-page';
import { stageLabel } from '../projects';

const FIRST_YEAR = 2018;

/** The cockpit's year and unit live in the address, so a view can be bookmarked and shared. */
function useCockpitParams() {
  const [params, setParams] = useSearchParams();
  const thisYear = shanghaiYear();
  const y = Number(params.get('year'));
  const year = Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : thisYear;
  const u = Number(params.get('unitId'));
  const unitId = Number.isInteger(u) && u > 0 ? u : undefined;
  const set = useCallback(
    (patch: { year?: number; unitId?: number | null }) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (patch.year !== undefined) next.set('year', String(patch.year));
          if (patch.unitId === null) next.delete('unitId');
          else if (patch.unitId !== undefined) next.set('unitId', String(patch.unitId));
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { year, unitId, thisYear, set };
}

export const bigscreenHref = (year: number, unitId?: number) => `/bigscreen?year=${year}${unitId ? `&unitId=${unitId}` : ''}`;

const indicatorOptions = (lang: string) => INDICATORS.map(({ code }) => ({ value: code, label: nameWithUnit(code, lang) }));

function ChartCard({ title, extra, children, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} extra={extra} className="ck-card" data-testid={testId}>
      {children}
    </Card>
  );
}

function SplitChart({ title, items, code, kind, onOpen, testId }: { title: string; items: SplitItem[]; code: IndicatorCode; kind: 'bars' | 'pie'; onOpen: (item: SplitItem) => void; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const top = kind === 'pie' ? items.slice(0, 8) : items.slice(0, 10);
  const option = useMemo(
    () => (kind === 'pie' ? pieOption(code, top, { lang, theme: LIGHT }) : barsOption(code, top, { lang, theme: LIGHT, labelWidth: 110 })),
    [kind, code, top, lang],
  );
  const height = kind === 'pie' ? 240 : Math.max(160, Math.min(340, top.length * 30 + 20));
  return (
    <div className="ck-split" data-testid={testId}>
      <div className="ck-split-title">
        <span>{title}</span>
        {items.length > top.length ? <Typography.Text type="secondary">{t('cockpit.topOf', { n: top.length, total: items.length })}</Typography.Text> : null}
      </div>
      {top.length ? (
        <EChart option={option} height={height} label={title} testId={`${testId}-chart`} onClick={(c: ChartClick) => top[c.dataIndex] && onOpen(top[c.dataIndex]!)} />
      ) : (
        <EmptyState description={t('cockpit.splitEmpty')} style={{ marginBlock: 24 }} />
      )}
    </div>
  );
}

function Figures({ data, year, unitId }: { data: Cockpit; year: number; unitId?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [drill, setDrill] = useState<Drill | undefined>();
  const [trendCode, setTrendCode] = useState<IndicatorCode>('enterprises_introduced');
  const [splitCode, setSplitCode] = useState<IndicatorCode>('enterprises_introduced');
  const canSetTargets = cockpitAccess.setTargets(me);

  const ctx: DrillContext = { year, unitId, unitName: data.scope.unitName, t, lang };
  const trend = useMemo(() => fullYear(data), [data]);
  const trendChart = useMemo(() => trendOption(trend, [{ indicator: trendCode, kind: 'bar' }], { lang, theme: LIGHT, labels: true }), [trend, trendCode, lang]);
  const parts = useMemo(() => splits(data, splitCode, t), [data, splitCode, t]);
  const stages = funnelStages(data);
  const funnelChart = useMemo(
    () => funnelOption(stages.map((s) => ({ ...s, name: stageLabel(s.stage, lang) })), { lang, theme: LIGHT }),
    // stages derive from data
    [data, lang],
  );
  const preferredKind = headlineOf(data, 'enterprises_introduced').rank?.kind;
  const openSplit = (item: SplitItem) => {
    setDrill(splitDrill(ctx, splitCode, item));
  };
  const completion = useCompletionRankingView({
    year,
    unitId: data.scope.unitId,
    preferredKind,
    limit: 10,
    canSetTargets,
    kindsInBody: true,
    onOpen: (code, id, name, actual) => setDrill(factsDrill(ctx, code, actual, { unitId: id }, [name])),
  });
  const points = usePointsRankingView({
    year,
    unitId: data.scope.unitId,
    preferredKind,
    limit: 10,
    kindsInBody: true,
    onOpen: (id, name, period, periodText, pts) => setDrill(pointsDrill(ctx, id, name, period, periodText, pts)),
  });
  const capital = data.capitalInPlaceCny;

  return (
    <>
      {noData(data) ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="cockpit-no-data"
          title={t('cockpit.emptyData', { year })}
          action={
            <Link to="/leads/new">
              <Button size="small" type="primary" icon={<PlusOutlined />}>
                {t('cockpit.reportLead')}
              </Button>
            </Link>
          }
        />
      ) : null}
      {noTargets(data) ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="cockpit-no-targets"
          title={t('cockpit.emptyTargets', { year })}
          description={canSetTargets ? undefined : t('cockpit.emptyTargetsAsk')}
          action={
            canSetTargets ? (
              <Link to="/targets">
                <Button size="small">{t('cockpit.setTarget')}</Button>
              </Link>
            ) : undefined
          }
        />
      ) : null}

      <Row gutter={[16, 16]} data-testid="cockpit-headlines">
        {HEADLINE_CODES.map((code) => (
          <Col key={code} xs={24} sm={12} xl={8} xxl={4}>
            <HeadlineFigure h={headlineOf(data, code)} targetsLink={canSetTargets} onOpen={() => setDrill(factsDrill(ctx, code, headlineOf(data, code).value))} />
          </Col>
        ))}
        <Col xs={24} sm={12} xl={8} xxl={4}>
          <div className="ck-figure ck-figure-total" data-testid="headline-capital_total" {...pressable(() => setDrill(capitalDrill(ctx, data)))}>
            <div className="ck-figure-head">
              <span className="ck-figure-name">{t('cockpit.capitalTotal')}</span>
              <Tooltip title={fxNote(data, t)}>
                <InfoCircleOutlined className="ck-info" />
              </Tooltip>
            </div>
            <div className="ck-figure-value">
              <span className="ck-num" data-testid="figure-value" data-value={capital.value}>
                {formatNumber('cny', capital.value)}
              </span>
              <span className="ck-unit">{unitLabel('cny', lang)}</span>
            </div>
            <div className="ck-figure-meta ck-figure-note" data-testid="fx-note">
              {fxNote(data, t)}
            </div>
            <div className="ck-figure-meta ck-figure-note">{t('cockpit.capitalParts')}</div>
          </div>
        </Col>
      </Row>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={16}>
          <ChartCard
            testId="cockpit-trend"
            title={t('cockpit.trend')}
            extra={
              <Select<IndicatorCode>
                size="small"
                value={trendCode}
                onChange={setTrendCode}
                options={indicatorOptions(lang)}
                style={{ width: 230 }}
                popupMatchSelectWidth={false}
                data-testid="trend-indicator"
              />
            }
          >
            {trend.some((m) => (m.values[trendCode] ?? 0) !== 0) ? (
              <EChart
                option={trendChart}
                height={300}
                label={t('cockpit.trend')}
                testId="trend-chart"
                onClick={(c) => {
                  const m = trend[c.dataIndex];
                  if (m) setDrill(monthDrill(ctx, trendCode, m.month, m.values[trendCode] ?? 0));
                }}
              />
            ) : (
              <EmptyState description={t('cockpit.trendEmpty', { year })} style={{ height: 268, paddingTop: 60, margin: 0 }} />
            )}
          </ChartCard>
        </Col>
        <Col xs={24} xl={8}>
          <ChartCard
            testId="cockpit-funnel"
            title={t('cockpit.funnel')}
            extra={<Typography.Text type="secondary">{t('cockpit.dropped', { n: droppedCount(data) })}</Typography.Text>}
          >
            <EChart
              option={funnelChart}
              height={300}
              label={t('cockpit.funnel')}
              testId="funnel-chart"
              onClick={(c) => {
                const s = stages[c.dataIndex];
                if (s) void navigate(`/projects?stage=${s.stage}${unitId ? `&unitId=${unitId}` : ''}`);
              }}
            />
          </ChartCard>
        </Col>
      </Row>

      <ChartCard
        testId="cockpit-splits"
        title={t('cockpit.splits')}
        extra={
          <Select<IndicatorCode>
            size="small"
            value={splitCode}
            onChange={setSplitCode}
            options={indicatorOptions(lang)}
            style={{ width: 230 }}
            popupMatchSelectWidth={false}
            data-testid="split-indicator"
          />
        }
      >
        <Row gutter={[24, 16]} style={{ marginTop: 4 }}>
          <Col xs={24} lg={12}>
            <SplitChart title={t('cockpit.byUnit')} items={parts.units} code={splitCode} kind="bars" onOpen={openSplit} testId="split-unit" />
          </Col>
          <Col xs={24} lg={12}>
            <SplitChart title={t('cockpit.byIndustry')} items={parts.industries} code={splitCode} kind="bars" onOpen={openSplit} testId="split-industry" />
          </Col>
          <Col xs={24} lg={12}>
            <SplitChart title={t('cockpit.byBlock')} items={parts.blocks} code={splitCode} kind="bars" onOpen={openSplit} testId="split-block" />
          </Col>
          <Col xs={24} lg={12}>
            <SplitChart title={t('cockpit.byOrigin')} items={parts.origins} code={splitCode} kind="pie" onOpen={openSplit} testId="split-origin" />
          </Col>
        </Row>
      </ChartCard>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <ChartCard title={t('cockpit.pipeline')} testId="cockpit-pipeline">
            <div className="ck-stats">
              {PIPELINE_CODES.map((code) => (
                <StatFigure key={code} code={code} h={headlineOf(data, code)} onOpen={() => setDrill(factsDrill(ctx, code, headlineOf(data, code).value))} />
              ))}
            </div>
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('cockpit.c11')} testId="cockpit-c11">
            <div className="ck-stats three">
              {C11_CODES.map((code) => (
                <StatFigure key={code} code={code} h={headlineOf(data, code)} onOpen={() => setDrill(factsDrill(ctx, code, headlineOf(data, code).value))} />
              ))}
            </div>
          </ChartCard>
        </Col>
      </Row>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <ChartCard title={t('cockpit.completionRanking')} extra={completion.controls} testId="cockpit-completion">
            {completion.body}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('cockpit.pointsRanking')}
            extra={<Link to="/rankings">{t('cockpit.fullRanking')}</Link>}
            testId="cockpit-points"
          >
            {points.body}
          </ChartCard>
        </Col>
      </Row>

      <ModulePanels year={year} />

      <DrillDrawer drill={drill} onClose={() => setDrill(undefined)} />
    </>
  );
}

export function CockpitPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useCurrentUser();
  const { year, unitId, thisYear, set } = useCockpitParams();
  const pickUnit = cockpitAccess.pickUnit(me);
  const cockpit = useCockpit({ year, unitId });
  const data = cockpit.data;
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);

  return (
    <div className="ck-page">
      <PageHeader
        title={t('cockpit.title')}
        extra={
          <>
            <Select<number>
              value={year}
              onChange={(y) => set({ year: y })}
              options={years.map((y) => ({ value: y, label: t('cockpit.yearOption', { year: y }) }))}
              style={{ width: 110 }}
              data-testid="cockpit-year"
            />
            {pickUnit ? (
              <UnitPicker inactive="skip"
                allowClear
                value={unitId}
                onChange={(v: number | undefined) => set({ unitId: v ?? null })}
                placeholder={t('cockpit.allUnits', { name: data?.scope.regionWide ? data.scope.unitName : me.unitName })}
                style={{ width: 240 }}
                popupMatchSelectWidth={300}
                testId="cockpit-unit"
              />
            ) : null}
            <Tooltip title={t('cockpit.refresh')}>
              <Button icon={<ReloadOutlined spin={cockpit.isFetching} />} onClick={() => void cockpit.refetch()} aria-label={t('cockpit.refresh')} />
            </Tooltip>
            <a href={bigscreenHref(year, unitId)} target="_blank" rel="noopener" data-testid="cockpit-bigscreen">
              <Button type="primary" icon={<FullscreenOutlined />}>
                {t('cockpit.bigscreen')}
              </Button>
            </a>
          </>
        }
      />
      {data ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="cockpit-scope">
          {t('cockpit.scopeLine', { unit: data.scope.unitName, year: data.year, asOf: new Date(data.asOf).toLocaleString(lang === 'en-US' ? 'en-US' : 'zh-CN', { hour12: false }) })}
        </Typography.Paragraph>
      ) : null}
      {cockpit.error ? (
        <Alert
          type="error"
          showIcon
          title={t('errors.loadFailed')}
          description={cockpit.error.message}
          action={<Button onClick={() => void cockpit.refetch()}>{t('common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {data ? <Figures data={data} year={year} unitId={unitId} /> : cockpit.isPending ? <Skeleton active paragraph={{ rows: 12 }} /> : null}
    </div>
  );
}
