/** REST: the command audit log, security events, 2.x device events and reservations. */
import { Type } from 'typebox';
import { errorResponses, Nullable, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { StationIdParam } from '../stations/station.schemas.ts';
import type { AuditRepo } from './audit.repo.ts';
import { Reservation } from './command.schemas.ts';
import type { RecordsRepo } from './records.repo.ts';
import type { Reservations } from './reservations.service.ts';

const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 }));
const date = (s: string | undefined) => (s ? new Date(s) : undefined);

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  actor: Type.String({ description: 'operator:<id>, driver:<id>, system:<job>' }),
  actorEmail: Nullable(Type.String()),
  stationId: Type.String(),
  command: Type.String({ description: 'The domain command, or the OCPP action of a raw call' }),
  raw: Type.Boolean(),
  request: Type.Unknown(),
  outcome: Type.String({ description: 'ok, offline, timeout, error, unsupported, invalid' }),
  status: Nullable(Type.String()),
  reply: Type.Unknown(),
  errorCode: Nullable(Type.String()),
  errorMessage: Nullable(Type.String()),
  durationMs: Type.Integer(),
});

const SecurityEvent = Type.Object({
  id: Type.Integer(),
  stationId: Type.String(),
  type: Type.String(),
  techInfo: Nullable(Type.String()),
  critical: Type.Boolean(),
  at: Timestamp,
  receivedAt: Timestamp,
});

const DeviceEvent = Type.Object({
  id: Type.Integer(),
  eventId: Type.Integer(),
  trigger: Type.String(),
  cause: Nullable(Type.Integer()),
  actualValue: Type.String(),
  techCode: Nullable(Type.String()),
  techInfo: Nullable(Type.String()),
  cleared: Type.Boolean(),
  transactionId: Nullable(Type.String()),
  monitorId: Nullable(Type.Integer()),
  notificationType: Type.String(),
  component: Type.String(),
  componentInstance: Nullable(Type.String()),
  evseId: Nullable(Type.Integer()),
  connectorId: Nullable(Type.Integer()),
  variable: Type.String(),
  variableInstance: Nullable(Type.String()),
  at: Timestamp,
  receivedAt: Timestamp,
});

const iso = <T extends Record<string, unknown>>(row: T) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as { [K in keyof T]: T[K] extends Date ? string : T[K] };

export function recordRoutes(app: App, deps: { audit: AuditRepo; records: RecordsRepo; reservations: Reservations }): void {
  app.get('/api/v1/audit', {
    config: { auth: 'audit:read' },
    schema: {
      tags: ['audit'],
      summary: 'The command audit log, newest first: who sent what to which station, when, and the result',
      querystring: Type.Object({
        stationId: Type.Optional(Type.String({ maxLength: 48 })),
        actor: Type.Optional(Type.String({ maxLength: 100 })),
        command: Type.Optional(Type.String({ maxLength: 64 })),
        from: Type.Optional(Timestamp),
        to: Type.Optional(Timestamp),
        beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
        limit: Limit,
      }),
      response: { 200: Type.Object({ items: Type.Array(AuditEntry) }), ...errorResponses },
    },
    handler: async (req) => {
      const q = req.query;
      const rows = await deps.audit.search({ ...q, from: date(q.from), to: date(q.to), limit: q.limit ?? 100 });
      return { items: rows.map(iso) };
    },
  });

  app.get('/api/v1/security-events', {
    config: { auth: 'stations:read' },
    schema: {
      tags: ['stations'],
      summary: 'Security events stations reported (SecurityEventNotification), newest first',
      querystring: Type.Object({
        stationId: Type.Optional(Type.String({ maxLength: 48 })),
        type: Type.Optional(Type.String({ maxLength: 50 })),
        from: Type.Optional(Timestamp),
        to: Type.Optional(Timestamp),
        limit: Limit,
      }),
      response: { 200: Type.Object({ items: Type.Array(SecurityEvent) }), ...errorResponses },
    },
    handler: async (req) => {
      const q = req.query;
      return { items: (await deps.records.securityEvents({ ...q, from: date(q.from), to: date(q.to), limit: q.limit ?? 100 })).map(iso) };
    },
  });

  app.get('/api/v1/stations/:id/device-events', {
    config: { auth: 'stations:read' },
    schema: {
      tags: ['stations'],
      summary: "A 2.x station's NotifyEvent reports (monitors, problems with their techCode), newest first",
      params: StationIdParam,
      querystring: Type.Object({ component: Type.Optional(Type.String({ maxLength: 50 })), from: Type.Optional(Timestamp), to: Type.Optional(Timestamp), limit: Limit }),
      response: { 200: Type.Object({ items: Type.Array(DeviceEvent) }), ...errorResponses },
    },
    handler: async (req) => {
      const q = req.query;
      const rows = await deps.records.deviceEvents({ stationId: req.params.id, type: q.component, from: date(q.from), to: date(q.to), limit: q.limit ?? 100 });
      return { items: rows.map(({ stationId: _s, ...r }) => iso(r)) };
    },
  });

  app.get('/api/v1/reservations', {
    config: { auth: 'stations:read' },
    schema: {
      tags: ['stations'],
      summary: 'Reservations, newest first',
      querystring: Type.Object({ stationId: Type.Optional(Type.String({ maxLength: 48 })) }),
      response: { 200: Type.Object({ items: Type.Array(Reservation) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await deps.reservations.list(req.query.stationId) }),
  });
}
