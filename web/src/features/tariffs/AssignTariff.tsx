/** Assign this tariff to a station (the station page shows and changes it too). */
import { type FormEvent, useState } from 'react';
import { api, ApiError, ok } from '../../api/client.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

export function AssignTariff({ tariffId }: { tariffId: string }) {
  const s = useStrings();
  const stations = useQuery(async () => (await ok(api.GET('/api/v1/stations', { params: { query: { limit: 1000 } } }))).items, []);
  const [stationId, setStationId] = useState('');
  const [state, setState] = useState<ApiError | string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await ok(api.PUT('/api/v1/stations/{id}/tariff', { params: { path: { id: stationId } }, body: { tariffId } }));
      setState(s.tariffs.assigned(stationId));
    } catch (err) {
      setState(err as ApiError);
    }
  }
  return (
    <form className="panel" onSubmit={submit}>
      <h2>{s.tariffs.assign}</h2>
      <div className="filters">
        <label className="field">
          <span>{s.sessions.station}</span>
          <select required value={stationId} onChange={(e) => setStationId(e.target.value)}>
            <option value="">…</option>
            {stations.data?.map((st) => (
              <option key={st.id} value={st.id}>
                {st.id} {st.name ? `· ${st.name}` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{s.tariffs.assign}</button>
      </div>
      {state instanceof ApiError ? <ErrorMessage error={state} /> : state && <p role="status" className="outcome ok">{state}</p>}
    </form>
  );
}
