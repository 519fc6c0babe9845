import { useState } from 'react';
import { Badge, Button, Drawer, Flex, List, Spin } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Notification } from '@wutong/contracts';
import { useErrorHandler } from '../../shared/use-error-handler';
import { NotificationItem } from './notification-item';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from './notifications-api';
import { EmptyState } from '../../shared/list-page';

/** The header's bell: the unread count (polled), and a drawer with the latest notifications. */
export function NotificationBell({ mobile }: { mobile?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const list = useNotifications({}, { limit: 20, enabled: open });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: (e) => onError(e) });
    if (n.link?.startsWith('/')) {
      setOpen(false);
      void navigate(n.link);
    }
  };

  return (
    <>
      <Badge count={unread.data ?? 0} overflowCount={99} size="small" offset={[-6, 6]} data-testid="bell-count">
        <Button type="text" size={mobile ? 'large' : 'middle'} icon={<BellOutlined />} aria-label={t('notify.bell.aria')} data-testid="bell" onClick={() => setOpen(true)} />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('notify.bell.title')}
        size={mobile ? 'default' : 420}
        data-testid="bell-drawer"
        extra={
          <Button size="small" disabled={!unread.data} loading={markAll.isPending} onClick={() => markAll.mutate(undefined, { onError: (e) => onError(e) })} data-testid="bell-mark-all">
            {t('notify.bell.markAll')}
          </Button>
        }
        footer={
          <Flex justify="center">
            <Button
              type="link"
              onClick={() => {
                setOpen(false);
                void navigate('/notifications');
              }}
              data-testid="bell-view-all"
            >
              {t('notify.bell.viewAll')}
            </Button>
          </Flex>
        }
        styles={{ body: { padding: 0 } }}
      >
        {list.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : items.length === 0 ? (
          <EmptyState description={t('notify.bell.empty')} style={{ padding: 24 }} />
        ) : (
          <List
            dataSource={items}
            renderItem={(n) => (
              <List.Item
                key={n.id}
                onClick={() => openOne(n)}
                style={{ cursor: n.link ? 'pointer' : 'default', padding: '10px 16px', background: n.readAt ? undefined : '#f5f9ff' }}
              >
                <NotificationItem n={n} compact />
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
