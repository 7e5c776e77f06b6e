/** Keeps a new driver session and goes back to the page that asked for it (a QR code's link). */
import { useLocation, useNavigate } from 'react-router';
import { type Session, setSession } from '../../api/session.ts';

export function useSignedIn(): { from: string | undefined; signedIn(session: Session): void } {
  const location = useLocation();
  const navigate = useNavigate();
  const from = (location.state as { from?: string } | null)?.from;
  return {
    from,
    signedIn(session) {
      // A phone is personal: the portal keeps the driver signed in on it.
      setSession(session, true);
      navigate(from ?? '/portal', { replace: true });
    },
  };
}
