/**
 * GET /api/v1/events: live events as Server-Sent Events. Operators (stations:read) get every
 * station, connector and session event; a driver gets the events of their own sessions.
 * Browsers' EventSource cannot send headers, so the token may come as ?access_token=.
 */
import { Type } from 'typebox';
import { can } from '../auth/index.ts';
import { principalOf } from '../http/auth-hooks.ts';
import type { App } from '../http/types.ts';
import type { EventBus } from './bus.ts';
import type { DomainEvent } from './types.ts';

const KEEPALIVE_MS = 15_000;
/** A client that stops reading is dropped before its backlog grows past this. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

export function eventRoutes(app: App, { events }: { events: EventBus }): void {
  // Open streams are ended when the server closes, so shutdown is not held up by them.
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of open) end();
  });
  app.get('/api/v1/events', {
    config: { auth: 'any', tokenInQuery: true },
    schema: {
      tags: ['events'],
      summary: 'Live events (Server-Sent Events)',
      description:
        'Each event is `event: <type>` and `data: <JSON>`. Types: station.connected, station.disconnected, station.booted, connector.status, session.started, session.updated, session.ended, alert.opened, alert.acknowledged, alert.resolved, station.security-event, firmware.status, diagnostics.status. Filter with `types` and `stationId`.',
      querystring: Type.Object({
        types: Type.Optional(Type.String({ maxLength: 500, description: 'Comma-separated event types or prefixes (e.g. session.)' })),
        stationId: Type.Optional(Type.String({ maxLength: 48 })),
        access_token: Type.Optional(Type.String({ maxLength: 200 })),
      }),
    },
    handler: async (req, reply) => {
      const p = principalOf(req);
      const operator = p.type === 'operator' && can(p.role, 'stations:read');
      const types = req.query.types?.split(',').map((t) => t.trim()).filter(Boolean);
      const stationId = req.query.stationId;
      const wanted = (e: DomainEvent) => {
        if (stationId && 'stationId' in e && e.stationId !== stationId) return false;
        if (types && !types.some((t) => e.type === t || (t.endsWith('.') && e.type.startsWith(t)))) return false;
        if (operator) return true;
        return e.type.startsWith('session.') && 'driverId' in e && e.driverId === p.id;
      };

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`: connected\nretry: 3000\n\n`);
      const close = () => {
        unsubscribe();
        clearInterval(keepalive);
        open.delete(end);
      };
      const end = () => {
        close();
        res.end();
      };
      open.add(end);
      const unsubscribe = events.subscribe(
        (e) => {
          if (!wanted(e)) return;
          if (res.writableLength > MAX_BACKLOG_BYTES) {
            close();
            res.destroy();
            return;
          }
          res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
        },
        { scope: 'cluster' },
      );
      const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
      keepalive.unref();
      req.raw.on('close', close);
    },
  });
}
