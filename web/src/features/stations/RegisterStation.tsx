/** Register a station: typed in, or picked from the stations that tried to connect unregistered. */
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

type Version = '1.6' | '2.0.1' | '2.1';

export function RegisterStation({ onDone }: { onDone: () => void }) {
  const s = useStrings();
  const f = useFormat();
  const navigate = useNavigate();
  const attempts = useQuery(async () => (await ok(api.GET('/api/v1/connection-attempts'))).items, []);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [version, setVersion] = useState<Version | ''>('');
  const [profile, setProfile] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const body = {
        id,
        ...(name ? { name } : {}),
        ...(version ? { ocppVersion: version } : {}),
        ...(profile ? { securityProfile: Number(profile) as 0 | 1 | 2 | 3 } : {}),
        ...(password ? { password } : {}),
      };
      await ok(api.POST('/api/v1/stations', { body }));
      onDone();
      navigate(`/stations/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <div className="grid2">
      <form className="panel" onSubmit={submit} aria-labelledby="register-title">
        <h2 id="register-title">{s.stations.register}</h2>
        <label className="field">
          <span>{s.stations.id}</span>
          <input name="stationId" required value={id} onChange={(e) => setId(e.target.value)} pattern="[^/\s]+" />
        </label>
        <label className="field">
          <span>{s.common.name}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{s.stations.ocppVersion}</span>
          <select value={version} onChange={(e) => setVersion(e.target.value as Version | '')}>
            <option value="">{s.stations.anyVersion}</option>
            <option value="1.6">1.6</option>
            <option value="2.0.1">2.0.1</option>
            <option value="2.1">2.1</option>
          </select>
        </label>
        <label className="field">
          <span>{s.stations.securityProfile}</span>
          <select value={profile} onChange={(e) => setProfile(e.target.value)}>
            <option value="">{s.stations.profileAuto}</option>
            {[0, 1, 2, 3].map((p) => (
              <option key={p} value={p}>
                {s.stations.profiles[p as 0 | 1 | 2 | 3]}
              </option>
            ))}
          </select>
        </label>
        {profile !== '0' && profile !== '3' && (
          <label className="field">
            <span>{s.stations.password}</span>
            <input type="password" autoComplete="new-password" minLength={16} value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
        )}
        {error && <ErrorMessage error={error} />}
        <button type="submit" className="primary">
          {s.common.create}
        </button>
      </form>
      <section className="panel" aria-labelledby="unknown-title">
        <h2 id="unknown-title">{s.stations.unknown}</h2>
        <Loaded query={attempts}>
          {(items) =>
            items.length === 0 ? (
              <p className="muted">{s.stations.noUnknown}</p>
            ) : (
              <table className="data">
                <thead>
                  <tr>
                    <th>{s.stations.id}</th>
                    <th>{s.stations.attempts}</th>
                    <th>{s.stations.lastAttempt}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={a.stationId}>
                      <td>{a.stationId}</td>
                      <td className="num">{a.attempts}</td>
                      <td>
                        {f.dateTime(a.lastAt)} <span className="muted">{a.lastAddress ?? ''}</span>
                      </td>
                      <td>
                        <button type="button" onClick={() => setId(a.stationId)}>
                          {s.stations.useThis}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </section>
    </div>
  );
}
