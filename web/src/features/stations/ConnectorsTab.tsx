/** A station's connectors: status and the running session's power and energy, live. */
import { Link } from 'react-router';
import { ActionMenu } from '../../actions/ActionButtons.tsx';
import type { Schemas } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { ConnectorStatus } from './status.tsx';

export function ConnectorsTab({ station }: { station: Schemas['Station'] }) {
  const s = useStrings();
  const f = useFormat();
  if (station.connectors.length === 0) return <p className="muted">{s.stations.noConnectors}</p>;
  return (
    <table className="data" data-testid="connectors">
      <thead>
        <tr>
          <th>EVSE</th>
          <th>{s.stations.connector}</th>
          <th>{s.common.status}</th>
          <th>{s.stations.error}</th>
          <th className="num">{s.stations.power}</th>
          <th className="num">{s.stations.energy}</th>
          <th>{s.stations.session}</th>
          <th>{s.stations.since}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {station.connectors.map((c) => (
          <tr key={`${c.evseId}/${c.connectorId}`} data-connector={`${c.evseId}/${c.connectorId}`}>
            <td>{c.evseId}</td>
            <td>{c.connectorId}</td>
            <td data-testid={`connector-status-${c.evseId}-${c.connectorId}`}>
              <ConnectorStatus status={c.status} raw={c.rawStatus} />
            </td>
            <td>{c.errorCode && c.errorCode !== 'NoError' ? c.errorCode : ''}</td>
            <td className="num">{c.session ? f.power(c.session.powerW) : ''}</td>
            <td className="num">{c.session ? f.energy(c.session.energyWh) : ''}</td>
            <td>{c.session && <Link to={`/sessions/${c.session.id}`}>{c.session.tokenUid ?? c.session.transactionId}</Link>}</td>
            <td>{f.dateTime(c.statusAt)}</td>
            <td>
              <ActionMenu scope="connector" ctx={{ stationId: station.id, evseId: c.evseId, connectorId: c.connectorId, connected: station.connected }} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
