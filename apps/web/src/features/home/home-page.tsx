import { Alert, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, KeyOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header';
import { useCurrentUser } from '../auth/current-user';
import { can, widestReach } from '../auth/roles';

type Shortcut = { to: string; icon: ReactNode; title: string; desc: string; testId: string };

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const reach = widestReach(me.roles);

  const shortcuts: Shortcut[] = [];
  if (can.readOrg(me)) shortcuts.push({ to: '/org', icon: <ApartmentOutlined />, title: t('nav.org'), desc: t('home.orgDesc'), testId: 'home-org' });
  if (can.readUsers(me)) shortcuts.push({ to: '/users', icon: <TeamOutlined />, title: t('nav.users'), desc: t('home.usersDesc'), testId: 'home-users' });
  if (can.readAudit(me)) shortcuts.push({ to: '/audit', icon: <AuditOutlined />, title: t('nav.audit'), desc: t('home.auditDesc'), testId: 'home-audit' });
  shortcuts.push({ to: '/password', icon: <KeyOutlined />, title: t('nav.password'), desc: t('home.passwordDesc'), testId: 'home-password' });

  return (
    <>
      <PageHeader title={t('nav.home')} home />
      <Card data-testid="welcome-card" style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2, xl: 4 }}
          size="small"
          items={[
            { key: 'unit', label: t('home.unit'), children: <span data-testid="home-unit">{me.unitName}</span> },
            { key: 'region', label: t('home.region'), children: me.regionName },
            {
              key: 'roles',
              label: t('home.roles'),
              children: (
                <Space size={4} wrap>
                  {me.roles.map((r) => (
                    <Tag key={r} color="blue" style={{ marginInlineEnd: 0 }}>
                      {t(`roles.${r}`)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              key: 'scope',
              label: t('home.scope'),
              children: (
                <span data-testid="home-scope" data-reach={reach}>
                  {t(`reach.${reach}`, { region: me.regionName, unit: me.unitName })}
                </span>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('home.scopeHint')}
        </Typography.Text>
      </Card>
      <Alert type="info" showIcon title={t('home.upcoming')} style={{ marginBottom: 16 }} />
      <Typography.Title level={5}>{t('home.quick')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {shortcuts.map((s) => (
          <Col key={s.to} xs={24} sm={12} lg={6}>
            <Link to={s.to} data-testid={s.testId}>
              <Card hoverable size="small">
                <Card.Meta
                  avatar={<span style={{ fontSize: 22, color: '#1d4f91' }}>{s.icon}</span>}
                  title={s.title}
                  description={s.desc}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
