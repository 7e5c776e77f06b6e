/** One driver: details, block/unblock, their tokens and sessions. */
import { useParams } from 'react-router';
import { ActionButtons } from '../../actions/ActionButtons.tsx';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { Badge, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { SessionsTable } from '../sessions/SessionsTable.tsx';
import { TokensTable } from '../tokens/TokensTable.tsx';

export function DriverPage() {
  const s = useStrings();
  const f = useFormat();
  const id = useParams().id as string;
  const driver = useQuery(async () => ok(api.GET('/api/v1/drivers/{id}', { params: { path: { id } } })), [id]);
  return (
    <Loaded query={driver}>
      {(d) => (
        <Page title={<>{d.email} {d.status === 'blocked' && <Badge tone="bad">{s.drivers.blockedStatus}</Badge>}</>}>
          <ActionButtons scope="driver" ctx={{ driverId: d.id, email: d.email, blocked: d.status === 'blocked' }} onDone={driver.reload} />
          <dl className="details panel">
            <dt>{s.common.name}</dt>
            <dd>{d.name ?? '–'}</dd>
            <dt>{s.drivers.phone}</dt>
            <dd>{d.phone ?? '–'}</dd>
            <dt>{s.drivers.reason}</dt>
            <dd>{d.blockedReason ?? '–'}</dd>
            <dt>{s.drivers.created}</dt>
            <dd>{f.dateTime(d.createdAt)}</dd>
            <dt>{s.drivers.lastLogin}</dt>
            <dd>{f.dateTime(d.lastLoginAt)}</dd>
          </dl>
          <h2>{s.nav.tokens}</h2>
          <TokensTable driverId={d.id} />
          <h2>{s.nav.sessions}</h2>
          <SessionsTable filter={{ driverId: d.id }} />
        </Page>
      )}
    </Loaded>
  );
}
