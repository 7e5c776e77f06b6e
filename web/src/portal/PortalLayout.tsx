/**
 * The portal's frame, made for a phone: a slim top bar (brand, language, sign-out), the page,
 * and a bottom tab bar within thumb's reach. Only signed-in drivers get past it; others are
 * sent to sign in and brought back to the page they asked for (a QR code's link).
 */
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { setSession } from '../api/session.ts';
import { useSession } from '../api/useSession.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { useStrings } from '../i18n/i18n.tsx';

const tabs = [
  { to: '/portal', key: 'charge' },
  { to: '/portal/sessions', key: 'sessions' },
  { to: '/portal/cards', key: 'cards' },
  { to: '/portal/account', key: 'account' },
  { to: '/portal/receipts', key: 'receipts' },
] as const;

export function PortalLayout() {
  const s = useStrings();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (!session) return <Navigate to="/portal/signin" replace state={{ from: location.pathname + location.search }} />;
  if (session.principal.type !== 'driver') {
    return (
      <main id="main" className="portal-auth">
        <p>{s.portal.auth.operatorHere}</p>
        <Link to="/">{s.portal.auth.toConsole}</Link>
      </main>
    );
  }

  async function signOut() {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    setSession(null);
    navigate('/portal/signin');
  }

  return (
    <div className="portal">
      <a className="skip" href="#main">
        {s.app.skipToContent}
      </a>
      <header className="portal-top">
        <Link to="/portal" className="brand">
          ⚡ {s.portal.title}
        </Link>
        <span className="spacer" />
        <LanguageSwitch />
        <button type="button" onClick={signOut}>
          {s.portal.signOut}
        </button>
      </header>
      <main id="main" tabIndex={-1} className="portal-main">
        <Outlet />
      </main>
      <nav className="portal-tabs" aria-label={s.portal.menu}>
        <ul>
          {tabs.map((t) => (
            <li key={t.key}>
              <NavLink to={t.to} end={t.to === '/portal'}>
                {s.portal.nav[t.key]}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
