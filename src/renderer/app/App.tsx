/**
 * The window: header with the station status, left navigation, the current page, toasts.
 */
import type { ReactElement } from 'react';
import { ConnectionBanner } from '../components/ConnectionBanner.tsx';
import { PanelErrorBoundary } from '../components/PanelErrorBoundary.tsx';
import { Toasts } from '../components/Toasts.tsx';
import { LivePage } from '../features/live/LivePage.tsx';
import { ModelsPage } from '../features/models/ModelsPage.tsx';
import { MapPage } from '../features/map/MapPage.tsx';
import { StationsPage } from '../features/stations/StationsPage.tsx';
import { MetricsPage } from '../features/metrics/MetricsPage.tsx';
import { ClassesPage } from '../features/classes/ClassesPage.tsx';
import { ComingSoon } from '../features/placeholder/ComingSoon.tsx';
import { ReviewPage } from '../features/review/ReviewPage.tsx';
import { ExportDialog } from '../features/review/ExportDialog.tsx';
import { SessionsPage } from '../features/sessions/SessionsPage.tsx';
import { NavBar } from './NavBar.tsx';
import { ROUTES, useRoute, type RouteId } from './routes.ts';
import { StationStatusBar } from './StationStatusBar.tsx';
import { useBootstrap } from './use-bootstrap.ts';
import { runMenuCommand, useMenuCommands } from './use-menu-commands.ts';

function Page({ route }: { route: RouteId }): ReactElement {
  if (route === 'live') return <LivePage />;
  if (route === 'models') return <ModelsPage />;
  if (route === 'map') return <MapPage />;
  if (route === 'stations') return <StationsPage />;
  if (route === 'review') return <ReviewPage />;
  if (route === 'sessions') return <SessionsPage />;
  if (route === 'metrics') return <MetricsPage />;
  if (route === 'classes') return <ClassesPage />;
  const label = ROUTES.find((r) => r.id === route)?.label ?? route;
  return <ComingSoon title={label} />;
}

export function App() {
  const route = useRoute();
  const info = useBootstrap();
  useMenuCommands();
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">
            Acoustic Inference
            <span className="brand-sub">Workstation</span>
          </span>
        </div>
        <PanelErrorBoundary title="Station status">
          <StationStatusBar />
        </PanelErrorBoundary>
        {/* The browser has no application menu: this runs File → Export's command. */}
        <button type="button" className="btn btn-small header-export" data-testid="export-menu" title="Export: PNG of the view or a plot, CSV, WAV" onClick={() => runMenuCommand('export:png')}>
          Export…
        </button>
      </header>
      <NavBar current={route} version={info?.version} />
      <main className="content">
        <ConnectionBanner />
        <PanelErrorBoundary key={route} title={route}>
          <Page route={route} />
        </PanelErrorBoundary>
      </main>
      <ExportDialog />
      <Toasts />
    </div>
  );
}
