import { useCallback, useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Col, Drawer, Flex, Grid, Row, Segmented, Typography } from 'antd';
import { AppstoreOutlined, FilterOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useSearchPatch } from '../../shared/use-search-patch';
import { useTranslation } from 'react-i18next';
import type { Stage } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useIndustries } from '../industries';
import { formatCount } from '../../shared/format';
import { LightChips, ProjectFilterControls, ProjectSearch, ResetFilters, StageChips } from './project-filters';
import { activeFilterCount, filterPatch, readProjectParams, type ProjectFilters, type ProjectSort, type ProjectView } from './project-query';
import { ProjectBoard, ProjectCards, ProjectTable, type Lookups } from './project-views';
import { exportProjects, useBoard, useKeyBlocks, useProjectList } from './projects-api';
import { EmptyState, ExportButton, ListCard, LoadMore } from '../../shared/list-page';

export function ProjectsPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [params, setQuery, setParams] = useSearchPatch();
  const { filters, sort, view } = useMemo(() => readProjectParams(params), [params]);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const list = useProjectList(filters, sort, view === 'table');
  const board = useBoard(filters, view === 'board');
  const blocks = useKeyBlocks();
  const industries = useIndustries();
  const lookups: Lookups = useMemo(
    () => ({ blocks: new Map((blocks.data ?? []).map((b) => [b.id, b])), industries: industries.data?.byCode }),
    [blocks.data, industries.data],
  );

  const setFilters = useCallback((patch: Partial<ProjectFilters>) => setQuery(filterPatch(patch)), [setQuery]);
  const setSort = (s: ProjectSort) => setQuery({ sort: s.sort, dir: s.sort ? s.dir : undefined });
  const setView = (v: ProjectView) => setQuery({ view: v === 'board' ? 'board' : undefined });
  const reset = () => setParams(view === 'board' ? new URLSearchParams({ view: 'board' }) : new URLSearchParams(), { replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const boardColumns = useMemo(() => {
    const cols = board.data?.columns ?? [];
    return filters.stage?.length ? cols.filter((c) => filters.stage!.includes(c.stage)) : cols;
  }, [board.data, filters.stage]);
  const total = view === 'board' ? boardColumns.reduce((n, c) => n + c.total, 0) : list.data?.pages[0]?.total;
  const loading = view === 'board' ? board.isFetching : list.isFetching && !list.isFetchingNextPage;
  const error = view === 'board' ? board.error : list.error;
  const nFilters = activeFilterCount(filters);


  const empty = nFilters ? (
    <EmptyState description={t('projects.emptyFiltered')}>
      <ResetFilters disabled={false} onReset={reset} />
    </EmptyState>
  ) : (
    <EmptyState description={t('projects.empty')}>
      <Link to="/leads/new">
        <Button type="primary" icon={<PlusOutlined />}>
          {t('projects.reportLead')}
        </Button>
      </Link>
    </EmptyState>
  );

  const viewSwitch = (
    <Segmented<ProjectView>
      value={view}
      onChange={setView}
      data-testid="projects-view"
      options={[
        { value: 'table', icon: <UnorderedListOutlined />, label: <span data-testid="projects-view-table">{t('projects.viewTable')}</span> },
        { value: 'board', icon: <AppstoreOutlined />, label: <span data-testid="projects-view-board">{t('projects.viewBoard')}</span> },
      ]}
    />
  );

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        extra={
          <>
            {mobile ? null : viewSwitch}
            <ExportButton onExport={() => exportProjects(filters, sort)} testId="projects-export">
              {t('projects.export')}
            </ExportButton>
            <Link to="/leads/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="projects-report">
                {t('projects.reportLead')}
              </Button>
            </Link>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }} data-testid="projects-filters">
        {mobile ? (
          <Flex vertical gap={10}>
            <Flex gap={8}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <ProjectSearch value={filters.q} onChange={(q) => setFilters({ q })} />
              </div>
              <Badge count={nFilters - (filters.q ? 1 : 0)} size="small">
                <Button icon={<FilterOutlined />} onClick={() => setDrawerOpen(true)} data-testid="projects-more-filters">
                  {t('projects.filters.more')}
                </Button>
              </Badge>
            </Flex>
            <div style={{ overflowX: 'auto', whiteSpace: 'nowrap' }}>
              <StageChips value={filters.stage} onChange={(stage) => setFilters({ stage })} />
            </div>
            <LightChips value={filters.light} onChange={(light) => setFilters({ light })} />
          </Flex>
        ) : (
          <Flex vertical gap={12}>
            <Row gutter={[12, 12]} align="middle">
              <Col xs={24} lg={8}>
                <ProjectSearch value={filters.q} onChange={(q) => setFilters({ q })} />
              </Col>
              <Col xs={24} lg={16}>
                <StageChips value={filters.stage} onChange={(stage) => setFilters({ stage })} />
              </Col>
            </Row>
            <ProjectFilterControls filters={filters} onChange={setFilters} hideStage />
          </Flex>
        )}
      </Card>
      <Drawer
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        placement="bottom"
        size="85%"
        title={t('projects.filters.more')}
        data-testid="projects-filter-drawer"
        footer={
          <Flex gap={8}>
            <ResetFilters block disabled={!nFilters} onReset={reset} />
            <Button block type="primary" onClick={() => setDrawerOpen(false)}>
              {t('projects.filters.showResults', { n: total === undefined ? '…' : formatCount(total) })}
            </Button>
          </Flex>
        }
      >
        {drawerOpen ? <ProjectFilterControls filters={filters} onChange={setFilters} stacked hideStage /> : null}
      </Drawer>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8, minHeight: 32 }}>
        <Flex align="center" gap={8} wrap>
          {mobile ? viewSwitch : null}
          <Typography.Text data-testid="projects-total" data-total={total ?? ''} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {total === undefined ? t('common.loading') : t('common.total', { n: formatCount(total) })}
          </Typography.Text>
          {nFilters ? <Typography.Text type="secondary">{t('projects.filtersActive', { n: nFilters })}</Typography.Text> : null}
        </Flex>
        {!mobile && nFilters ? <ResetFilters disabled={false} onReset={reset} /> : null}
      </Flex>
      {error ? <Alert type="error" showIcon title={t('errors.loadFailed')} description={error.message} style={{ marginBottom: 12 }} /> : null}
      {view === 'board' ? (
        <ProjectBoard
          columns={boardColumns}
          loading={loading}
          mobile={mobile}
          onShowStage={(stage: Stage) => setQuery({ view: undefined, ...filterPatch({ stage: [stage] }) })}
        />
      ) : (
        <>
          {mobile ? (
            <ProjectCards rows={rows} loading={loading} lookups={lookups} empty={empty} />
          ) : (
            <ListCard>
              <ProjectTable rows={rows} loading={loading} sort={sort} onSort={setSort} lookups={lookups} empty={empty} />
            </ListCard>
          )}
          {rows.length ? (
            <LoadMore shown={t('projects.shown', { shown: formatCount(rows.length), total: formatCount(total ?? rows.length) })} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} more={t('projects.loadMore')} end={t('projects.end')} testId="projects-load-more" shownTestId="projects-shown" />
          ) : null}
        </>
      )}
    </>
  );
}
