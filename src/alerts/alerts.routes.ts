/** REST: alerts. */
import { Type } from 'typebox';
import { principalOf } from '../http/auth-hooks.ts';
import { errorResponses, ListOf, Nullable, page, Paging, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import type { AlertsService } from './alerts.service.ts';
import { alertTypes, severities } from './types.ts';

const literal = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const Alert = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.String({ description: Object.keys(alertTypes).join(', ') }),
  stationId: Type.String(),
  subject: Type.String({ description: "What on the station: 'evse 1 connector 1', 'session <id>'; '' for the station itself" }),
  severity: Type.String({ description: severities.join(', ') }),
  status: Type.String({ description: 'open, acknowledged or resolved' }),
  message: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
  openedAt: Timestamp,
  acknowledgedAt: Nullable(Timestamp),
  acknowledgedBy: Nullable(Type.String()),
  resolvedAt: Nullable(Timestamp),
  resolution: Nullable(Type.String()),
});

const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function alertRoutes(app: App, { alerts }: { alerts: AlertsService }): void {
  const tags = ['alerts'];
  app.get('/api/v1/alerts', {
    config: { auth: 'alerts:read' },
    schema: {
      tags,
      summary: 'Alerts, newest first',
      description: 'status=open (not yet acknowledged), acknowledged, resolved, or active (open or acknowledged).',
      querystring: Type.Intersect([
        Paging,
        Type.Object({
          status: Type.Optional(literal(['open', 'acknowledged', 'resolved', 'active'])),
          type: Type.Optional(literal(Object.keys(alertTypes))),
          stationId: Type.Optional(Type.String({ maxLength: 48 })),
          severity: Type.Optional(literal(severities)),
        }),
      ]),
      response: { 200: ListOf(Alert), ...errorResponses },
    },
    handler: async (req) => alerts.list({ ...page(req.query), status: req.query.status, type: req.query.type, stationId: req.query.stationId, severity: req.query.severity }),
  });

  app.get('/api/v1/alerts/:id', {
    config: { auth: 'alerts:read' },
    schema: { tags, summary: 'An alert', params: IdParam, response: { 200: Alert, ...errorResponses } },
    handler: async (req) => unwrap(await alerts.get(req.params.id)),
  });

  app.post('/api/v1/alerts/:id/acknowledge', {
    config: { auth: 'alerts:write' },
    schema: {
      tags,
      summary: 'Acknowledge an alert',
      description: 'Says someone is on it. The alert stays until its condition clears; acknowledging twice is harmless, a resolved alert answers 409.',
      params: IdParam,
      response: { 200: Alert, ...errorResponses },
    },
    handler: async (req) => unwrap(await alerts.acknowledge(req.params.id, `${principalOf(req).type}:${principalOf(req).id}`)),
  });
}
