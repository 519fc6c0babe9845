import { Badge, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Notification, NotificationKind } from '@wutong/contracts';

export const KIND_COLORS: Record<NotificationKind, string> = { bulletin_published: 'blue', red_light: 'red', assignment: 'green', overdue: 'orange' };

/** One notification as a list row: kind, title, body, time; unread ones carry a dot. */
export function NotificationItem({ n, compact }: { n: Notification; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex gap={10} align="flex-start" style={{ width: '100%', minWidth: 0 }} data-testid="notification-item" data-unread={n.readAt ? '0' : '1'}>
      <Badge dot={!n.readAt} offset={[-2, 6]}>
        <Tag color={KIND_COLORS[n.kind]} style={{ marginInlineEnd: 0 }}>
          {t(`notify.kinds.${n.kind}`)}
        </Tag>
      </Badge>
      <Flex vertical style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text strong={!n.readAt} ellipsis={compact ? { tooltip: n.title } : false}>
          {n.title}
        </Typography.Text>
        {n.body ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-line' }} ellipsis={compact ? { rows: 2 } : false}>
            {n.body}
          </Typography.Paragraph>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
