/** A station's details, its editable settings, and the tariff it prices with. */
import { type FormEvent, useState } from 'react';
import { api, ApiError, ok, type Schemas } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

type Station = Schemas['Station'];

export function DetailsTab({ station, onSaved }: { station: Station; onSaved: () => void }) {
  const s = useStrings();
  const f = useFormat();
  const can = useCan();
  const rows: [string, string | number | null][] = [
    [s.stations.vendor, station.vendor],
    [s.stations.model, station.model],
    [s.stations.serial, station.serialNumber],
    [s.stations.firmware, station.firmwareVersion],
    ['OCPP', station.ocppVersion],
    [s.stations.securityProfile, s.stations.profiles[station.securityProfile]],
    [s.stations.lastSeen, f.dateTime(station.lastSeenAt)],
    [s.stations.connectedAt, f.dateTime(station.connectedAt)],
    [s.stations.lastBoot, `${f.dateTime(station.lastBootAt)} ${station.lastBootReason ?? ''}`],
    [s.stations.boots, station.bootCount],
    ['ICCID', station.iccid],
    [s.stations.meter, [station.meterType, station.meterSerialNumber].filter(Boolean).join(' ')],
    [s.stations.registered, f.dateTime(station.createdAt)],
  ];
  return (
    <div className="grid2">
      <section className="panel">
        <dl className="details">
          {rows.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{k}</dt>
              <dd>{v ?? '–'}</dd>
            </div>
          ))}
        </dl>
      </section>
      <div>
        {can('stations:write') && <EditStation station={station} onSaved={onSaved} />}
        <StationTariff stationId={station.id} />
      </div>
    </div>
  );
}

function EditStation({ station, onSaved }: { station: Station; onSaved: () => void }) {
  const s = useStrings();
  const [name, setName] = useState(station.name ?? '');
  const [profile, setProfile] = useState(String(station.securityProfile));
  const [password, setPassword] = useState('');
  const [state, setState] = useState<ApiError | 'saved' | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await ok(
        api.PATCH('/api/v1/stations/{id}', {
          params: { path: { id: station.id } },
          body: { name: name || null, securityProfile: Number(profile) as 0 | 1 | 2 | 3, ...(password ? { password } : {}) },
        }),
      );
      setState('saved');
      setPassword('');
      onSaved();
    } catch (err) {
      setState(err as ApiError);
    }
  }
  return (
    <form className="panel" onSubmit={submit}>
      <h2>{s.common.edit}</h2>
      <label className="field">
        <span>{s.common.name}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span>{s.stations.securityProfile}</span>
        <select value={profile} onChange={(e) => setProfile(e.target.value)}>
          {([0, 1, 2, 3] as const).map((p) => (
            <option key={p} value={p}>
              {s.stations.profiles[p]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{s.stations.newPassword}</span>
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {state instanceof ApiError && <ErrorMessage error={state} />}
      {state === 'saved' && <p role="status" className="outcome ok">{s.common.done}</p>}
      <button type="submit" className="primary">
        {s.common.save}
      </button>
    </form>
  );
}

function StationTariff({ stationId }: { stationId: string }) {
  const s = useStrings();
  const can = useCan();
  const current = useQuery(async () => {
    const r = await api.GET('/api/v1/stations/{id}/tariff', { params: { path: { id: stationId } } });
    return r.response.status === 404 ? null : r.data ?? null;
  }, [stationId]);
  const tariffs = useQuery(async () => (can('billing:write') ? (await ok(api.GET('/api/v1/tariffs'))).items : []), [stationId]);
  const [error, setError] = useState<ApiError | null>(null);
  async function assign(tariffId: string) {
    setError(null);
    try {
      if (tariffId) await ok(api.PUT('/api/v1/stations/{id}/tariff', { params: { path: { id: stationId } }, body: { tariffId } }));
      else await ok(api.DELETE('/api/v1/stations/{id}/tariff', { params: { path: { id: stationId } } }));
      current.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  }
  return (
    <section className="panel">
      <h2>{s.tariffs.stationTariff}</h2>
      <p data-testid="station-tariff">{current.data ? current.data.name : current.loading ? s.common.loading : s.common.none}</p>
      {can('billing:write') && tariffs.data && (
        <label className="field">
          <span>{s.tariffs.assign}</span>
          <select value="" onChange={(e) => assign(e.target.value)}>
            <option value="" disabled>
              …
            </option>
            {tariffs.data
              .filter((t) => !t.archived)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
          </select>
        </label>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
