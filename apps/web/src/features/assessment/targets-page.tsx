import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Flex, Segmented, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { AppstoreOutlined, BarsOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useSearchPatch } from '../../shared/use-search-patch';
import { useTranslation } from 'react-i18next';
import { IndicatorCode, INDICATORS, shanghaiYear, type TargetRow, type UnitKind } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useCurrentUser } from '../auth';
import { formatCount, indicatorName } from '../../shared/format';
import { assessmentAccess } from './access';
import { downloadTargetTemplate, exportTargets, useDeleteTarget, useTargets, type TargetFilters } from './assessment-api';
import { AHEAD, BEHIND, CompletionBar, Labeled, RANKED_KINDS, YearPicker } from './bits';
import { entryUnit, formatIndicator, formatIndicatorNumber } from './indicator-units';
import { TargetImportModal } from './target-import-modal';
import { TargetModal, type TargetModalState } from './target-modal';
import { TargetsMatrix } from './targets-matrix';
import './assessment.css';
import { UnitPicker } from '../../shared/unit-picker';
import { EmptyState, FilterBar, LoadError } from '../../shared/list-page';

const KIND_ORDER: Record<string, number> = { region: 0, township: 1, department: 2, park: 3, state_company: 4, other: 5, lead_group: 6 };
const KIND_FILTER: UnitKind[] = ['region', ...RANKED_KINDS, 'other'];
const INDICATOR_ORDER = Object.fromEntries(INDICATORS.map((i, n) => [i.code, n])) as Record<IndicatorCode, number>;

/** Units by kind (the region first) and name, then indicators in catalogue order. */
const byUnitThenIndicator = (a: TargetRow, b: TargetRow) =>
  (KIND_ORDER[a.unitKind] ?? 9) - (KIND_ORDER[b.unitKind] ?? 9) || a.unitName.localeCompare(b.unitName, 'zh-CN') || a.unitId - b.unitId || INDICATOR_ORDER[a.indicator] - INDICATOR_ORDER[b.indicator];

function readParams(p: URLSearchParams, thisYear: number) {
  const y = Number(p.get('year'));
  const unitId = Number(p.get('unitId'));
  const ind = IndicatorCode.safeParse(p.get('indicator'));
  const kind = p.get('kind');
  return {
    filters: {
      year: Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : thisYear,
      ...(Number.isInteger(unitId) && unitId > 0 ? { unitId } : {}),
      ...(ind.success ? { indicator: ind.data } : {}),
    } as TargetFilters,
    kind: kind && kind in KIND_ORDER ? (kind as UnitKind) : undefined,
    view: p.get('view') === 'list' ? ('list' as const) : ('matrix' as const),
  };
}

/** 目标任务: every unit's yearly targets, what is done so far, and whether it keeps pace with the year (序时进度). */
export function TargetsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useCurrentUser();
  const { modal, message } = App.useApp();
  const onError = useErrorHandler();
  const canEdit = assessmentAccess.editTargets(me);
  const thisYear = shanghaiYear();
  const [params, setQuery] = useSearchPatch();
  const { filters, kind, view } = useMemo(() => readParams(params, thisYear), [params, thisYear]);
  const list = useTargets(filters);
  const remove = useDeleteTarget();
  const [modalState, setModalState] = useState<TargetModalState | null>(null);
  const [importing, setImporting] = useState(false);
  const [busy, setBusy] = useState<'export' | 'template' | null>(null);


  const rows = useMemo(() => [...(list.data ?? []).filter((r) => !kind || r.unitKind === kind)].sort(byUnitThenIndicator), [list.data, kind]);

  const withTarget = rows.filter((r) => r.completion !== null);
  const ahead = withTarget.filter((r) => r.completion! >= r.timeProgress).length;
  const behind = withTarget.length - ahead;

  
  const run = async (what: 'export' | 'template') => {
    setBusy(what);
    try {
      await (what === 'export' ? exportTargets(filters) : downloadTargetTemplate());
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };

  const confirmDelete = (r: TargetRow) =>
    modal.confirm({
      title: t('assessment.targets.deleteTitle', { unit: r.unitName, indicator: indicatorName(r.indicator, lang), year: r.year }),
      content: t('assessment.targets.deleteText', { annual: formatIndicator(r.indicator, r.annual, lang) }),
      okText: t('common.delete'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'target-delete-ok' } as object) },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove
          .mutateAsync({ unitId: r.unitId, indicator: r.indicator, year: r.year })
          .then(() => void message.success(t('assessment.targets.deleted')))
          .catch((e: unknown) => onError(e)),
    });

  const num = (r: TargetRow, v: number) => (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatIndicatorNumber(r.indicator, v)}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {' '}
        {entryUnit(r.indicator, lang)}
      </Typography.Text>
    </span>
  );

  const columns: TableProps<TargetRow>['columns'] = [
    {
      title: t('assessment.unit'),
      key: 'unit',
      width: 170,
      fixed: 'left',
      render: (_, r) => (
        <Flex vertical gap={0}>
          <span style={{ fontWeight: 500 }} data-testid="target-row-unit">
            {r.unitName}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`org.kinds.${r.unitKind}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('assessment.indicator'),
      key: 'indicator',
      width: 140,
      render: (_, r) => <span data-testid="target-row-indicator">{indicatorName(r.indicator, lang)}</span>,
    },
    {
      title: t('assessment.targets.annualCol'),
      key: 'annual',
      width: 150,
      align: 'right',
      render: (_, r) => (
        <span data-testid="target-row-annual" data-value={r.annual}>
          {num(r, r.annual)}
        </span>
      ),
    },
    {
      title: t('assessment.targets.splitCol'),
      key: 'split',
      width: 84,
      render: (_, r) =>
        r.split === 'none' || !r.parts ? (
          <Typography.Text type="secondary">{t('assessment.splits.none')}</Typography.Text>
        ) : (
          <Tooltip
            title={
              <div style={{ fontVariantNumeric: 'tabular-nums' }}>
                {r.parts.map((p, i) => (
                  <div key={i}>
                    {r.split === 'quarter' ? t('assessment.targets.quarterN', { n: i + 1 }) : t('assessment.targets.monthN', { n: i + 1 })}：{formatIndicator(r.indicator, p, lang)}
                  </div>
                ))}
              </div>
            }
          >
            <Tag bordered={false} color="geekblue" style={{ cursor: 'help' }} data-testid="target-row-split" data-split={r.split}>
              {t(`assessment.splits.${r.split}`)}
            </Tag>
          </Tooltip>
        ),
    },
    {
      title: t('assessment.targets.actualCol'),
      key: 'actual',
      width: 150,
      align: 'right',
      render: (_, r) => (
        <span data-testid="target-row-actual" data-value={r.actual}>
          {num(r, r.actual)}
        </span>
      ),
    },
    {
      title: (
        <Tooltip title={t('assessment.targets.completionHelp')}>
          <span style={{ borderBottom: '1px dashed rgba(0,0,0,0.35)', cursor: 'help' }}>{t('assessment.targets.completionCol')}</span>
        </Tooltip>
      ),
      key: 'completion',
      width: 300,
      sorter: (a, b) => (a.completion ?? -1) - (b.completion ?? -1),
      render: (_, r) => <CompletionBar completion={r.completion} timeProgress={r.timeProgress} width={120} withTime testId="target-row-completion" />,
    },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            fixed: 'right' as const,
            render: (_: unknown, r: TargetRow) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setModalState({ mode: 'edit', row: r })} data-testid="target-edit">
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" danger icon={<DeleteOutlined />} onClick={() => confirmDelete(r)} data-testid="target-delete">
                  {t('common.delete')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const filtered = !!(filters.unitId || filters.indicator || kind);
  const yearLabel = t('assessment.yearLabel', { year: filters.year });
  const emptyText = filtered ? t('assessment.targets.emptyFiltered') : canEdit ? t('assessment.targets.emptyWriter', { year: filters.year }) : t('assessment.targets.emptyReader', { year: filters.year });

  return (
    <>
      <PageHeader
        title={t('assessment.targets.title')}
        extra={
          <>
            {canEdit ? (
              <>
                <Button icon={<FileExcelOutlined />} loading={busy === 'template'} onClick={() => void run('template')} data-testid="targets-template">
                  {t('assessment.import.template')}
                </Button>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="targets-import">
                  {t('assessment.import.button')}
                </Button>
              </>
            ) : null}
            <Button icon={<DownloadOutlined />} loading={busy === 'export'} onClick={() => void run('export')} data-testid="targets-export">
              {t('assessment.export')}
            </Button>
            {canEdit ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setModalState({ mode: 'create', year: filters.year, unitId: filters.unitId, indicator: filters.indicator })}
                data-testid="targets-create"
              >
                {t('assessment.targets.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <FilterBar align="middle">
          <Col flex="none">
            <Labeled label={t('assessment.year')}>
              <YearPicker value={filters.year} onChange={(year) => setQuery({ year: year === thisYear ? undefined : year })} testId="targets-year" />
            </Labeled>
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('assessment.unitKind')}
              value={kind}
              onChange={(v: UnitKind | undefined) => setQuery({ kind: v })}
              options={KIND_FILTER.map((k) => ({ value: k, label: t(`org.kinds.${k}`) }))}
              data-testid="targets-kind"
            />
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <UnitPicker
              allowClear
              placeholder={t('assessment.unit')}
              value={filters.unitId}
              onChange={(v: number | undefined) => setQuery({ unitId: v })}
              testId="targets-unit"
            />
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('assessment.indicator')}
              value={filters.indicator}
              onChange={(v: IndicatorCode | undefined) => setQuery({ indicator: v })}
              options={INDICATORS.map((i) => ({ value: i.code, label: indicatorName(i.code, lang) }))}
              data-testid="targets-indicator"
            />
          </Col>
          <Col flex="none">
            <Button disabled={!filtered} onClick={() => setQuery({ kind: undefined, unitId: undefined, indicator: undefined })}>
              {t('common.reset')}
            </Button>
          </Col>
      </FilterBar>
      <LoadError error={list.error} />
      <Card
        size="small"
        styles={{ body: { padding: 0 } }}
        extra={
          <Segmented<'matrix' | 'list'>
            value={view}
            onChange={(v) => setQuery({ view: v === 'list' ? 'list' : undefined })}
            options={[
              { value: 'matrix', icon: <AppstoreOutlined />, label: <span data-testid="targets-view-matrix">{t('assessment.targets.viewMatrix')}</span> },
              { value: 'list', icon: <BarsOutlined />, label: <span data-testid="targets-view-list">{t('assessment.targets.viewList')}</span> },
            ]}
          />
        }
        title={
          <Flex gap={20} wrap align="center" style={{ fontWeight: 400, padding: '4px 0' }} data-testid="targets-summary">
            <span>
              <Typography.Text strong>{yearLabel}</Typography.Text>
            </span>
            <span data-testid="targets-count" data-value={rows.length}>
              {t('assessment.targets.count', { n: formatCount(rows.length) })}
            </span>
            <span style={{ color: AHEAD }} data-testid="targets-ahead" data-value={ahead}>
              ● {t('assessment.targets.aheadCount', { n: ahead })}
            </span>
            <span style={{ color: BEHIND }} data-testid="targets-behind" data-value={behind}>
              ● {t('assessment.targets.behindCount', { n: behind })}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('assessment.targets.legend')}
            </Typography.Text>
          </Flex>
        }
      >
        {view === 'matrix' ? (
          <TargetsMatrix
            rows={rows}
            order={byUnitThenIndicator}
            loading={list.isFetching}
            onEdit={canEdit ? (r) => setModalState({ mode: 'edit', row: r }) : undefined}
            onCreate={canEdit ? (unitId, indicator) => setModalState({ mode: 'create', year: filters.year, unitId, indicator }) : undefined}
            empty={emptyText}
          />
        ) : (
          <div data-testid="targets-table">
            <Table<TargetRow>
              rowKey={(r) => `${r.unitId}:${r.indicator}:${r.year}`}
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={list.isFetching}
              sticky={{ offsetHeader: 56 }}
              scroll={{ x: 1144 }}
              showSorterTooltip={false}
              locale={{
                emptyText: (
                  <EmptyState description={emptyText}>
                    {!filtered && canEdit ? (
                      <Space>
                        <Button type="primary" icon={<PlusOutlined />} onClick={() => setModalState({ mode: 'create', year: filters.year })}>
                          {t('assessment.targets.create')}
                        </Button>
                        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                          {t('assessment.import.button')}
                        </Button>
                      </Space>
                    ) : null}
                  </EmptyState>
                ),
              }}
              pagination={{
                defaultPageSize: 50,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100, 200],
                showTotal: (n) => (
                  <span data-testid="targets-total" data-total={n}>
                    {t('common.total', { n: formatCount(n) })}
                  </span>
                ),
                style: { padding: '0 16px' },
              }}
            />
          </div>
        )}
      </Card>
      {modalState ? <TargetModal state={modalState} onClose={() => setModalState(null)} /> : null}
      {importing ? <TargetImportModal year={filters.year} onClose={() => setImporting(false)} /> : null}
    </>
  );
}

