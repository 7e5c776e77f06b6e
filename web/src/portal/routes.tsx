/**
 * The driver portal's routes, mounted at /portal, and the short link a station's QR code
 * carries (/charge/{stationId}/{evseId}), which App.tsx mounts at the top level.
 */
import { Navigate, type RouteObject, useParams } from 'react-router';
import { Register } from './auth/Register.tsx';
import { PortalSignIn } from './auth/PortalSignIn.tsx';
import { AccountPage } from './billing/AccountPage.tsx';
import { ReceiptPage } from './billing/ReceiptPage.tsx';
import { Receipts } from './billing/Receipts.tsx';
import { ChargeHome } from './charge/ChargeHome.tsx';
import { StationPage } from './charge/StationPage.tsx';
import { PortalLayout } from './PortalLayout.tsx';
import { History } from './sessions/History.tsx';
import { LiveSession } from './sessions/LiveSession.tsx';
import { Cards } from './tokens/Cards.tsx';
import './portal.css';

export const portalRoutes: RouteObject[] = [
  { path: 'signin', element: <PortalSignIn /> },
  { path: 'register', element: <Register /> },
  {
    element: <PortalLayout />,
    children: [
      { index: true, element: <ChargeHome /> },
      { path: 'charge/:stationId/:evseId?', element: <StationPage /> },
      { path: 'sessions', element: <History /> },
      { path: 'sessions/:id', element: <LiveSession /> },
      { path: 'cards', element: <Cards /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'receipts', element: <Receipts /> },
      { path: 'receipts/:id', element: <ReceiptPage /> },
    ],
  },
];

function QrLink() {
  const { stationId = '', evseId } = useParams();
  const to = `/portal/charge/${encodeURIComponent(stationId)}${evseId ? `/${encodeURIComponent(evseId)}` : ''}`;
  return <Navigate to={to} replace />;
}

/** Top-level routes of the portal: the link printed in a station's QR code. */
export const portalLinkRoutes: RouteObject[] = [{ path: '/charge/:stationId/:evseId?', element: <QrLink /> }];
