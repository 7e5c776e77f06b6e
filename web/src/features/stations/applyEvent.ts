/** A live event applied to the stations a page shows: pure, so lists and pages patch alike. */
import type { components } from '../../api/schema.d.ts';
import type { LiveEvent } from '../../live/event.ts';

type Schemas = components['schemas'];

type Station = Schemas['Station'];
type Connector = Station['connectors'][number];

/** Events after which the list is fetched again rather than patched. */
export const reloading = new Set(['station.registered', 'station.removed', 'station.booted']);

/** The stations after a live event (pure; the same list when the event changes nothing). */
export function applyEvent(stations: Station[], e: LiveEvent): Station[] {
  const i = stations.findIndex((s) => s.id === e.stationId);
  if (i < 0) return stations;
  const st = stations[i] as Station;
  let next: Station = st;
  if (e.type === 'station.connected') next = { ...st, connected: true, connectedAt: e.at, lastSeenAt: e.at };
  else if (e.type === 'station.disconnected') next = { ...st, connected: false, disconnectedAt: e.at };
  else if (e.type === 'connector.status') {
    const c = e as unknown as { evseId: number; connectorId: number; status: Connector['status']; rawStatus: string; errorCode: string | null; at: string };
    const known = st.connectors.some((x) => x.evseId === c.evseId && x.connectorId === c.connectorId);
    const update = (x: Connector): Connector => ({ ...x, status: c.status, rawStatus: c.rawStatus, errorCode: c.errorCode, statusAt: c.at });
    next = {
      ...st,
      connectors: known
        ? st.connectors.map((x) => (x.evseId === c.evseId && x.connectorId === c.connectorId ? update(x) : x))
        : [...st.connectors, update({ evseId: c.evseId, connectorId: c.connectorId, status: c.status, rawStatus: c.rawStatus, errorCode: c.errorCode, vendorErrorCode: null, info: null, statusAt: c.at, session: null })],
    };
  } else if (e.type.startsWith('session.') && e.type !== 'session.cost') {
    const s = e.session as Schemas['Session'];
    const active = s.status === 'active';
    next = {
      ...st,
      connectors: st.connectors.map((x) =>
        x.evseId === s.evseId && x.connectorId === s.connectorId
          ? {
              ...x,
              session: active
                ? { id: s.id, transactionId: s.transactionId, tokenUid: s.tokenUid, startedAt: s.startedAt, energyWh: s.energyWh, powerW: s.powerW, socPercent: s.socPercent }
                : null,
            }
          : x,
      ),
    };
  } else return stations;
  const copy = stations.slice();
  copy[i] = next;
  return copy;
}

