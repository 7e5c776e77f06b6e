/**
 * A station as a driver finds it (by id, or from its QR code's link): online or not, each
 * charger's status, the price, and starting a session there with one of the driver's cards.
 */
import { Link, useParams } from 'react-router';
import { api, ok } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { Badge, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { usePolling } from '../ui/usePolling.ts';
import { StartCharging } from './StartCharging.tsx';
import { TariffSummary } from './TariffSummary.tsx';

type Overview = paths['/api/v1/stations/{id}/overview']['get']['responses'][200]['content']['application/json'];
type Evse = Overview['evses'][number];

const tone = (status: string) => (status === 'Available' ? 'ok' : status === 'Occupied' || status === 'Reserved' ? 'info' : 'bad');

export function StationPage() {
  const s = useStrings();
  const t = s.portal.charge;
  const { stationId = '', evseId } = useParams();
  const wanted = evseId ? Number(evseId) : null;
  const overview = useQuery(() => ok(api.GET('/api/v1/stations/{id}/overview', { params: { path: { id: stationId } } })), [stationId]);
  usePolling(overview.reload, 5000, !overview.error);

  return (
    <Page title={t.station(stationId)}>
      <Loaded query={overview}>
        {(o) => {
          const evses = wanted === null ? o.evses : o.evses.filter((e) => e.evseId === wanted);
          return (
            <>
              {o.name && <p className="station-name">{o.name}</p>}
              <p>
                <Badge tone={o.connected ? 'ok' : 'bad'}>{o.connected ? t.online : t.offline}</Badge>
              </p>
              {evses.length === 0 && <p className="muted">{t.noEvses}</p>}
              <ul className="evse-list" aria-label={t.title}>
                {evses.map((e) => (
                  <EvseRow key={e.evseId} stationId={stationId} evse={e} online={o.connected} onStarted={overview.reload} />
                ))}
              </ul>
              {/* A charger the station has not reported yet can still be started by its number. */}
              {wanted !== null && evses.length === 0 && o.connected && <StartCharging stationId={stationId} evseId={wanted} />}
            </>
          );
        }}
      </Loaded>
      {overview.data && <TariffSummary stationId={stationId} />}
    </Page>
  );
}

function EvseRow({ stationId, evse, online, onStarted }: { stationId: string; evse: Evse; online: boolean; onStarted: () => void }) {
  const s = useStrings();
  const t = s.portal.charge;
  const startable = online && !evse.charging && evse.status !== 'Faulted' && evse.status !== 'Unavailable';
  return (
    <li className="evse" data-testid={`evse-${evse.evseId}`}>
      <div className="evse-head">
        <strong>{t.evseLabel(evse.evseId)}</strong>
        <Badge tone={tone(evse.status)}>{t.status[evse.status] ?? evse.status}</Badge>
      </div>
      {evse.mySessionId ? (
        <p>
          {t.yoursHere} · <Link to={`/portal/sessions/${evse.mySessionId}`}>{t.watch}</Link>
        </p>
      ) : evse.charging ? (
        <p className="muted">{t.chargingHere}</p>
      ) : (
        startable && <StartCharging stationId={stationId} evseId={evse.evseId} onStarted={onStarted} />
      )}
    </li>
  );
}
