/** The router: sign-in, the operator console (signed-in operators) and the driver portal. */
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { ActionProvider } from '../actions/ActionProvider.tsx';
import { useSession } from '../api/useSession.ts';
import { SignIn } from '../features/auth/SignIn.tsx';
import { FormatProvider } from '../format/FormatProvider.tsx';
import { I18nProvider, useStrings } from '../i18n/i18n.tsx';
import { portalLinkRoutes, portalRoutes } from '../portal/routes.tsx';
import './actions.ts';
import { Layout } from './Layout.tsx';
import { consoleRoutes } from './routes.tsx';

function RequireOperator() {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  if (session.principal.type !== 'operator') return <Navigate to="/portal" replace />;
  return <Outlet />;
}

function NotFound() {
  const s = useStrings();
  return <p className="page">{s.app.notFound}</p>;
}

const router = createBrowserRouter([
  { path: '/signin', element: <SignIn /> },
  { path: '/portal', children: portalRoutes },
  ...portalLinkRoutes,
  {
    element: <RequireOperator />,
    children: [{ path: '/', element: <Layout />, children: [...consoleRoutes, { path: '*', element: <NotFound /> }] }],
  },
]);

export function App() {
  return (
    <I18nProvider>
      <FormatProvider>
        <ActionProvider>
          <RouterProvider router={router} />
        </ActionProvider>
      </FormatProvider>
    </I18nProvider>
  );
}
