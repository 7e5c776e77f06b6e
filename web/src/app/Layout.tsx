/** The console's frame: skip link, nav, live indicator, language switch, sign-out, and the page. */
import { NavLink, Outlet, useNavigate } from 'react-router';
import { CommandPalette } from '../actions/CommandPalette.tsx';
import { api } from '../api/client.ts';
import { setSession } from '../api/session.ts';
import { useCan, useSession } from '../api/useSession.ts';
import { useStrings } from '../i18n/i18n.tsx';
import { useLiveEvents, useLiveStatus } from '../live/useLiveEvents.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { nav } from './nav.ts';

const keepOpen = () => {};

export function Layout() {
  const s = useStrings();
  const session = useSession();
  const can = useCan();
  // The stream stays open on every page, so the indicator tells whether the console is live.
  useLiveEvents(keepOpen);
  const live = useLiveStatus();
  const navigate = useNavigate();
  const items = nav.filter((n) => can(n.permission));

  async function signOut() {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    setSession(null);
    navigate('/signin');
  }

  return (
    <div className="layout">
      <a className="skip" href="#main">
        {s.app.skipToContent}
      </a>
      <header className="topbar">
        <span className="brand">⚡ {s.app.title}</span>
        <span className={`live ${live}`} role="status" data-testid="live-status">
          {s.app.live[live]}
        </span>
        <span className="spacer" />
        <kbd title={s.app.commandPalette}>Ctrl K</kbd>
        <LanguageSwitch />
        {session && <span className="who">{s.app.signedInAs(session.principal.email, session.principal.role)}</span>}
        <button type="button" onClick={signOut}>
          {s.app.signOut}
        </button>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {items.map((n) => (
            <li key={n.to}>
              <NavLink to={n.to} end={n.to === '/'}>
                {n.label(s)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <CommandPalette links={items.map((n) => ({ label: n.label(s), to: n.to }))} />
    </div>
  );
}
