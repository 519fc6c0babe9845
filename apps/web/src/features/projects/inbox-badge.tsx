import { Badge } from 'antd';
import { useInboxCount } from './project-api';

/** The inbox's menu label with the number of leads waiting. */
export function InboxMenuLabel({ label }: { label: string }) {
  const count = useInboxCount(true);
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      {label}
      <Badge count={count.data ?? 0} overflowCount={999} size="small" data-testid="menu-inbox-count" />
    </span>
  );
}
