/** One receipt (or invoice, or credit note): its lines, VAT and totals, and its PDF. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, download, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { Badge, ErrorMessage, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

interface Line {
  description?: string;
  quantity?: string | null;
  unit?: string | null;
  exclVat?: string;
}

export function ReceiptPage() {
  const s = useStrings();
  const t = s.portal.receipts;
  const f = useFormat();
  const { id = '' } = useParams();
  const doc = useQuery(() => ok(api.GET('/api/v1/invoices/{id}', { params: { path: { id } } })), [id]);
  const [error, setError] = useState<Error | null>(null);

  return (
    <Loaded query={doc}>
      {(d) => (
        <Page title={`${t.kind[d.kind] ?? d.kind} ${d.number}`}>
          <p>
            <Badge tone={d.status === 'paid' ? 'ok' : d.status === 'open' ? 'warn' : 'muted'}>{t.status[d.status] ?? d.status}</Badge> {t.issued}{' '}
            {f.dateTime(d.issuedAt)}
          </p>
          <section className="panel" aria-labelledby="lines-title">
            <h2 id="lines-title">{t.lines}</h2>
            <ul className="receipt-lines">
              {(d.lines as Line[]).map((l, i) => (
                <li key={i}>
                  <span>
                    {l.description}
                    {l.quantity && (
                      <span className="muted">
                        {' '}
                        · {l.quantity} {l.unit}
                      </span>
                    )}
                  </span>
                  <span className="num">{f.money(l.exclVat, d.currency)}</span>
                </li>
              ))}
            </ul>
            <dl className="totals">
              <dt>{t.exclVat}</dt>
              <dd>{f.money(d.totalExclVat, d.currency)}</dd>
              {d.vat.map((v, i) => (
                <div key={i} className="contents">
                  <dt>
                    {t.vat} {v.percent ?? 0}%
                  </dt>
                  <dd>{f.money(v.amount, d.currency)}</dd>
                </div>
              ))}
              <dt>{t.inclVat}</dt>
              <dd data-testid="receipt-total">
                <strong>{f.money(d.totalInclVat, d.currency)}</strong>
              </dd>
            </dl>
            {d.note && (
              <p>
                {t.note}: {d.note}
              </p>
            )}
            {d.sessionId && (
              <p>
                <Link to={`/portal/sessions/${d.sessionId}`}>{t.session}</Link>
              </p>
            )}
          </section>
          {error && <ErrorMessage error={error} />}
          <button type="button" className="wide" onClick={() => download(`/api/v1/invoices/${d.id}/pdf`, `${d.number}.pdf`).catch(setError)}>
            {t.pdf}
          </button>
        </Page>
      )}
    </Loaded>
  );
}
