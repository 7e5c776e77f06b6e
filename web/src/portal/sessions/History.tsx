/** The driver's sessions, newest first, as cards that fit a phone (a table would not). */
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { Badge, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

const PAGE = 20;

export function History() {
  const s = useStrings();
  const t = s.portal.history;
  const f = useFormat();
  const [limit, setLimit] = useState(PAGE);
  const sessions = useQuery(() => ok(api.GET('/api/v1/sessions', { params: { query: { limit } } })), [limit]);

  return (
    <Page title={t.title}>
      <Loaded query={sessions}>
        {({ items, total }) =>
          items.length === 0 ? (
            <p>{t.empty}</p>
          ) : (
            <>
              <ul className="card-list" aria-label={t.title}>
                {items.map((x) => (
                  <li key={x.id} className="card-row">
                    <div>
                      <Link to={`/portal/sessions/${x.id}`}>{f.dateTime(x.startedAt)}</Link>
                      <div className="muted">
                        {s.portal.charge.station(x.stationId)} · {s.portal.charge.evseLabel(x.evseId)}
                      </div>
                    </div>
                    <div className="num">
                      <div>{f.energy(x.energyWh)}</div>
                      <div>{x.cost ? f.money(x.cost.totalInclVat, x.cost.currency) : '–'}</div>
                      <Badge tone={x.status === 'active' ? 'ok' : 'muted'}>{x.status === 'active' ? t.active : t.completed}</Badge>
                    </div>
                  </li>
                ))}
              </ul>
              {total !== undefined && total > items.length && (
                <button type="button" className="wide" onClick={() => setLimit((l) => l + PAGE)} disabled={sessions.loading}>
                  {s.common.more}
                </button>
              )}
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
