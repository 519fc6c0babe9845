import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Col, Flex, Input, Progress, Select, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useSearchPatch } from '../../shared/use-search-patch';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { EnterpriseListItem, EnterpriseOrigin } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useCurrentUser } from '../auth';
import { IndustryCascader } from '../industries';
import { formatWan, moneyUnit } from '../../shared/format';
import { ORIGINS } from '../projects';
import { EnterpriseDrawer, type EnterpriseDrawerState } from './enterprise-drawer';
import {
  ENTERPRISE_SORT_KEYS,
  exportEnterprises,
  rememberedJob,
  useEnterprises,
  useImportJob,
  type EnterpriseFilters,
  type EnterpriseSort,
  type EnterpriseSortKey,
} from './enterprises-api';
import { enterpriseAccess } from './access';
import { EmptyState, ExportButton, FilterBar, ListCard, ListTable, LoadError, showTotal } from '../../shared/list-page';

const PAGE_SIZES = [20, 50, 100];
const INDUSTRY = /^(?:[A-T]|\d{2,4})$/;

function readParams(p: URLSearchParams): { filters: EnterpriseFilters; sort: EnterpriseSort } {
  const q = p.get('q')?.trim();
  const industry = p.get('industry');
  const origin = p.get('origin');
  const tag = p.get('tag')?.trim();
  const sort = p.get('sort');
  const order = p.get('order');
  return {
    filters: {
      ...(q ? { q } : {}),
      ...(industry && INDUSTRY.test(industry) ? { industry } : {}),
      ...(origin && (ORIGINS as readonly string[]).includes(origin) ? { origin: origin as EnterpriseOrigin } : {}),
      ...(tag ? { tag } : {}),
    },
    sort: {
      ...(sort && (ENTERPRISE_SORT_KEYS as readonly string[]).includes(sort) ? { sort: sort as EnterpriseSortKey } : {}),
      ...(order === 'asc' || order === 'desc' ? { order } : {}),
    },
  };
}

/** A running import started from this browser: a progress line the user can click back into. */
function RunningImport() {
  const { t } = useTranslation();
  const [id] = useState(rememberedJob);
  const job = useImportJob(id);
  const j = job.data;
  if (!j || j.status === 'done' || j.status === 'failed') return null;
  const pct = j.total > 0 ? Math.floor((j.processed / j.total) * 100) : 0;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="enterprises-import-running"
      title={
        <Flex align="center" gap={12} wrap>
          <span>{t('enterprises.import.running', { file: j.filename })}</span>
          <Progress percent={pct} size="small" style={{ width: 200, margin: 0 }} />
          <Link to="/enterprises/import">{t('enterprises.import.view')}</Link>
        </Flex>
      }
    />
  );
}

export function EnterprisesPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const [params, setQuery, setParams] = useSearchPatch({ resetPage: true });
  const { filters, sort } = useMemo(() => readParams(params), [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const list = useEnterprises(filters, sort, page, pageSize);
  const [q, setQ] = useState(filters.q ?? '');
  const [tag, setTag] = useState(filters.tag ?? '');
  const openId = Number(params.get('id')) || undefined;
  const [creating, setCreating] = useState(false);
  const drawer: EnterpriseDrawerState | null = creating ? { mode: 'create' } : openId ? { mode: params.get('edit') ? 'edit' : 'view', id: openId } : null;


  // search as you type, without a request per keystroke
  useEffect(() => {
    const id = setTimeout(() => {
      const cur = new URLSearchParams(window.location.search);
      if ((cur.get('q') ?? '') !== q.trim()) setQuery({ q: q.trim() || undefined });
      if ((cur.get('tag') ?? '') !== tag.trim()) setQuery({ tag: tag.trim() || undefined });
    }, 350);
    return () => clearTimeout(id);
  }, [q, tag, setQuery]);

  const setDrawer = (s: EnterpriseDrawerState | null) => {
    setCreating(s?.mode === 'create');
    setQuery({ id: s && s.mode !== 'create' ? s.id : undefined, edit: s?.mode === 'edit' ? '1' : undefined }, true);
  };

  const order = (k: EnterpriseSortKey) => {
    const cur = sort.sort ?? 'updatedAt';
    if (cur !== k) return null;
    const dir = sort.order ?? (cur === 'name' ? 'asc' : 'desc');
    return dir === 'asc' ? ('ascend' as const) : ('descend' as const);
  };
  const sortable = (k: EnterpriseSortKey) => ({ key: k, sorter: true, sortOrder: order(k) });
  const none = <Typography.Text type="secondary">—</Typography.Text>;

  const columns: TableProps<EnterpriseListItem>['columns'] = [
    {
      title: t('enterprises.name'),
      dataIndex: 'name',
      width: 280,
      fixed: 'left',
      ...sortable('name'),
      render: (v: string) => (
        <Typography.Link data-testid="enterprise-row-name" style={{ fontWeight: 500 }}>
          {v}
        </Typography.Link>
      ),
    },
    {
      title: t('enterprises.uscc'),
      dataIndex: 'uscc',
      width: 190,
      render: (v: string | null) => (v ? <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 13 }}>{v}</span> : none),
    },
    { title: t('enterprises.legalRep'), dataIndex: 'legalRep', width: 100, render: (v: string | null) => v ?? none },
    {
      title: t('enterprises.regCapitalCol'),
      width: 150,
      align: 'right',
      ...sortable('regCapital'),
      render: (_, e) =>
        e.regCapital ? (
          <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
            {formatWan(e.regCapital.amountMinor)}
            {e.regCapital.currency !== 'CNY' ? <Typography.Text type="secondary"> {moneyUnit(e.regCapital.currency, i18n.language)}</Typography.Text> : null}
          </span>
        ) : (
          none
        ),
    },
    { title: t('enterprises.foundedOn'), dataIndex: 'foundedOn', width: 112, ...sortable('foundedOn'), render: (v: string | null) => v ?? none },
    {
      title: t('enterprises.industry'),
      key: 'industry',
      width: 190,
      ellipsis: true,
      render: (_, e) => (e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : none),
    },
    { title: t('enterprises.origin'), dataIndex: 'origin', width: 100, render: (v: EnterpriseOrigin | null) => (v ? t(`projects.origins.${v}`) : none) },
    {
      title: t('enterprises.tags'),
      dataIndex: 'tags',
      width: 150,
      render: (tags: string[]) => (tags.length ? tags.slice(0, 3).map((x) => <Tag key={x}>{x}</Tag>) : none),
    },
    { title: t('enterprises.updatedAt'), dataIndex: 'updatedAt', width: 112, ...sortable('updatedAt'), render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
  ];

  const filtered = Object.keys(filters).length > 0;
  const canRegister = enterpriseAccess.register(me);
  const emptyText = filtered ? t('enterprises.emptyFiltered') : canRegister ? t('enterprises.emptyWriter') : t('enterprises.emptyReader');

  return (
    <>
      <PageHeader
        title={t('enterprises.title')}
        extra={
          <>
            {enterpriseAccess.import(me) ? (
              <Link to="/enterprises/import">
                <Button icon={<UploadOutlined />} data-testid="enterprises-import">
                  {t('enterprises.import.button')}
                </Button>
              </Link>
            ) : null}
            <ExportButton onExport={() => exportEnterprises(filters, sort)} testId="enterprises-export">
              {t('enterprises.export')}
            </ExportButton>
            {canRegister ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })} data-testid="enterprises-create">
                {t('enterprises.create')}
              </Button>
            ) : null}
          </>
        }
      />
      {enterpriseAccess.import(me) ? <RunningImport /> : null}
      <FilterBar>
          <Col xs={24} lg={8}>
            <Input.Search allowClear placeholder={t('enterprises.q')} value={q} onChange={(e) => setQ(e.target.value)} onSearch={setQ} data-testid="enterprises-q" />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <IndustryCascader
              testId="enterprises-industry-filter"
              value={filters.industry}
              onChange={(i) => setQuery({ industry: i?.code })}
              placeholder={t('enterprises.industry')}
            />
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('enterprises.origin')}
              value={filters.origin}
              onChange={(v: EnterpriseOrigin | undefined) => setQuery({ origin: v })}
              options={ORIGINS.map((o) => ({ value: o, label: t(`projects.origins.${o}`) }))}
              data-testid="enterprises-origin-filter"
            />
          </Col>
          <Col xs={12} sm={6} lg={3}>
            <Input allowClear placeholder={t('enterprises.tag')} value={tag} onChange={(e) => setTag(e.target.value)} data-testid="enterprises-tag-filter" />
          </Col>
          <Col xs={24} lg={3}>
            <Button
              block
              disabled={!filtered}
              onClick={() => {
                setQ('');
                setTag('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('common.reset')}
            </Button>
          </Col>
      </FilterBar>
      <LoadError error={list.error} />
      <ListCard testId="enterprises-table">
          <ListTable<EnterpriseListItem>
            clickable
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1380 }}
            showSorterTooltip={false}
            locale={{
              emptyText: (
                <EmptyState description={emptyText}>
                  {!filtered && canRegister ? (
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
                      {t('enterprises.create')}
                    </Button>
                  ) : null}
                </EmptyState>
              ),
            }}
            onRow={(e) => ({ onClick: () => setDrawer({ mode: 'view', id: e.id }) })}
            onChange={(_p, _f, sorter, extra) => {
              if (extra.action !== 'sort' || Array.isArray(sorter)) return;
              const key = sorter.columnKey as EnterpriseSortKey | undefined;
              setQuery(!sorter.order || !key ? { sort: undefined, order: undefined } : { sort: key, order: sorter.order === 'ascend' ? 'asc' : 'desc' });
            }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: showTotal('enterprises-total'),
              onChange: (p, size) => setQuery({ page: p > 1 && size === pageSize ? p : undefined, size: size === 20 ? undefined : size }),
              style: { padding: '0 16px' },
            }}
          />
      </ListCard>
      {drawer ? <EnterpriseDrawer state={drawer} onChange={setDrawer} /> : null}
    </>
  );
}
