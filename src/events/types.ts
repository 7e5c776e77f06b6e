/**
 * Domain events: what happened, in the CSMS's own terms. Published by services, delivered to
 * live API clients (GET /api/v1/events) and, in cluster mode, to every node.
 */
export type DomainEvent =
  | { type: 'station.connected'; stationId: string; ocppVersion: string; at: string }
  | { type: 'station.disconnected'; stationId: string; reason: string; at: string }
  | { type: 'station.booted'; stationId: string; vendor: string; model: string; firmwareVersion: string | null; at: string }
  | { type: 'station.registered'; stationId: string; at: string }
  | { type: 'station.removed'; stationId: string; at: string }
  | {
      type: 'connector.status';
      stationId: string;
      evseId: number;
      connectorId: number;
      status: string;
      rawStatus: string;
      errorCode: string | null;
      at: string;
    }
  | { type: 'session.started' | 'session.updated' | 'session.ended'; stationId: string; driverId: string | null; session: SessionSnapshot; at: string };

export type DomainEventType = DomainEvent['type'];

/** A session as live clients see it (the REST Session shape). */
export interface SessionSnapshot {
  id: string;
  stationId: string;
  evseId: number;
  connectorId: number;
  transactionId: string;
  tokenUid: string | null;
  driverId: string | null;
  status: 'active' | 'completed';
  energyWh: number;
  powerW: number | null;
  socPercent: number | null;
  durationSec: number;
  startedAt: string;
  endedAt: string | null;
  stopReason: string | null;
  [more: string]: unknown;
}
