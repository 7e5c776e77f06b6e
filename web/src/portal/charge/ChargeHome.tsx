/** The portal's start page: where you are charging now, and finding a station by its id. */
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { useLiveEvents } from '../../live/useLiveEvents.ts';
import { Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

export function ChargeHome() {
  const s = useStrings();
  const t = s.portal.charge;
  const f = useFormat();
  const active = useQuery(async () => (await ok(api.GET('/api/v1/sessions', { params: { query: { status: 'active', limit: 20 } } }))).items, []);
  useLiveEvents(() => active.reload(), ['session.started', 'session.ended']);

  return (
    <Page title={t.title}>
      <section aria-labelledby="active-title">
        <h2 id="active-title">{t.active}</h2>
        <Loaded query={active}>
          {(items) =>
            items.length === 0 ? (
              <p className="muted">{t.noActive}</p>
            ) : (
              <ul className="card-list">
                {items.map((x) => (
                  <li key={x.id} className="card-row">
                    <Link to={`/portal/sessions/${x.id}`}>
                      {t.station(x.stationId)} · {t.evseLabel(x.evseId)}
                    </Link>
                    <span className="mono">
                      {f.energy(x.energyWh)} · {f.power(x.powerW)}
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
      <FindStation />
    </Page>
  );
}

function FindStation() {
  const s = useStrings();
  const t = s.portal.charge;
  const navigate = useNavigate();
  const [stationId, setStationId] = useState('');
  const [evse, setEvse] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    const id = stationId.trim();
    if (!id) return;
    navigate(`/portal/charge/${encodeURIComponent(id)}${evse ? `/${encodeURIComponent(evse)}` : ''}`);
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="find-title">
      <h2 id="find-title">{t.findTitle}</h2>
      <p className="muted">{t.findHint}</p>
      <label className="field">
        <span>{t.stationId}</span>
        <input name="stationId" required maxLength={48} pattern="[A-Za-z0-9\-._~]{1,48}" autoCapitalize="characters" autoComplete="off" spellCheck={false} value={stationId} onChange={(e) => setStationId(e.target.value)} />
      </label>
      <label className="field">
        <span>{t.evse}</span>
        <input name="evse" type="number" inputMode="numeric" min={1} max={99} value={evse} onChange={(e) => setEvse(e.target.value)} />
      </label>
      <button type="submit" className="primary wide">
        {t.find}
      </button>
    </form>
  );
}
