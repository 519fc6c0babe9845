import { Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import type { Me } from '@wutong/contracts';
import { arbitrationAccess, ArbitrationsPage } from '../features/arbitrations';
import { assessmentAccess, FxRatesPage, TargetsPage } from '../features/assessment';
import { AuditPage } from '../features/audit';
import { can, ChangePasswordPage, CurrentUserProvider, LoginPage, meKey, useCurrentUser, useMe } from '../features/auth';
import { bulletinAccess, BulletinPage, BulletinsPage } from '../features/bulletins';
import { BigscreenPage, cockpitAccess, CockpitPage } from '../features/cockpit';
import { coordinationAccess, CoordinationItemPage, CoordinationMeetingPage, CoordinationPage } from '../features/coordination';
import { enterpriseAccess, EnterpriseImportPage, EnterprisesPage } from '../features/enterprises';
import { NotificationsPage } from '../features/notifications';
import { OrgPage } from '../features/org';
import { PointsPage, RankingsPage, ScoringRulesPage } from '../features/points';
import { InboxPage, projectAccess, ProjectPage, ProjectsPage, ReportLeadPage, SlaPage } from '../features/projects';
import { schedulerAccess, SchedulerPage } from '../features/scheduler';
import { tripAccess, TripDetailPage, TripsPage } from '../features/trips';
import { UsersPage } from '../features/users';
import { webhookAccess, WebhooksPage } from '../features/webhooks';
import { WorkbenchPage } from '../features/workbench';
import { ApiError, setAuthHandlers } from '../shared/api-client';
import { lazyPage, setAfterSignIn } from '../shared/lazy-page';
import { i18n } from './i18n';
import { queryClient } from './query-client';

// one chunk per page (the features' indexes load theirs lazily): the login screen must not pay for tables, trees and pickers
const Shell = lazyPage(() => import('./shell'), 'Shell');
const ForbiddenPage = lazyPage(() => import('../shared/status-pages'), 'ForbiddenPage');
const NotFoundPage = lazyPage(() => import('../shared/status-pages'), 'NotFoundPage');
setAfterSignIn([Shell.preload, WorkbenchPage.preload]);

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
      { path: 'leads/new', element: <Require allow={projectAccess.reportLead}><ReportLeadPage /></Require> },
      { path: 'inbox', element: <Require allow={projectAccess.intake}><InboxPage /></Require> },
      { path: 'projects/:id', element: <Require allow={projectAccess.projects}><ProjectPage /></Require> },
      { path: 'arbitrations', element: <Require allow={arbitrationAccess.list}><ArbitrationsPage /></Require> },
      { path: 'org', element: <Require allow={can.readOrg}><OrgPage /></Require> },
      { path: 'users', element: <Require allow={can.readUsers}><UsersPage /></Require> },
      { path: 'audit', element: <Require allow={can.readAudit}><AuditPage /></Require> },
      { path: 'projects', element: <Require allow={projectAccess.projects}><ProjectsPage /></Require> },
      { path: 'enterprises', element: <Require allow={enterpriseAccess.list}><EnterprisesPage /></Require> },
      { path: 'enterprises/import', element: <Require allow={enterpriseAccess.import}><EnterpriseImportPage /></Require> },
      { path: 'trips', element: <Require allow={tripAccess.list}><TripsPage /></Require> },
      { path: 'trips/:id', element: <Require allow={tripAccess.list}><TripDetailPage /></Require> },
      { path: 'settings/sla', element: <Require allow={projectAccess.slaSettings}><SlaPage /></Require> },
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
      { path: 'scheduler', element: <Require allow={schedulerAccess.scheduler}><SchedulerPage /></Require> },
      { path: 'webhooks', element: <Require allow={webhookAccess.webhooks}><WebhooksPage /></Require> },
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

