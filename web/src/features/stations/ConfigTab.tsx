/**
 * Configuration / device model: what the station reported (2.x inventories, 1.6 keys), read
 * fresh from the station with GetConfiguration/GetVariables, and changed one value at a time.
 */
import { type FormEvent, useState } from 'react';
import { api, ApiError, ok, type Schemas } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

export function ConfigTab({ station }: { station: Schemas['Station'] }) {
  const s = useStrings();
  const f = useFormat();
  const can = useCan();
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<{ component: string | null; variable: string; value: string } | null>(null);
  const model = useQuery(async () => ok(api.GET('/api/v1/stations/{id}/device-model', { params: { path: { id: station.id }, query: { limit: 500, ...(q ? { q } : {}) } } })), [station.id, q]);

  async function readFromStation() {
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/v1/stations/{id}/commands/get-configuration', { params: { path: { id: station.id } }, body: {} }));
      model.reload();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    setError(null);
    try {
      const setting = { ...(editing.component ? { component: editing.component } : {}), variable: editing.variable, value: editing.value };
      const r = await ok(api.POST('/api/v1/stations/{id}/commands/set-configuration', { params: { path: { id: station.id } }, body: { settings: [setting] } }));
      const status = r.items[0]?.status ?? '';
      if (status !== 'Accepted' && status !== 'RebootRequired') setError(new ApiError(409, status || 'REJECTED', s.stations.configRejected(status)));
      setEditing(null);
      model.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <>
      <div className="filters">
        <label className="field">
          <span>{s.common.search}</span>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        {can('stations:command') && (
          <button type="button" onClick={readFromStation} disabled={!station.connected || busy}>
            {busy ? s.common.loading : s.stations.readConfig}
          </button>
        )}
      </div>
      {error && <ErrorMessage error={error} />}
      {editing && (
        <form className="panel" onSubmit={save}>
          <label className="field">
            <span>
              {editing.component ? `${editing.component} · ` : ''}
              {editing.variable}
            </span>
            <input value={editing.value} onChange={(e) => setEditing({ ...editing, value: e.target.value })} autoFocus />
          </label>
          <button type="submit" className="primary">
            {s.common.save}
          </button>{' '}
          <button type="button" onClick={() => setEditing(null)}>
            {s.common.cancel}
          </button>
        </form>
      )}
      <Loaded query={model}>
        {(m) =>
          m.items.length === 0 ? (
            <p className="muted">{s.stations.noConfig}</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th>{s.stations.component}</th>
                  <th>{s.stations.variable}</th>
                  <th>{s.stations.value}</th>
                  <th>{s.stations.mutability}</th>
                  <th>{s.stations.updated}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {m.items.map((v) => (
                  <tr key={`${v.component}/${v.componentInstance}/${v.evseId}/${v.connectorId}/${v.variable}/${v.variableInstance}/${v.attribute}`}>
                    <td>
                      {v.component ?? ''}
                      {v.evseId !== null ? ` (${v.evseId}${v.connectorId !== null ? `/${v.connectorId}` : ''})` : ''}
                    </td>
                    <td>
                      {v.variable}
                      {v.attribute !== 'Actual' ? ` · ${v.attribute}` : ''}
                    </td>
                    <td className="mono">{v.value ?? ''}</td>
                    <td>{v.mutability ?? ''}</td>
                    <td>{f.dateTime(v.updatedAt)}</td>
                    <td>
                      {can('stations:command') && v.mutability !== 'ReadOnly' && station.connected && (
                        <button type="button" onClick={() => setEditing({ component: v.component, variable: v.variable, value: v.value ?? '' })}>
                          {s.common.edit}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </>
  );
}
