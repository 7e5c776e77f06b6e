/** REST: a station's OCPP message log. */
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { Nullable, Timestamp, errorResponses } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { exportLines } from './export.ts';
import type { MessageLog } from './message-log.ts';

const Message = Type.Object({
  id: Type.Integer(),
  direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  messageType: Type.Integer({ description: '2 CALL, 3 CALLRESULT, 4 CALLERROR (5, 6 in OCPP 2.1)' }),
  messageId: Type.String(),
  action: Nullable(Type.String()),
  payload: Type.Unknown(),
  errorCode: Nullable(Type.String()),
  at: Timestamp,
});

const Filters = {
  action: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Text anywhere in the payload, the message id, or the error code' })),
};
const date = (s: string | undefined) => (s ? new Date(s) : undefined);

export function messageRoutes(app: App, { messages }: { messages: MessageLog }): void {
  app.get('/api/v1/stations/:id/messages', {
    config: { auth: 'messages:read' },
    schema: {
      tags: ['stations'],
      summary: "A station's OCPP message log, newest first",
      params: Type.Object({ id: Type.String({ maxLength: 48 }) }),
      querystring: Type.Object({
        ...Filters,
        beforeId: Type.Optional(Type.Integer({ minimum: 1, description: 'Next page: the smallest id of the previous page' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Message) }), ...errorResponses },
    },
    handler: async (req) => {
      await messages.flush();
      const rows = await messages.search({
        stationId: req.params.id,
        action: req.query.action,
        q: req.query.q,
        from: date(req.query.from),
        to: date(req.query.to),
        beforeId: req.query.beforeId,
        limit: req.query.limit ?? 100,
      });
      return { items: rows.map((r) => ({ ...r, direction: r.direction as 'in' | 'out', at: r.at.toISOString() })) };
    },
  });

  app.get('/api/v1/stations/:id/messages/export', {
    config: { auth: 'messages:read' },
    schema: {
      tags: ['stations'],
      summary: "Export a station's OCPP message log (streamed CSV or NDJSON, newest first)",
      params: Type.Object({ id: Type.String({ maxLength: 48 }) }),
      querystring: Type.Object({ ...Filters, format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('ndjson')], { description: 'Default csv' })) }),
      produces: ['text/csv', 'application/x-ndjson'],
    },
    handler: async (req, reply) => {
      await messages.flush();
      const format = req.query.format ?? 'csv';
      const { id } = req.params;
      const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '');
      reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="${id}-ocpp-${stamp}.${format === 'csv' ? 'csv' : 'ndjson'}"`);
      const lines = exportLines((q) => messages.search(q), { stationId: id, action: req.query.action, q: req.query.q, from: date(req.query.from), to: date(req.query.to) }, format);
      return reply.send(Readable.from(lines));
    },
  });
}
