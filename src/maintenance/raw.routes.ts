/**
 * REST: a raw OCPP call. Any action of the station's OCPP version, with the JSON body as its
 * payload, validated against the version's schema before it is sent (400, nothing sent).
 * Answers `{"result": {...}}` with the station's CALLRESULT payload or `{"error": {"code",
 * "description"}}` with its CALLERROR; 409 offline, 504 silent.
 */
import { Type } from 'typebox';
import { AppError } from '../errors.ts';
import type { CommandPort } from '../commands/index.ts';
import { errorResponses } from '../http/schemas.ts';
import type { App } from '../http/types.ts';

export function rawRoutes(app: App, deps: { commands: CommandPort; stationExists(id: string): Promise<boolean> }): void {
  app.post('/api/v1/stations/:id/ocpp/:action', {
    config: { auth: 'stations:command' },
    schema: {
      tags: ['commands'],
      summary: 'Send any OCPP action of the station’s version (raw call)',
      description:
        'The body is the payload. A CALLERROR from the station is an answer (200 with `error`), not a failure. Actions only stations send are refused (400). Written to the audit log like every command.',
      params: Type.Object({ id: Type.String({ maxLength: 48 }), action: Type.String({ pattern: '^[A-Za-z0-9]{1,64}$' }) }),
      body: Type.Record(Type.String(), Type.Unknown()),
      response: {
        200: Type.Union([
          Type.Object({ result: Type.Record(Type.String(), Type.Unknown()), warning: Type.Optional(Type.String()) }),
          Type.Object({
            error: Type.Object({ code: Type.String(), description: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }),
          }),
        ]),
        ...errorResponses,
        504: errorResponses[400],
      },
    },
    handler: async (req) => {
      if (!(await deps.stationExists(req.params.id))) throw new AppError('STATION_NOT_FOUND');
      const o = await deps.commands.sendRaw(req.params.id, req.params.action, req.body);
      if (o.ok) return 'error' in o ? { error: o.error } : { result: o.result, ...(o.warning ? { warning: o.warning } : {}) };
      switch (o.reason) {
        case 'offline':
          throw new AppError('STATION_OFFLINE', o.message);
        case 'timeout':
          throw new AppError('STATION_TIMEOUT', o.message);
        case 'unsupported':
          throw new AppError('CONFLICT', o.message);
        default:
          throw new AppError('VALIDATION_FAILED', `The payload was not sent: ${o.message}.`);
      }
    },
  });
}
