import { Button, Drawer, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PointsLedger } from './points-ledger';
import { periodText } from '../../shared/format';

export type PointsDrawerSubject = { kind: 'unit' | 'person'; id: number; name: string };

/** A unit's or a person's points in a period, each explained: what a rank is made of. */
export function PointsDrawer({ subject, period, onClose }: { subject: PointsDrawerSubject; period: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const filters = subject.kind === 'unit' ? { unitId: subject.id, period } : { userId: subject.id, period };
  const link = `/points?${new URLSearchParams(Object.entries(filters).map(([k, v]) => [k, String(v)])).toString()}`;
  return (
    <Drawer
      open
      size={640}
      onClose={onClose}
      title={
        <Flex vertical>
          <span data-testid="points-drawer-title">{t('assessment.points.drawerTitle', { name: subject.name })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
            {periodText(period, i18n.language)}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Link to={link}>
          <Button size="small" data-testid="points-drawer-open">
            {t('assessment.points.openLedger')}
          </Button>
        </Link>
      }
      data-testid="points-drawer"
    >
      <PointsLedger filters={filters} compact />
    </Drawer>
  );
}
