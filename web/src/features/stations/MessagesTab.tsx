/** The station's OCPP message log: newest first, filtered by action or text, older on request, CSV export. */
import { useState } from 'react';
import { api, download, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

const PAGE = 100;

export function MessagesTab({ stationId }: { stationId: string }) {
  const s = useStrings();
  const f = useFormat();
  const [action, setAction] = useState('');
  const [q, setQ] = useState('');
  const [beforeId, setBeforeId] = useState<number | undefined>(undefined);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const query = { limit: PAGE, ...(action ? { action } : {}), ...(q ? { q } : {}), ...(beforeId ? { beforeId } : {}) };
  const log = useQuery(async () => (await ok(api.GET('/api/v1/stations/{id}/messages', { params: { path: { id: stationId }, query } }))).items, [stationId, action, q, beforeId]);

  const exportCsv = () => {
    const p = new URLSearchParams({ format: 'csv', ...(action ? { action } : {}), ...(q ? { q } : {}) });
    download(`/api/v1/stations/${encodeURIComponent(stationId)}/messages/export?${p}`, `${stationId}-messages.csv`).catch(setError);
  };

  return (
    <>
      <div className="filters">
        <label className="field">
          <span>{s.stations.action}</span>
          <input value={action} onChange={(e) => setAction(e.target.value)} placeholder="StatusNotification" />
        </label>
        <label className="field">
          <span>{s.common.search}</span>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="button" onClick={() => (beforeId ? setBeforeId(undefined) : log.reload())}>
          {s.stations.newest}
        </button>
        <button type="button" onClick={exportCsv}>
          {s.common.downloadCsv}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      <Loaded query={log}>
        {(items) => (
          <>
            <table className="data" data-testid="messages">
              <thead>
                <tr>
                  <th>{s.stations.at}</th>
                  <th />
                  <th>{s.stations.action}</th>
                  <th>{s.stations.messageId}</th>
                  <th>{s.stations.payload}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id}>
                    <td>{f.dateTime(m.at)}</td>
                    <td title={m.direction === 'in' ? s.stations.fromStation : s.stations.toStation}>{m.direction === 'in' ? '←' : '→'}</td>
                    <td>
                      {m.action ?? ''} {m.messageType === 3 ? '✓' : m.messageType === 4 ? `✗ ${m.errorCode ?? ''}` : ''}
                    </td>
                    <td className="mono">{m.messageId}</td>
                    <td>
                      {open === m.id ? (
                        <pre className="json" onClick={() => setOpen(null)}>
                          {JSON.stringify(m.payload, null, 2)}
                        </pre>
                      ) : (
                        <button type="button" className="link mono" onClick={() => setOpen(m.id)}>
                          {JSON.stringify(m.payload).slice(0, 80)}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {items.length === PAGE && (
              <button type="button" onClick={() => setBeforeId(items[items.length - 1]?.id)}>
                {s.stations.older}
              </button>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}
