/** REST: a station's OCPP message log. */
import { Type } from 'typebox';
import { Nullable, Timestamp, errorResponses } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
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

export function messageRoutes(app: App, { messages }: { messages: MessageLog }): void {
  app.get('/api/v1/stations/:id/messages', {
    config: { auth: 'messages:read' },
    schema: {
      tags: ['stations'],
      summary: "A station's OCPP message log, newest first",
      params: Type.Object({ id: Type.String({ maxLength: 48 }) }),
      querystring: Type.Object({
        action: Type.Optional(Type.String({ maxLength: 64 })),
        from: Type.Optional(Timestamp),
        to: Type.Optional(Timestamp),
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
        from: req.query.from ? new Date(req.query.from) : undefined,
        to: req.query.to ? new Date(req.query.to) : undefined,
        beforeId: req.query.beforeId,
        limit: req.query.limit ?? 100,
      });
      return { items: rows.map((r) => ({ ...r, direction: r.direction as 'in' | 'out', at: r.at.toISOString() })) };
    },
  });
}
