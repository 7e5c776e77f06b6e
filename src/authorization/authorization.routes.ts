/** REST: local authorization lists and the authorization cache of a station. */
import { Type } from 'typebox';
import { type CommandPort, replyOrThrow } from '../commands/index.ts';
import { errorResponses, Nullable, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import { StationIdParam } from '../stations/station.schemas.ts';
import type { LocalListService } from './local-list.service.ts';

const Uids = Type.Array(Type.String({ minLength: 1, maxLength: 36 }), { maxItems: 10_000 });

export function authorizationRoutes(app: App, deps: { localLists: LocalListService; commands: CommandPort }): void {
  const tags = ['authorization'];

  app.get('/api/v1/stations/:id/local-list', {
    config: { auth: 'stations:read' },
    schema: {
      tags,
      summary: 'The local authorization list the station last accepted',
      params: StationIdParam,
      response: {
        200: Type.Object({
          version: Type.Integer(),
          entries: Type.Array(
            Type.Object({ uid: Type.String(), type: Type.String(), status: Type.String(), expiresAt: Nullable(Timestamp), groupId: Nullable(Type.String()) }),
          ),
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => deps.localLists.get(req.params.id),
  });

  app.post('/api/v1/stations/:id/local-list', {
    config: { auth: 'stations:command' },
    schema: {
      tags,
      summary: 'Send a local authorization list (SendLocalList)',
      description:
        'Full: the list becomes exactly these tokens (all tokens when `tokens` is absent). Differential: only entries that changed since the list the station accepted last, and `remove`. A refused differential update is followed by a full one.',
      params: StationIdParam,
      body: Type.Object(
        { updateType: Type.Union([Type.Literal('Full'), Type.Literal('Differential')]), tokens: Type.Optional(Uids), remove: Type.Optional(Uids) },
        { additionalProperties: false },
      ),
      response: {
        200: Type.Object({
          status: Type.String(),
          version: Type.Integer(),
          updateType: Type.String(),
          entries: Type.Integer(),
          fellBackToFull: Type.Boolean(),
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => replyOrThrow(unwrap(await deps.localLists.update(req.params.id, req.body))),
  });

  app.post('/api/v1/stations/:id/commands/get-local-list-version', {
    config: { auth: 'stations:command' },
    schema: { tags, summary: "Ask the station for its local list's version", params: StationIdParam, response: { 200: Type.Object({ version: Type.Integer() }), ...errorResponses } },
    handler: async (req) => replyOrThrow(await deps.commands.send(req.params.id, 'GetLocalListVersion', {})),
  });

  app.post('/api/v1/stations/:id/commands/clear-cache', {
    config: { auth: 'stations:command' },
    schema: { tags, summary: "Clear the station's authorization cache", params: StationIdParam, response: { 200: Type.Object({ status: Type.String() }), ...errorResponses } },
    handler: async (req) => replyOrThrow(await deps.commands.send(req.params.id, 'ClearCache', {})),
  });
}
