import { useMemo, useState } from 'react';
import { Button, Col, Flex, List, Select, Switch, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_KINDS, type Notification, type NotificationKind } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { NotificationItem } from './notification-item';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from './notifications-api';
import { EmptyState, FilterBar, ListCard, LoadError, LoadMore } from '../../shared/list-page';

/** 通知中心: every notification of mine, filters above, newest first. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const [kind, setKind] = useState<NotificationKind | undefined>();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications({ ...(kind ? { kind } : {}), ...(unreadOnly ? { unread: '1' as const } : {}) });
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: (e) => onError(e) });
    if (n.link?.startsWith('/')) void navigate(n.link);
  };

  return (
    <>
      <PageHeader
        title={t('notify.page.title')}
        extra={
          <Button disabled={!unread.data} loading={markAll.isPending} onClick={() => markAll.mutate(undefined, { onError: (e) => onError(e) })} data-testid="notifications-mark-all">
            {t('notify.page.markAll')}
          </Button>
        }
      />
      <FilterBar align="middle">
          <Col xs={24} sm={10} lg={6}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('notify.page.kind')}
              value={kind}
              onChange={(v: NotificationKind | undefined) => setKind(v)}
              options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: t(`notify.kinds.${k}`) }))}
              data-testid="notifications-kind"
            />
          </Col>
          <Col xs={24} sm={14} lg={10}>
            <Flex gap={8} align="center">
              <Switch checked={unreadOnly} onChange={setUnreadOnly} data-testid="notifications-unread-only" />
              <span>{t('notify.page.unreadOnly')}</span>
              <Typography.Text type="secondary" style={{ marginInlineStart: 12 }} data-testid="notifications-unread">
                {t('notify.page.unread', { n: unread.data ?? 0 })}
              </Typography.Text>
            </Flex>
          </Col>
      </FilterBar>
      <LoadError error={list.error} />
      <ListCard>
        <List
          data-testid="notifications-list"
          loading={list.isPending}
          dataSource={items}
          locale={{ emptyText: <EmptyState description={kind || unreadOnly ? t('notify.page.empty') : t('notify.bell.empty')} /> }}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              style={{ padding: '12px 16px', background: n.readAt ? undefined : '#f5f9ff' }}
              actions={[
                ...(n.link?.startsWith('/') ? [<a key="open" onClick={() => open(n)}>{t('notify.page.open')}</a>] : []),
                ...(!n.readAt ? [<a key="read" onClick={() => markRead.mutate(n.id, { onError: (e) => onError(e) })} data-testid="notification-read">{t('notify.page.markRead')}</a>] : []),
              ]}
            >
              <NotificationItem n={n} />
            </List.Item>
          )}
        />
        {items.length ? (
          <LoadMore shown={t('notify.page.shown', { n: items.length })} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} more={t('notify.page.loadMore')} end={t('notify.page.end')} />
        ) : null}
      </ListCard>
    </>
  );
}
