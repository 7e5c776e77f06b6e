/** Self-registration: POST /api/v1/auth/register answers with a token, so the driver is signed in at once. */
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { useAction } from '../ui/useAction.ts';
import { AuthForm, failure } from './AuthForm.tsx';
import { useSignedIn } from './useSignedIn.ts';

export function Register() {
  const t = useStrings().portal.auth;
  const { from, signedIn } = useSignedIn();
  const [form, setForm] = useState({ name: '', email: '', password: '', phone: '' });
  const { busy, error, run } = useAction();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = () =>
    run(async () => {
      const body = { email: form.email, password: form.password, ...(form.name ? { name: form.name } : {}), ...(form.phone ? { phone: form.phone } : {}) };
      const out = await ok(api.POST('/api/v1/auth/register', { body }));
      signedIn({ token: out.token, expiresAt: out.expiresAt, principal: { type: 'driver', id: out.driver.id, role: 'driver', email: out.driver.email } });
    });

  const footer = (
    <>
      {t.haveAccount}{' '}
      <Link to="/portal/signin" state={{ from }}>
        {t.toSignIn}
      </Link>
    </>
  );
  return (
    <AuthForm id="portal-register" title={t.registerTitle} submit={t.register} busy={busy} error={failure(error, { ALREADY_EXISTS: t.taken })} onSubmit={submit} footer={footer}>
      <label className="field">
        <span>{t.name}</span>
        <input name="name" autoComplete="name" maxLength={200} value={form.name} onChange={set('name')} autoFocus />
      </label>
      <label className="field">
        <span>{t.email}</span>
        <input name="email" type="email" autoComplete="email" inputMode="email" required maxLength={254} value={form.email} onChange={set('email')} />
      </label>
      <label className="field">
        <span>{t.password}</span>
        <input name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={200} aria-describedby="password-hint" value={form.password} onChange={set('password')} />
        <small id="password-hint" className="muted">
          {t.passwordHint}
        </small>
      </label>
      <label className="field">
        <span>{t.phone}</span>
        <input name="phone" type="tel" autoComplete="tel" maxLength={40} value={form.phone} onChange={set('phone')} />
      </label>
    </AuthForm>
  );
}
