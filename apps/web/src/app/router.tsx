import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import type { Me } from '@wutong/contracts';
import { ApiError, setAuthHandlers } from '../shared/api-client';
import { meKey, useMe } from '../features/auth/auth-api';
import { CurrentUserProvider, useCurrentUser } from '../features/auth/current-user';
import { can } from '../features/auth/roles';
import { pipelineAccess } from '../features/projects/access';
import { closedLoop } from '../features/projects/closed-loop-access';
import { coordinationAccess } from '../features/coordination/access';
import { bulletinAccess } from '../features/bulletins/access';
import { assessmentAccess } from '../features/assessment/access';
import { cockpitAccess } from '../features/cockpit/access';
import { systemAccess } from '../features/scheduler/access';
import { i18n } from './i18n';
import { queryClient } from './query-client';

/** One chunk per page: the login screen must not pay for tables, trees and pickers. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const LoginPage = page(() => import('../features/auth/login-page'), 'LoginPage');
const Shell = page(() => import('./shell'), 'Shell');
const WorkbenchPage = page(() => import('../features/workbench/workbench-page'), 'WorkbenchPage');
const ReportLeadPage = page(() => import('../features/projects/report-lead-page'), 'ReportLeadPage');
const InboxPage = page(() => import('../features/projects/inbox-page'), 'InboxPage');
const ProjectPage = page(() => import('../features/projects/project-page'), 'ProjectPage');
const ArbitrationsPage = page(() => import('../features/arbitrations/arbitrations-page'), 'ArbitrationsPage');
const OrgPage = page(() => import('../features/org/org-page'), 'OrgPage');
const UsersPage = page(() => import('../features/users/users-page'), 'UsersPage');
const AuditPage = page(() => import('../features/audit/audit-page'), 'AuditPage');
const ChangePasswordPage = page(() => import('../features/auth/change-password-page'), 'ChangePasswordPage');
const ProjectsPage = page(() => import('../features/projects/projects-page'), 'ProjectsPage');
const EnterprisesPage = page(() => import('../features/enterprises/enterprises-page'), 'EnterprisesPage');
const EnterpriseImportPage = page(() => import('../features/enterprises/import-page'), 'EnterpriseImportPage');
const TripsPage = page(() => import('../features/trips/trips-page'), 'TripsPage');
const TripDetailPage = page(() => import('../features/trips/trip-detail-page'), 'TripDetailPage');
const SlaPage = page(() => import('../features/projects/sla-page'), 'SlaPage');
const CoordinationPage = page(() => import('../features/coordination/coordination-page'), 'CoordinationPage');
const CoordinationItemPage = page(() => import('../features/coordination/item-page'), 'CoordinationItemPage');
const CoordinationMeetingPage = page(() => import('../features/coordination/meeting-page'), 'CoordinationMeetingPage');
const TargetsPage = page(() => import('../features/assessment/targets-page'), 'TargetsPage');
const RankingsPage = page(() => import('../features/assessment/rankings-page'), 'RankingsPage');
const PointsPage = page(() => import('../features/points/points-page'), 'PointsPage');
const ScoringRulesPage = page(() => import('../features/points/scoring-rules-page'), 'ScoringRulesPage');
const FxRatesPage = page(() => import('../features/assessment/fx-rates-page'), 'FxRatesPage');
const CockpitPage = page(() => import('../features/cockpit/cockpit-page'), 'CockpitPage');
const BigscreenPage = page(() => import('../features/cockpit/bigscreen-page'), 'BigscreenPage');
const NotificationsPage = page(() => import('../features/notifications/notifications-page'), 'NotificationsPage');
const SchedulerPage = page(() => import('../features/scheduler/scheduler-page'), 'SchedulerPage');
const WebhooksPage = page(() => import('../features/webhooks/webhooks-page'), 'WebhooksPage');
const BulletinsPage = page(() => import('../features/bulletins/bulletins-page'), 'BulletinsPage');
const BulletinPage = page(() => import('../features/bulletins/bulletin-page'), 'BulletinPage');
const ForbiddenPage = page(() => import('../shared/status-pages'), 'ForbiddenPage');
const NotFoundPage = page(() => import('../shared/status-pages'), 'NotFoundPage');

const Loading = ({ full }: { full?: boolean }) => <div className={full ? 'page-loading full' : 'page-loading'} role="progressbar" aria-busy="true" />;

function loginPath(location: { pathname: string; search: string }) {
  const next = location.pathname + location.search;
  return next === '/' || next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/**
 * Asks the server who is signed in before any of the signed-in area is loaded. `bare` pages (the big
 * screen) are signed in too but render without the admin shell.
 */
function AuthGate({ bare }: { bare?: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading full />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.code === 'unauthenticated') return <Navigate to={loginPath(location)} replace />;
    return (
      <div className="page-loading full" style={{ flexDirection: 'column', gap: 12 }}>
        <p>
          {i18n.t('errors.loadFailed')}: {me.error.message}
        </p>
        <button type="button" onClick={() => void me.refetch()}>
          {i18n.t('common.retry')}
        </button>
      </div>
    );
  }
  return (
    <CurrentUserProvider me={me.data}>
      <Suspense fallback={<Loading full />}>{bare ?? <Shell />}</Suspense>
    </CurrentUserProvider>
  );
}

/** The menu hides what a role cannot use; a typed or bookmarked address gets a clear "no access". */
function Require({ allow, children }: { allow: (me: Pick<Me, 'roles'>) => boolean; children: ReactNode }) {
  const me = useCurrentUser();
  return allow(me) ? children : <ForbiddenPage />;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<Loading full />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/bigscreen',
    element: <AuthGate bare={<Require allow={cockpitAccess.cockpit}><BigscreenPage /></Require>} />,
  },
  {
    path: '/',
    element: <AuthGate />,
    children: [
      { index: true, element: <WorkbenchPage /> },
      { path: 'cockpit', element: <Require allow={cockpitAccess.cockpit}><CockpitPage /></Require> },
      { path: 'leads', element: <Navigate to="/leads/new" replace /> },
      { path: 'leads/new', element: <Require allow={closedLoop.reportLead}><ReportLeadPage /></Require> },
      { path: 'inbox', element: <Require allow={closedLoop.intake}><InboxPage /></Require> },
      { path: 'projects/:id', element: <Require allow={pipelineAccess.projects}><ProjectPage /></Require> },
      { path: 'arbitrations', element: <Require allow={closedLoop.arbitrations}><ArbitrationsPage /></Require> },
      { path: 'org', element: <Require allow={can.readOrg}><OrgPage /></Require> },
      { path: 'users', element: <Require allow={can.readUsers}><UsersPage /></Require> },
      { path: 'audit', element: <Require allow={can.readAudit}><AuditPage /></Require> },
      { path: 'projects', element: <Require allow={pipelineAccess.projects}><ProjectsPage /></Require> },
      { path: 'enterprises', element: <Require allow={pipelineAccess.enterprises}><EnterprisesPage /></Require> },
      { path: 'enterprises/import', element: <Require allow={pipelineAccess.importEnterprises}><EnterpriseImportPage /></Require> },
      { path: 'trips', element: <Require allow={pipelineAccess.trips}><TripsPage /></Require> },
      { path: 'trips/:id', element: <Require allow={pipelineAccess.trips}><TripDetailPage /></Require> },
      { path: 'settings/sla', element: <Require allow={pipelineAccess.slaSettings}><SlaPage /></Require> },
      { path: 'coordination', element: <Require allow={coordinationAccess.list}><CoordinationPage /></Require> },
      { path: 'coordination/meeting', element: <Require allow={coordinationAccess.list}><CoordinationMeetingPage /></Require> },
      { path: 'coordination/:id', element: <Require allow={coordinationAccess.list}><CoordinationItemPage /></Require> },
      { path: 'targets', element: <Require allow={assessmentAccess.targets}><TargetsPage /></Require> },
      { path: 'rankings', element: <Require allow={assessmentAccess.rankings}><RankingsPage /></Require> },
      { path: 'points', element: <Require allow={assessmentAccess.points}><PointsPage /></Require> },
      { path: 'scoring-rules', element: <Require allow={assessmentAccess.scoringRules}><ScoringRulesPage /></Require> },
      { path: 'settings/fx-rates', element: <Require allow={assessmentAccess.fxRates}><FxRatesPage /></Require> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'bulletins', element: <Require allow={bulletinAccess.list}><BulletinsPage /></Require> },
      { path: 'bulletins/:id', element: <Require allow={bulletinAccess.list}><BulletinPage /></Require> },
      { path: 'scheduler', element: <Require allow={systemAccess.scheduler}><SchedulerPage /></Require> },
      { path: 'webhooks', element: <Require allow={systemAccess.webhooks}><WebhooksPage /></Require> },
      { path: 'password', element: <ChangePasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

setAuthHandlers({
  unauthenticated: () => {
    if (router.state.location.pathname !== '/login') void router.navigate(loginPath(router.state.location), { replace: true });
  },
  mustChangePassword: () => {
    void queryClient.invalidateQueries({ queryKey: meKey });
    if (router.state.location.pathname !== '/password') void router.navigate('/password', { replace: true });
  },
});

