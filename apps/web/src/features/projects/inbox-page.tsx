import { useState, type HTMLAttributes } from 'react';
import { Button, Space, Tag, Typography, type TableProps } from 'antd';
import { CheckOutlined, MergeCellsOutlined, RollbackOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProjectListItem } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { day, daysFromToday, money, punct } from '../../shared/format';
import { LightDot } from '../../shared/light-dot';
import { useInbox } from './project-api';
import { useCurrentUser } from '../auth';
import { projectAccess } from './access';
import { DuplicatePair } from './duplicate-review';
import { AcceptModal, MergeModal, RejectModal } from './inbox-dialogs';
import { EmptyState, ListCard, ListTable, LoadError } from '../../shared/list-page';

type Dialog = { kind: 'accept' | 'merge' | 'reject'; lead: ProjectListItem } | null;

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const inbox = useInbox();
  const [dialog, setDialog] = useState<Dialog>(null);
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  const total = inbox.data?.pages[0]?.total ?? 0;
  // suspected duplicates open with their pair side by side, until folded
  const [folded, setFolded] = useState<ReadonlySet<number>>(new Set());
  const held = items.filter((p) => p.duplicateReview === 'pending');
  const expanded = held.filter((p) => !folded.has(p.id)).map((p) => p.id);

  const columns: TableProps<ProjectListItem>['columns'] = [
    {
      title: t('inbox.light'),
      key: 'light',
      width: 70,
      align: 'center',
      render: (_, p) => <LightDot light={p.light} reasons={p.lightReasons} testId="inbox-light" />,
    },
    {
      title: t('inbox.project'),
      key: 'name',
      width: 280,
      render: (_, p) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/projects/${p.id}`} data-testid="inbox-name">
            {p.name}
          </Link>
          {p.duplicateReview === 'pending' ? (
            <Tag color="orange" style={{ marginInlineStart: 6 }} data-testid="inbox-duplicate-tag">
              {t('duplicates.inboxTag')}
            </Tag>
          ) : null}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {p.enterpriseName}
          </Typography.Text>
          {p.lightReasons.length ? (
            <Typography.Text style={{ display: 'block', fontSize: 12, color: p.light === 'red' ? '#c9252d' : '#ad6800' }}>{p.lightReasons.join(punct(i18n.language).semi)}</Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('inbox.reporter'),
      key: 'reporter',
      width: 160,
      render: (_, p) => (
        <>
          <div>{p.unitName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.ownerName ?? t('inbox.unknownReporter')}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('inbox.reportedAt'),
      dataIndex: 'reportedAt',
      width: 130,
      render: (v: string) => (
        <>
          <div>{day(v)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('inbox.waiting', { n: Math.max(0, -daysFromToday(day(v))) })}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('inbox.investment'),
      key: 'investment',
      width: 150,
      align: 'right',
      render: (_, p) => money(p.investmentMinor, p.investmentCurrency, i18n.language),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      fixed: 'right',
      render: (_, p) => (
        <Space size={4} wrap>
          <Button type="primary" size="small" icon={<CheckOutlined />} onClick={() => setDialog({ kind: 'accept', lead: p })} data-testid="inbox-accept">
            {t('inbox.accept')}
          </Button>
          <Button size="small" icon={<MergeCellsOutlined />} onClick={() => setDialog({ kind: 'merge', lead: p })} data-testid="inbox-merge">
            {t('inbox.merge')}
          </Button>
          <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setDialog({ kind: 'reject', lead: p })} data-testid="inbox-reject">
            {t('inbox.reject')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('inbox.title')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('inbox.intro')}
      </Typography.Paragraph>
      {held.length ? (
        <Typography.Paragraph style={{ color: '#ad6800' }} data-testid="inbox-duplicates-note">
          {t('duplicates.inboxNote', { n: held.length })}
        </Typography.Paragraph>
      ) : null}
      <LoadError error={inbox.error} />
      <ListCard>
        <div data-testid="inbox-table">
          <ListTable<ProjectListItem>
            columns={columns}
            dataSource={items}
            loading={inbox.isFetching && !inbox.isFetchingNextPage}
            pagination={false}
            scroll={{ x: 1020 }}
            locale={{ emptyText: <EmptyState description={t('inbox.empty')} /> }}
            onRow={(p) => ({ 'data-testid': 'inbox-row', 'data-project-id': p.id, 'data-duplicate': p.duplicateReview ?? '' }) as HTMLAttributes<HTMLElement>}
            expandable={{
              rowExpandable: (p) => p.duplicateReview === 'pending',
              expandedRowKeys: expanded,
              onExpand: (open, p) =>
                setFolded((cur) => {
                  const next = new Set(cur);
                  if (open) next.delete(p.id);
                  else next.add(p.id);
                  return next;
                }),
              expandedRowRender: (p) => <DuplicatePair leadId={p.id} canDecide={projectAccess.reviewDuplicates(me)} />,
            }}
          />
        </div>
        <div style={{ padding: '10px 16px', display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12 }}>
          <span data-testid="inbox-total">{t('common.total', { n: total.toLocaleString() })}</span>
          {inbox.hasNextPage ? (
            <Button onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
              {t('inbox.loadMore')}
            </Button>
          ) : null}
        </div>
      </ListCard>
      {dialog?.kind === 'accept' ? <AcceptModal lead={dialog.lead} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'merge' ? <MergeModal lead={dialog.lead} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'reject' ? <RejectModal lead={dialog.lead} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
