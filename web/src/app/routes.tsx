/**
 * The console's pages. Each feature folder exports its pages; the driver portal mounts its
 * own routes under /portal (web/src/portal/routes.tsx).
 */
import type { RouteObject } from 'react-router';
import { AlertsPage } from '../features/alerts/AlertsPage.tsx';
import { BillingPage } from '../features/billing/BillingPage.tsx';
import { Dashboard } from '../features/dashboard/Dashboard.tsx';
import { DriverPage } from '../features/drivers/DriverPage.tsx';
import { DriversPage } from '../features/drivers/DriversPage.tsx';
import { OperatorsPage } from '../features/operators/OperatorsPage.tsx';
import { Reports } from '../features/reports/Reports.tsx';
import { SessionPage } from '../features/sessions/SessionPage.tsx';
import { SessionsList } from '../features/sessions/SessionsList.tsx';
import { StationPage } from '../features/stations/StationPage.tsx';
import { StationsList } from '../features/stations/StationsList.tsx';
import { TariffEditor } from '../features/tariffs/TariffEditor.tsx';
import { TariffsList } from '../features/tariffs/TariffsList.tsx';
import { TokensPage } from '../features/tokens/TokensPage.tsx';

export const consoleRoutes: RouteObject[] = [
  { index: true, element: <Dashboard /> },
  { path: 'stations', element: <StationsList /> },
  { path: 'stations/:id', element: <StationPage /> },
  { path: 'sessions', element: <SessionsList /> },
  { path: 'sessions/:id', element: <SessionPage /> },
  { path: 'drivers', element: <DriversPage /> },
  { path: 'drivers/:id', element: <DriverPage /> },
  { path: 'tokens', element: <TokensPage /> },
  { path: 'tariffs', element: <TariffsList /> },
  { path: 'tariffs/new', element: <TariffEditor /> },
  { path: 'tariffs/:id', element: <TariffEditor /> },
  { path: 'billing', element: <BillingPage /> },
  { path: 'reports', element: <Reports /> },
  { path: 'alerts', element: <AlertsPage /> },
  { path: 'operators', element: <OperatorsPage /> },
];
