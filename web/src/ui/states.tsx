/** Loading and error states, the same on every page. */
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';
import { useStrings } from '../i18n/i18n.tsx';
import type { Query } from './useQuery.ts';

export function Loading() {
  const s = useStrings();
  return (
    <p className="loading" role="status" aria-live="polite">
      {s.common.loading}
    </p>
  );
}

export function ErrorMessage({ error, retry }: { error: ApiError | Error | string; retry?: () => void }) {
  const s = useStrings();
  const text = typeof error === 'string' ? error : error.message;
  const code = typeof error === 'object' && 'code' in error ? (error as ApiError).code : null;
  return (
    <div className="error-box" role="alert">
      <strong>{code === 'FORBIDDEN' ? s.common.notAllowed : s.common.errorTitle}</strong>
      <p>
        {text}
        {code ? ` (${code})` : ''}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          {s.common.retry}
        </button>
      )}
    </div>
  );
}

/** Renders loading, error or the data of a query. */
export function Loaded<T>({ query, children }: { query: Query<T>; children: (data: T) => ReactNode }) {
  if (query.error && query.data === undefined) return <ErrorMessage error={query.error} retry={query.reload} />;
  if (query.data === undefined) return <Loading />;
  return (
    <>
      {query.error && <ErrorMessage error={query.error} retry={query.reload} />}
      {children(query.data)}
    </>
  );
}

export function Page({ title, actions, children }: { title: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="page">
      <header className="page-header">
        <h1>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function Badge({ tone, children }: { tone: 'ok' | 'warn' | 'bad' | 'muted' | 'info'; children: ReactNode }) {
  return <span className={`badge ${tone}`}>{children}</span>;
}
