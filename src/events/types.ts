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
  | { type: 'session.started' | 'session.updated' | 'session.ended'; stationId: string; driverId: string | null; session: SessionSnapshot; at: string }
  /** Billing: the running (or, at the end, final) cost of a session. */
  | { type: 'session.cost'; stationId: string; driverId: string | null; sessionId: string; cost: CostSnapshot; at: string }
  /** Billing: a receipt, invoice or credit note was issued. */
  | { type: 'invoice.issued'; invoiceId: string; kind: string; number: string; driverId: string | null; accountId: string | null; at: string }
  | { type: 'alert.opened' | 'alert.acknowledged' | 'alert.resolved'; stationId: string; alert: { id: string; type: string; severity: string; [more: string]: unknown }; at: string }
  | { type: 'station.security-event'; stationId: string; eventType: string; critical: boolean; techInfo: string | null; at: string }
  | { type: 'firmware.status'; stationId: string; updateId: number; status: string; outcome: string | null; at: string }
  | { type: 'diagnostics.status'; stationId: string; uploadId: number; status: string; at: string };

/** A session's cost as live clients see it (decimal strings in the tariff's currency). */
export interface CostSnapshot {
  currency: string;
  totalExclVat: string;
  totalVat: string;
  totalInclVat: string;
  final: boolean;
  [more: string]: unknown;
}

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
