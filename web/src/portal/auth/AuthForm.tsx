/** The frame of the portal's sign-in and registration: a titled form, its error, the button, a way across, the language. */
import type { FormEvent, ReactNode } from 'react';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useStrings } from '../../i18n/i18n.tsx';

export function AuthForm(p: { id: string; title: string; submit: string; busy: boolean; error: string | null; onSubmit: () => void; footer: ReactNode; children: ReactNode }) {
  const s = useStrings();
  return (
    <main className="portal-auth" id="main">
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          p.onSubmit();
        }}
        aria-labelledby={p.id}
      >
        <h1 id={p.id}>{p.title}</h1>
        {p.children}
        {p.error && (
          <p className="outcome error" role="alert">
            {p.error}
          </p>
        )}
        <button type="submit" className="primary wide" disabled={p.busy}>
          {p.busy ? s.common.loading : p.submit}
        </button>
        <p>{p.footer}</p>
        <LanguageSwitch />
      </form>
    </main>
  );
}

/** The sentence to show for a failed sign-in or registration. */
export function failure(err: Error | null, known: Record<string, string>): string | null {
  if (!err) return null;
  const code = (err as Error & { code?: string }).code;
  return (code && known[code]) || err.message;
}
