/** The driver's sign-in (the same POST /api/v1/auth/login as operators), with a way to register. */
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client.ts';
import type { Principal } from '../../api/session.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { useAction } from '../ui/useAction.ts';
import { AuthForm, failure } from './AuthForm.tsx';
import { useSignedIn } from './useSignedIn.ts';

export function PortalSignIn() {
  const t = useStrings().portal.auth;
  const { from, signedIn } = useSignedIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = () =>
    run(async () => {
      const out = await ok(api.POST('/api/v1/auth/login', { body: { email, password } }));
      signedIn({ token: out.token, expiresAt: out.expiresAt, principal: out.principal as Principal });
    });

  const footer = (
    <>
      {t.noAccount}{' '}
      <Link to="/portal/register" state={{ from }}>
        {t.toRegister}
      </Link>
    </>
  );
  return (
    <AuthForm id="portal-sign-in" title={t.signInTitle} submit={t.signIn} busy={busy} error={failure(error, { INVALID_CREDENTIALS: t.failed })} onSubmit={submit} footer={footer}>
      <label className="field">
        <span>{t.email}</span>
        <input name="email" type="email" autoComplete="username" inputMode="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
      </label>
      <label className="field">
        <span>{t.password}</span>
        <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
    </AuthForm>
  );
}
