/** How a station's and a connector's status look, the same on every page. */
import type { Schemas } from '../../api/client.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/states.tsx';

type Station = Schemas['Station'];

const tones = { Available: 'ok', Occupied: 'info', Reserved: 'warn', Unavailable: 'muted', Faulted: 'bad' } as const;

export function ConnectorStatus({ status, raw }: { status: keyof typeof tones; raw?: string }) {
  const s = useStrings();
  return (
    <Badge tone={tones[status]}>
      {s.stations.connectorStatus[status]}
      {raw && raw !== status ? ` · ${raw}` : ''}
    </Badge>
  );
}

export function StationStatus({ station }: { station: Station }) {
  const s = useStrings();
  const faulted = station.connectors.some((c) => c.status === 'Faulted');
  if (!station.connected) return <Badge tone="muted">{s.stations.offline}</Badge>;
  return faulted ? <Badge tone="bad">{s.stations.faulted}</Badge> : <Badge tone="ok">{s.stations.online}</Badge>;
}
