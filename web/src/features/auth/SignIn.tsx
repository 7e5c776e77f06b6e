/** The sign-in page: POST /api/v1/auth/login, then the token is kept for this tab (or device). */
import { type FormEvent, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, ApiError, ok } from '../../api/client.ts';
import { setSession } from '../../api/session.ts';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useStrings } from '../../i18n/i18n.tsx';

export function SignIn() {
  const s = useStrings();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const out = await ok(api.POST('/api/v1/auth/login', { body: { email, password } }));
      setSession({ token: out.token, expiresAt: out.expiresAt, principal: out.principal as never }, remember);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from ?? (out.principal.type === 'driver' ? '/portal' : '/'), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? s.signIn.failed : String(err instanceof Error ? err.message : err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" id="main">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{s.signIn.title}</h1>
        <label className="field">
          <span>{s.signIn.email}</span>
          <input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>{s.signIn.password}</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          <span>{s.signIn.remember}</span>
        </label>
        {error && (
          <p className="outcome error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? s.common.loading : s.signIn.submit}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
