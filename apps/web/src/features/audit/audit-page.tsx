import { useEffect, useMemo, useState } from 'react';
import { Button, Col, DatePicker, Select, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { AuditEntry, User } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useDebounced } from '../../shared/use-debounced';
import { useUserOptions } from '../users';
import { useAudit, type AuditFilters } from './audit-api';
import { AuditDiff } from './audit-diff';
import { EmptyState, FilterBar, ListCard, ListTable, LoadError, LoadMore } from '../../shared/list-page';

const ENTITIES = ['org_unit', 'user', 'session', 'login', 'login_address'] as const;
const ACTIONS = ['create', 'update', 'deactivate', 'move', 'delete', 'login', 'logout', 'change_password', 'reset_password', 'login_locked'] as const;
type Entity = (typeof ENTITIES)[number];
type Action = (typeof ACTIONS)[number];
const isEntity = (s: string): s is Entity => (ENTITIES as readonly string[]).includes(s);
const isAction = (s: string): s is Action => (ACTIONS as readonly string[]).includes(s);

const ACTION_COLORS: Partial<Record<Action, string>> = { create: 'green', delete: 'red', deactivate: 'orange', move: 'purple', update: 'blue', login_locked: 'red' };

type Range = [Dayjs | null, Dayjs | null] | null;

export function AuditPage() {
  const { t } = useTranslation();
  const [userId, setUserId] = useState<number | undefined>();
  const [entity, setEntity] = useState<Entity | undefined>();
  const [range, setRange] = useState<Range>(null);
  const [userQ, setUserQ] = useState('');
  const users = useUserOptions(useDebounced(userQ, 300));
  // remember names once seen, so rows keep showing them when the picker's search changes
  const [known, setKnown] = useState<ReadonlyMap<number, User>>(new Map());
  useEffect(() => {
    if (!users.data?.some((u) => !known.has(u.id))) return;
    setKnown((prev) => new Map([...prev, ...(users.data ?? []).map((u) => [u.id, u] as const)]));
  }, [users.data, known]);
  const selectedUser = userId ? known.get(userId) : undefined;
  const userOptions = [...(users.data ?? []), ...(selectedUser && !users.data?.some((u) => u.id === userId) ? [selectedUser] : [])].map((u) => ({
    value: u.id,
    label: `${u.displayName} (${u.username})`,
  }));

  const filters: AuditFilters = {
    ...(userId ? { userId } : {}),
    ...(entity ? { entity } : {}),
    ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
    ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
  };
  const audit = useAudit(filters);
  const rows = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data]);

  const columns: TableProps<AuditEntry>['columns'] = [
    {
      title: t('audit.time'),
      dataIndex: 'at',
      width: 180,
      render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{dayjs(v).format('YYYY-MM-DD HH:mm:ss')}</span>,
    },
    {
      title: t('audit.user'),
      key: 'user',
      width: 180,
      render: (_, e) => {
        const name = e.userId ? known.get(e.userId)?.displayName : undefined;
        return e.username ? (
          <span>
            {name ? `${name} ` : ''}
            <Typography.Text type="secondary">{name ? `(${e.username})` : e.username}</Typography.Text>
          </span>
        ) : (
          t('common.none')
        );
      },
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 130,
      render: (a: string) => <Tag color={isAction(a) ? ACTION_COLORS[a] : undefined}>{isAction(a) ? t(`audit.actions.${a}`) : a}</Tag>,
    },
    { title: t('audit.entity'), dataIndex: 'entity', width: 130, render: (s: string) => (isEntity(s) ? t(`audit.entities.${s}`) : s) },
    { title: t('audit.entityId'), dataIndex: 'entityId', width: 110, render: (v: string | null) => v ?? t('common.none') },
    {
      // the address as received: what a client claims in X-Forwarded-For shows beside it, never instead
      title: t('audit.address'),
      key: 'address',
      width: 160,
      render: (_, e) => (
        <span data-testid="audit-address">
          {e.ip ?? t('common.none')}
          {e.forwardedFor ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('audit.forwardedFor', { value: e.forwardedFor })}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <FilterBar>
          <Col xs={24} sm={12} lg={7}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('audit.allUsers')}
              loading={users.isFetching}
              value={userId}
              onChange={(v: number | undefined) => setUserId(v)}
              showSearch={{ filterOption: false, onSearch: setUserQ }}
              onClear={() => setUserQ('')}
              options={userOptions}
              data-testid="audit-user-filter"
            />
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('audit.allEntities')}
              value={entity}
              onChange={(v: Entity | undefined) => setEntity(v)}
              options={ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
              data-testid="audit-entity-filter"
            />
          </Col>
          <Col xs={24} sm={16} lg={8}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              value={range}
              onChange={(v) => setRange(v)}
              allowEmpty={[true, true]}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="audit-range"
            />
          </Col>
          <Col xs={24} sm={8} lg={4}>
            <Button
              block
              disabled={!userId && !entity && !range}
              onClick={() => {
                setUserId(undefined);
                setEntity(undefined);
                setRange(null);
              }}
            >
              {t('common.reset')}
            </Button>
          </Col>
      </FilterBar>
      <LoadError error={audit.error} />
      <ListCard>
        <div data-testid="audit-table">
          <ListTable<AuditEntry>
            columns={columns}
            dataSource={rows}
            loading={audit.isFetching && !audit.isFetchingNextPage}
            pagination={false}
            sticky={{ offsetHeader: 56 }}
            scroll={{ x: 920 }}
            expandable={{
              expandedRowRender: (e) => <AuditDiff entry={e} />,
              rowExpandable: (e) => e.before !== null || e.after !== null,
              expandRowByClick: true,
            }}
            locale={{ emptyText: <EmptyState description={t('audit.empty')} /> }}
          />
        </div>
        {rows.length ? (
          <LoadMore shown={t('audit.shown', { count: rows.length })} hasMore={!!audit.hasNextPage} loading={audit.isFetchingNextPage} onMore={() => void audit.fetchNextPage()} more={t('audit.loadMore')} end={t('audit.end')} testId="audit-load-more" />
        ) : null}
      </ListCard>
    </>
  );
}
