/** The driver's receipts, invoices and credit notes, newest first. */
import { Link } from 'react-router';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { Badge, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

export function Receipts() {
  const s = useStrings();
  const t = s.portal.receipts;
  const f = useFormat();
  const docs = useQuery(async () => (await ok(api.GET('/api/v1/invoices', { params: { query: { limit: 100 } } }))).items, []);

  return (
    <Page title={t.title}>
      <Loaded query={docs}>
        {(items) =>
          items.length === 0 ? (
            <p>{t.empty}</p>
          ) : (
            <ul className="card-list" aria-label={t.title}>
              {items.map((d) => (
                <li key={d.id} className="card-row">
                  <div>
                    <Link to={`/portal/receipts/${d.id}`}>
                      {t.kind[d.kind] ?? d.kind} {d.number}
                    </Link>
                    <div className="muted">{f.date(d.issuedAt)}</div>
                  </div>
                  <div className="num">
                    <div>{f.money(d.totalInclVat, d.currency)}</div>
                    <Badge tone={d.status === 'paid' ? 'ok' : d.status === 'open' ? 'warn' : 'muted'}>{t.status[d.status] ?? d.status}</Badge>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}
