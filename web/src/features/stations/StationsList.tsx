/** Stations: searchable, with status kept live; register a new one or one that tried to connect. */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ActionMenu } from '../../actions/ActionButtons.tsx';
import { useCan } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loaded, Page } from '../../ui/states.tsx';
import { RegisterStation } from './RegisterStation.tsx';
import { stationContext } from './actions.ts';
import { StationStatus } from './status.tsx';
import { useFleet } from './useFleet.ts';

export function StationsList() {
  const s = useStrings();
  const f = useFormat();
  const can = useCan();
  const fleet = useFleet();
  const [params, setParams] = useSearchParams();
  const [registering, setRegistering] = useState(false);
  const q = params.get('q') ?? '';
  const connected = params.get('connected');

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <Page
      title={s.nav.stations}
      actions={
        can('stations:write') && (
          <button type="button" className="primary" onClick={() => setRegistering((r) => !r)} aria-expanded={registering}>
            {s.stations.register}
          </button>
        )
      }
    >
      {registering && <RegisterStation onDone={() => fleet.reload()} />}
      <div className="filters">
        <label className="field">
          <span>{s.common.search}</span>
          <input type="search" value={q} onChange={(e) => set('q', e.target.value)} placeholder={s.stations.searchHint} />
        </label>
        <label className="field">
          <span>{s.common.status}</span>
          <select value={connected ?? ''} onChange={(e) => set('connected', e.target.value)}>
            <option value="">{s.stations.all}</option>
            <option value="true">{s.stations.online}</option>
            <option value="false">{s.stations.offline}</option>
          </select>
        </label>
      </div>
      <Loaded query={fleet}>
        {(stations) => {
          const needle = q.trim().toLowerCase();
          const shown = stations.filter(
            (x) =>
              (connected === null || String(x.connected) === connected) &&
              (!needle || [x.id, x.name, x.vendor, x.model].some((v) => v?.toLowerCase().includes(needle))),
          );
          return (
            <DataTable
              testId="stations"
              rows={shown}
              rowKey={(x) => x.id}
              rowProps={(x) => ({ 'data-station': x.id })}
              empty={s.stations.none}
              columns={[
                { header: s.stations.id, cell: (x) => <Link to={`/stations/${encodeURIComponent(x.id)}`}>{x.id}</Link> },
                { header: s.common.name, cell: (x) => x.name ?? '' },
                { header: s.common.status, cell: (x) => <StationStatus station={x} /> },
                { header: s.stations.connectors, cell: (x) => `${x.connectors.filter((c) => c.status === 'Available').length}/${x.connectors.length} ${s.stations.available}` },
                { header: s.stations.model, cell: (x) => [x.vendor, x.model].filter(Boolean).join(' ') },
                { header: 'OCPP', cell: (x) => x.ocppVersion },
                { header: s.stations.lastSeen, cell: (x) => f.dateTime(x.lastSeenAt) },
                { header: <span className="muted">{s.common.actions}</span>, cell: (x) => <ActionMenu scope="station" ctx={stationContext(x)} onDone={fleet.reload} /> },
              ]}
            />
          );
        }}
      </Loaded>
    </Page>
  );
}
