/** Tariffs: every active one (and the archived, on request), the default marked. */
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { Badge, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

export function TariffsList() {
  const s = useStrings();
  const f = useFormat();
  const can = useCan();
  const [archived, setArchived] = useState(false);
  const list = useQuery(async () => (await ok(api.GET('/api/v1/tariffs'))).items, []);
  return (
    <Page
      title={s.nav.tariffs}
      actions={
        can('billing:write') && (
          <Link className="button primary" to="/tariffs/new">
            {s.tariffs.create}
          </Link>
        )
      }
    >
      <label className="check">
        <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
        <span>{s.tariffs.showArchived}</span>
      </label>
      <Loaded query={list}>
        {(items) => (
          <table className="data" data-testid="tariffs">
            <thead>
              <tr>
                <th>{s.common.name}</th>
                <th>{s.tariffs.currency}</th>
                <th>{s.tariffs.version}</th>
                <th>{s.tariffs.validFrom}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items
                .filter((t) => archived || !t.archived)
                .map((t) => (
                  <tr key={t.id}>
                    <td>
                      <Link to={`/tariffs/${t.id}`}>{t.name}</Link>
                    </td>
                    <td>{t.currency}</td>
                    <td className="num">{t.version}</td>
                    <td>{f.dateTime(t.valid_from)}</td>
                    <td>
                      {t.default && <Badge tone="info">{s.tariffs.default}</Badge>} {t.archived && <Badge tone="muted">{s.tariffs.archived}</Badge>}
                    </td>
                  </tr>
                ))}
              {items.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {s.tariffs.none}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
      </Loaded>
    </Page>
  );
}
