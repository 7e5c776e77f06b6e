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
    };

export type DomainEventType = DomainEvent['type'];
