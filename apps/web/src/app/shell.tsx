import { Suspense, useState, type ReactNode } from 'react';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps } from 'antd';
import {
  AimOutlined,
  ReadOutlined,
  ApiOutlined,
  FieldTimeOutlined,
  AlertOutlined,
  DashboardOutlined,
  CalculatorOutlined,
  StarOutlined,
  TransactionOutlined,
  TrophyOutlined,
  ApartmentOutlined,
  NodeIndexOutlined,
  SolutionOutlined,
  AuditOutlined,
  BankOutlined,
  CompassOutlined,
  ProjectOutlined,
  DownOutlined,
  FormOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Me } from '@wutong/contracts';
import { can, useCurrentUser, useLogout } from '../features/auth';
import { coordinationAccess } from '../features/coordination';
import { bulletinAccess } from '../features/bulletins';
import { assessmentAccess } from '../features/assessment';
import { cockpitAccess } from '../features/cockpit';
import { InboxMenuLabel, projectAccess } from '../features/projects';
import { NotificationBell } from '../features/notifications';
import { schedulerAccess } from '../features/scheduler';
import { webhookAccess } from '../features/webhooks';
import { LangSwitch } from '../shared/lang-switch';
import { AntdProvider } from './antd-provider';
import { arbitrationAccess } from '../features/arbitrations';
import { enterpriseAccess } from '../features/enterprises';
import { tripAccess } from '../features/trips';

type NavItem = { key: string; icon: ReactNode; label: ReactNode; testId: string };

function navItems(me: Me, t: TFunction): NavItem[] {
  const items: NavItem[] = [{ key: '/', icon: <HomeOutlined />, label: t('nav.home'), testId: 'menu-home' }];
  // until the initial password is replaced the server refuses everything else anyway
  if (me.mustChangePassword) return items;
  if (cockpitAccess.cockpit(me)) items.push({ key: '/cockpit', icon: <DashboardOutlined />, label: t('cockpit.menu'), testId: 'menu-cockpit' });
  if (projectAccess.reportLead(me)) items.push({ key: '/leads', icon: <FormOutlined />, label: t('lead.menu'), testId: 'menu-report-lead' });
  if (projectAccess.intake(me)) items.push({ key: '/inbox', icon: <InboxOutlined />, label: <InboxMenuLabel label={t('inbox.menu')} />, testId: 'menu-inbox' });
  if (projectAccess.projects(me)) items.push({ key: '/projects', icon: <ProjectOutlined />, label: t('projects.title'), testId: 'menu-projects' });
  if (enterpriseAccess.list(me)) items.push({ key: '/enterprises', icon: <BankOutlined />, label: t('enterprises.title'), testId: 'menu-enterprises' });
  if (tripAccess.list(me)) items.push({ key: '/trips', icon: <CompassOutlined />, label: t('trips.title'), testId: 'menu-trips' });
  if (coordinationAccess.list(me)) items.push({ key: '/coordination', icon: <NodeIndexOutlined />, label: t('coordination.menu'), testId: 'menu-coordination' });
  if (coordinationAccess.meeting(me)) items.push({ key: '/coordination/meeting', icon: <SolutionOutlined />, label: t('coordination.meetingMenu'), testId: 'menu-coordination-meeting' });
  if (arbitrationAccess.list(me)) items.push({ key: '/arbitrations', icon: <SafetyCertificateOutlined />, label: t('arbitration.menu'), testId: 'menu-arbitrations' });
  if (bulletinAccess.list(me)) items.push({ key: '/bulletins', icon: <ReadOutlined />, label: t('bulletins.menu'), testId: 'menu-bulletins' });
  if (assessmentAccess.targets(me)) items.push({ key: '/targets', icon: <AimOutlined />, label: t('assessment.menu.targets'), testId: 'menu-targets' });
  if (assessmentAccess.rankings(me)) items.push({ key: '/rankings', icon: <TrophyOutlined />, label: t('assessment.menu.rankings'), testId: 'menu-rankings' });
  if (assessmentAccess.points(me)) items.push({ key: '/points', icon: <StarOutlined />, label: t('assessment.menu.points'), testId: 'menu-points' });
  if (assessmentAccess.scoringRules(me)) items.push({ key: '/scoring-rules', icon: <CalculatorOutlined />, label: t('assessment.menu.rules'), testId: 'menu-scoring-rules' });
  if (can.readOrg(me)) items.push({ key: '/org', icon: <ApartmentOutlined />, label: t('nav.org'), testId: 'menu-org' });
  if (can.readUsers(me)) items.push({ key: '/users', icon: <TeamOutlined />, label: t('nav.users'), testId: 'menu-users' });
  if (can.readAudit(me)) items.push({ key: '/audit', icon: <AuditOutlined />, label: t('nav.audit'), testId: 'menu-audit' });
  if (schedulerAccess.scheduler(me)) items.push({ key: '/scheduler', icon: <FieldTimeOutlined />, label: t('notify.scheduler.menu'), testId: 'menu-scheduler' });
  if (webhookAccess.webhooks(me)) items.push({ key: '/webhooks', icon: <ApiOutlined />, label: t('notify.webhooks.menu'), testId: 'menu-webhooks' });
  if (projectAccess.slaSettings(me)) items.push({ key: '/settings/sla', icon: <AlertOutlined />, label: t('sla.title'), testId: 'menu-sla' });
  if (assessmentAccess.fxRates(me)) items.push({ key: '/settings/fx-rates', icon: <TransactionOutlined />, label: t('assessment.menu.fx'), testId: 'menu-fx-rates' });
  return items;
}

function Brand({ collapsed, dark }: { collapsed?: boolean; dark?: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        gap: 10,
        padding: collapsed ? '0 24px' : '0 20px',
        color: dark ? '#fff' : '#1d4f91',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
      }}
    >
      <span
        aria-hidden
        style={{
          flex: 'none',
          width: 30,
          height: 30,
          borderRadius: 6,
          background: dark ? '#fff' : '#1d4f91',
          color: dark ? '#1d4f91' : '#fff',
          display: 'grid',
          placeItems: 'center',
          fontWeight: 700,
        }}
      >
        {t('app.mark')}
      </span>
      {collapsed ? null : (
        <span style={{ lineHeight: 1.2 }}>
          <strong style={{ fontSize: 16, display: 'block' }}>{t('app.name')}</strong>
          <span style={{ fontSize: 11, opacity: 0.75 }}>{t('app.subtitle')}</span>
        </span>
      )}
    </div>
  );
}

export function Shell() {
  return (
    <AntdProvider>
      <ShellLayout />
    </AntdProvider>
  );
}

function ShellLayout() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();

  if (me.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;

  const items = navItems(me, t);
  // the longest menu key the address starts with: /projects/12 selects /projects, /settings/sla itself
  const section =
    items
      .map((i) => i.key)
      .filter((k) => k !== '/' && (location.pathname === k || location.pathname.startsWith(`${k}/`)))
      .sort((a, b) => b.length - a.length)[0] ?? `/${location.pathname.split('/')[1] ?? ''}`;
  const menuItems: MenuProps['items'] = items.map((i) => ({
    key: i.key,
    icon: i.icon,
    label: <span data-testid={i.testId}>{i.label}</span>,
  }));
  const onMenu: MenuProps['onClick'] = ({ key }) => {
    setDrawerOpen(false);
    void navigate(key);
  };

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-password">{t('nav.password')}</span> },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="menu-logout">{t('nav.logout')}</span> },
    ],
    onClick: ({ key }) => {
      if (key === 'password') void navigate('/password');
      if (key === 'logout') {
        logout.mutate(undefined, {
          onSettled: () => void navigate('/login', { replace: true, state: { signedOut: true } }),
        });
      }
    },
  };

  const nav = (dark: boolean) => (
    <Menu theme={dark ? 'dark' : 'light'} mode="inline" selectedKeys={[section]} items={menuItems} onClick={onMenu} style={{ borderInlineEnd: 0 }} />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {mobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={264}
          title={<Brand />}
          styles={{ body: { padding: 0 }, header: { padding: '0 8px' } }}
          data-testid="nav-drawer"
        >
          {nav(false)}
        </Drawer>
      ) : (
        <Layout.Sider
          width={224}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Brand collapsed={collapsed} dark />
          {nav(true)}
          {/* room for the collapse handle, which sits over the bottom of the menu */}
          <div aria-hidden style={{ height: 56 }} />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 20,
            height: 56,
            lineHeight: '56px',
            padding: mobile ? '0 8px' : '0 20px',
            background: '#fff',
            borderBottom: '1px solid #eef0f3',
            display: 'flex',
            alignItems: 'center',
            gap: mobile ? 4 : 12,
          }}
        >
          {mobile ? (
            <>
              <Button
                type="text"
                size="large"
                icon={<MenuOutlined />}
                aria-label={t('nav.openMenu')}
                data-testid="menu-toggle"
                onClick={() => setDrawerOpen(true)}
              />
              <strong style={{ color: '#1d4f91', fontSize: 16, whiteSpace: 'nowrap' }}>{t('app.name')}</strong>
            </>
          ) : null}
          <div style={{ flex: 1 }} />
          {me.mustChangePassword ? null : <NotificationBell mobile={mobile} />}
          <LangSwitch signedIn compact={mobile} />
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <button
              type="button"
              data-testid="user-menu"
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 8,
                height: 48,
                padding: '0 6px',
                border: 0,
                background: 'transparent',
                cursor: 'pointer',
                minWidth: 0,
                maxWidth: mobile ? 170 : 320,
              }}
            >
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d4f91', flex: 'none' }} />
              <span style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', lineHeight: 1.3, minWidth: 0 }}>
                <span data-testid="header-user" style={{ fontWeight: 600, maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {me.displayName}
                </span>
                <span
                  data-testid="header-unit"
                  title={me.unitName}
                  style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                >
                  {me.unitName}
                </span>
              </span>
              <DownOutlined style={{ fontSize: 10, color: 'rgba(0,0,0,0.45)', flex: 'none' }} />
            </button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<div className="page-loading" role="progressbar" aria-busy="true" />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
