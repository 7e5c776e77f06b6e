/**
 * What a driver sees of a station before charging there (the link in a QR code names it):
 * whether it is online, and per EVSE one status, whether a session runs there, and the
 * caller's own session on it. Nothing about other drivers' sessions leaves this function.
 */
import { type Static, Type } from 'typebox';
import { Nullable } from '../http/schemas.ts';
import type { ConnectorStatus } from './connector-status.ts';

const Status = (description?: string) =>
  Type.Union([Type.Literal('Available'), Type.Literal('Occupied'), Type.Literal('Reserved'), Type.Literal('Unavailable'), Type.Literal('Faulted')], description ? { description } : {});

export const StationOverview = Type.Object(
  {
    id: Type.String(),
    name: Nullable(Type.String()),
    connected: Type.Boolean(),
    evses: Type.Array(
      Type.Object({
        evseId: Type.Integer(),
        status: Status('The EVSE as one: Occupied if a session runs or any connector is, else Reserved, Available, Faulted, Unavailable'),
        connectors: Type.Array(Type.Object({ connectorId: Type.Integer(), status: Status() })),
        charging: Type.Boolean({ description: 'A session runs on this EVSE (anyone\'s)' }),
        mySessionId: Nullable(Type.String({ format: 'uuid', description: "The caller's own session running here" })),
      }),
    ),
  },
  { $id: 'StationOverview' },
);
export type StationOverviewView = Static<typeof StationOverview>;
export type EvseOverview = StationOverviewView['evses'][number];

/** The EVSE's status, most telling first: one car occupies the whole EVSE. */
const precedence: ConnectorStatus[] = ['Occupied', 'Reserved', 'Available', 'Faulted', 'Unavailable'];

export function evseStatus(statuses: ConnectorStatus[]): ConnectorStatus {
  return precedence.find((s) => statuses.includes(s)) ?? 'Unavailable';
}

export function evseOverview(
  connectors: Array<{ evseId: number; connectorId: number; status: ConnectorStatus }>,
  running: Array<{ evseId: number; id: string; driverId: string | null }>,
  viewerDriverId: string | null,
): EvseOverview[] {
  // 1.6 connector 0 is the charge point as a whole, not a place to charge.
  const evseIds = new Set([...connectors.map((c) => c.evseId), ...running.map((s) => s.evseId)].filter((id) => id > 0));
  return [...evseIds]
    .sort((a, b) => a - b)
    .map((evseId) => {
      const own = connectors.filter((c) => c.evseId === evseId).sort((a, b) => a.connectorId - b.connectorId);
      const sessions = running.filter((s) => s.evseId === evseId);
      const mine = viewerDriverId ? sessions.find((s) => s.driverId === viewerDriverId) : undefined;
      const statuses = own.map((c) => c.status);
      return {
        evseId,
        status: sessions.length > 0 ? 'Occupied' : evseStatus(statuses),
        connectors: own.map((c) => ({ connectorId: c.connectorId, status: c.status })),
        charging: sessions.length > 0,
        mySessionId: mine?.id ?? null,
      };
    });
}
