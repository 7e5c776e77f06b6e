/** Alerts, newest first, live: opened, acknowledged and resolved alerts show without a reload. */
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { ActionButtons } from '../../actions/ActionButtons.tsx';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { useLiveEvents } from '../../live/useLiveEvents.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { Badge, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

type Status = 'open' | 'acknowledged' | 'resolved' | 'active';
const PAGE = 50;
const tone = (severity: string) => (severity === 'critical' || severity === 'high' ? 'bad' : severity === 'medium' || severity === 'warning' ? 'warn' : 'info');

export function AlertsTable({ stationId, status }: { stationId?: string; status?: Status }) {
  const s = useStrings();
  const f = useFormat();
  const [offset, setOffset] = useState(0);
  const list = useQuery(
    async () => ok(api.GET('/api/v1/alerts', { params: { query: { limit: PAGE, offset, ...(stationId ? { stationId } : {}), ...(status ? { status } : {}) } } })),
    [stationId, status, offset],
  );
  const reload = list.reload;
  useLiveEvents(useCallback(() => reload(), [reload]), ['alert.']);
  return (
    <Loaded query={list}>
      {({ items, total }) => (
        <DataTable
          testId="alerts"
          rows={items}
          rowKey={(a) => a.id}
          empty={s.alerts.none}
          paging={{ offset, size: PAGE, total, onChange: setOffset }}
          columns={[
            { header: s.alerts.opened, cell: (a) => f.dateTime(a.openedAt) },
            {
              header: s.sessions.station,
              cell: (a) => (
                <>
                  <Link to={`/stations/${encodeURIComponent(a.stationId)}`}>{a.stationId}</Link> <span className="muted">{a.subject !== a.stationId ? a.subject : ''}</span>
                </>
              ),
            },
            { header: s.alerts.type, cell: (a) => a.type },
            { header: s.alerts.severity, cell: (a) => <Badge tone={tone(a.severity)}>{a.severity}</Badge> },
            { header: s.alerts.message, cell: (a) => a.message },
            {
              header: s.common.status,
              cell: (a) => (
                <>
                  {s.alerts.statuses[a.status as keyof typeof s.alerts.statuses] ?? a.status}
                  {a.acknowledgedBy ? <span className="muted"> · {a.acknowledgedBy}</span> : ''}
                </>
              ),
            },
            { header: '', cell: (a) => <ActionButtons scope="alert" ctx={{ alertId: a.id, stationId: a.stationId, status: a.status }} onDone={list.reload} /> },
          ]}
        />
      )}
    </Loaded>
  );
}
