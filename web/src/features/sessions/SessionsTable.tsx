/** Sessions, newest first, kept live: a started, updated or ended session shows without a reload. */
import { useCallback, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ActionMenu } from '../../actions/ActionButtons.tsx';
import { api, ok, type Schemas } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { type LiveEvent, useLiveEvents } from '../../live/useLiveEvents.ts';
import { Badge, Loaded } from '../../ui/states.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { useQuery } from '../../ui/useQuery.ts';

type Session = Schemas['Session'];
const PAGE = 50;

export interface SessionFilter {
  stationId?: string;
  status?: 'active' | 'completed';
  tokenUid?: string;
  driverId?: string;
}

export function SessionsTable({ filter }: { filter: SessionFilter }) {
  const s = useStrings();
  const f = useFormat();
  const [offset, setOffset] = useState(0);
  const key = JSON.stringify(filter);
  const list = useQuery(async () => ok(api.GET('/api/v1/sessions', { params: { query: { ...filter, limit: PAGE, offset } } })), [key, offset]);
  const timer = useRef<number | null>(null);
  const onEvent = useCallback(
    (e: LiveEvent) => {
      if (filter.stationId && e.stationId !== filter.stationId) return;
      if (e.type === 'session.updated') {
        const next = e.session as Session;
        list.setData((d) => d && { ...d, items: d.items.map((x) => (x.id === next.id ? { ...x, ...next, cost: x.cost } : x)) });
      } else if (timer.current === null) {
        // A new or finished session changes the list itself: fetch it again (once per burst).
        timer.current = window.setTimeout(() => {
          timer.current = null;
          list.reload();
        }, 300);
      }
    },
    [filter.stationId, list],
  );
  useLiveEvents(onEvent, ['session.started', 'session.updated', 'session.ended']);

  return (
    <Loaded query={list}>
      {({ items, total }) => (
        <DataTable
          testId="sessions"
          rows={items}
          rowKey={(x) => x.id}
          rowProps={(x) => ({ 'data-session': x.id })}
          empty={s.sessions.none}
          paging={{ offset, size: PAGE, total, onChange: setOffset }}
          columns={[
            { header: s.sessions.started, cell: (x) => <Link to={`/sessions/${x.id}`}>{f.dateTime(x.startedAt)}</Link> },
            {
              header: s.sessions.station,
              cell: (x) => (
                <>
                  <Link to={`/stations/${encodeURIComponent(x.stationId)}`}>{x.stationId}</Link> <span className="muted">{x.evseId}/{x.connectorId}</span>
                </>
              ),
            },
            { header: s.sessions.token, cell: (x) => <span className="mono">{x.tokenUid ?? ''}</span> },
            { header: s.common.status, cell: (x) => (x.status === 'active' ? <Badge tone="info">{s.sessions.active}</Badge> : <Badge tone="muted">{s.sessions.completed}</Badge>) },
            { header: s.sessions.duration, num: true, cell: (x) => f.duration(x.durationSec) },
            { header: s.stations.energy, num: true, cell: (x) => f.energy(x.energyWh) },
            { header: s.stations.power, num: true, cell: (x) => (x.status === 'active' ? f.power(x.powerW) : '') },
            { header: s.sessions.cost, num: true, cell: (x) => (x.cost ? f.money(x.cost.totalInclVat, x.cost.currency) : '') },
            { header: '', cell: (x) => <ActionMenu scope="session" ctx={{ sessionId: x.id, stationId: x.stationId, active: x.status === 'active' }} onDone={list.reload} /> },
          ]}
        />
      )}
    </Loaded>
  );
}
