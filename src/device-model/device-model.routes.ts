/** REST: a station's device model inventory, its report requests and its monitors. */
import { Type } from 'typebox';
import { errorResponses, ListOf, Nullable, page, Paging, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { StationIdParam } from '../stations/station.schemas.ts';
import type { DeviceModelService } from './device-model.service.ts';

const Variable = Type.Object({
  component: Nullable(Type.String({ description: 'null for a 1.6 configuration key' })),
  componentInstance: Nullable(Type.String()),
  evseId: Nullable(Type.Integer()),
  connectorId: Nullable(Type.Integer()),
  variable: Type.String(),
  variableInstance: Nullable(Type.String()),
  attribute: Type.String(),
  value: Nullable(Type.String()),
  mutability: Nullable(Type.String()),
  persistent: Nullable(Type.Boolean()),
  constant: Nullable(Type.Boolean()),
  dataType: Nullable(Type.String()),
  unit: Nullable(Type.String()),
  minLimit: Nullable(Type.Number()),
  maxLimit: Nullable(Type.Number()),
  valuesList: Nullable(Type.String()),
  supportsMonitoring: Nullable(Type.Boolean()),
  source: Type.String({ description: 'report (NotifyReport), get (read by a command) or set (changed by a command)' }),
  updatedAt: Timestamp,
});

const Report = Type.Object({
  requestId: Type.Integer(),
  kind: Type.String(),
  status: Type.String(),
  parts: Type.Integer(),
  items: Type.Integer(),
  requestedBy: Type.String(),
  requestedAt: Timestamp,
  completedAt: Nullable(Timestamp),
});

const MonitorRow = Type.Object({
  monitorId: Type.Integer(),
  component: Type.String(),
  variable: Type.String(),
  type: Type.String(),
  severity: Type.Integer(),
  value: Type.Number(),
  transaction: Type.Boolean(),
  updatedAt: Timestamp,
});

const num = (v: string | null) => (v === null ? null : Number(v));

export function deviceModelRoutes(app: App, { deviceModel }: { deviceModel: DeviceModelService }): void {
  const tags = ['device model'];
  app.get('/api/v1/stations/:id/device-model', {
    config: { auth: 'stations:read' },
    schema: {
      tags,
      summary: "The station's known settings and device model, as last reported, read or set",
      params: StationIdParam,
      querystring: Type.Intersect([
        Paging,
        Type.Object({
          component: Type.Optional(Type.String({ maxLength: 50 })),
          variable: Type.Optional(Type.String({ maxLength: 50 })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
        }),
      ]),
      response: { 200: ListOf(Variable), ...errorResponses },
    },
    handler: async (req) => {
      const { rows, total } = await deviceModel.inventory(req.params.id, { ...page(req.query), ...req.query });
      return {
        total,
        items: rows.map(({ stationId: _s, key: _k, ...r }) => ({ ...r, minLimit: num(r.minLimit), maxLimit: num(r.maxLimit), updatedAt: r.updatedAt.toISOString() })),
      };
    },
  });

  app.get('/api/v1/stations/:id/device-model/reports', {
    config: { auth: 'stations:read' },
    schema: { tags, summary: 'Base and monitoring report requests and their progress', params: StationIdParam, response: { 200: Type.Object({ items: Type.Array(Report) }), ...errorResponses } },
    handler: async (req) => ({
      items: (await deviceModel.reports(req.params.id)).map(({ stationId: _s, ...r }) => ({
        ...r,
        requestedAt: r.requestedAt.toISOString(),
        completedAt: r.completedAt?.toISOString() ?? null,
      })),
    }),
  });

  app.get('/api/v1/stations/:id/monitors', {
    config: { auth: 'stations:read' },
    schema: { tags, summary: "The station's variable monitors, as set or reported", params: StationIdParam, response: { 200: Type.Object({ items: Type.Array(MonitorRow) }), ...errorResponses } },
    handler: async (req) => ({
      items: (await deviceModel.monitors(req.params.id)).map((m) => ({
        monitorId: m.monitorId,
        component: m.component,
        variable: m.variable,
        type: m.type,
        severity: m.severity,
        value: Number(m.value),
        transaction: m.transaction,
        updatedAt: m.updatedAt.toISOString(),
      })),
    }),
  });
}
