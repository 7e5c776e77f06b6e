/** REST: the station registry. */
import { Type } from 'typebox';
import { ErrorBody, errorResponses, ListOf, page } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import {
  ConnectionAttempt,
  type ConnectorView,
  NewStation,
  Station,
  StationIdParam,
  StationPatch,
  StationQuery,
  type StationView,
} from './station.schemas.ts';
import type { StationsService } from './station.service.ts';

/** The session running on each EVSE of some stations, keyed `stationId/evseId` (from the sessions capability). */
export type LiveSessions = (stationIds: string[]) => Promise<Map<string, NonNullable<ConnectorView['session']>>>;

export function stationRoutes(app: App, { stations, liveSessions }: { stations: StationsService; liveSessions?: LiveSessions }): void {
  const tags = ['stations'];

  async function withSessions(views: StationView[]): Promise<StationView[]> {
    if (!liveSessions || views.length === 0) return views;
    const live = await liveSessions(views.map((v) => v.id));
    for (const v of views) for (const c of v.connectors) c.session = live.get(`${v.id}/${c.evseId}`) ?? null;
    return views;
  }

  app.get('/api/v1/stations', {
    config: { auth: 'stations:read' },
    schema: { tags, summary: 'List stations', querystring: StationQuery, response: { 200: ListOf(Station), ...errorResponses } },
    handler: async (req) => {
      const { items, total } = await stations.list({ ...page(req.query), q: req.query.q, connected: req.query.connected, siteId: req.query.siteId });
      return { items: await withSessions(items), total };
    },
  });

  app.post('/api/v1/stations', {
    config: { auth: 'stations:write' },
    schema: {
      tags,
      summary: 'Register a station',
      description: 'Only registered stations may connect. With a password the station must use HTTP Basic auth (security profile 1 unless set).',
      body: NewStation,
      response: { 201: Station, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(unwrap(await stations.register(req.body))),
  });

  app.get('/api/v1/stations/:id', {
    config: { auth: 'stations:read' },
    schema: { tags, summary: 'A station, its connectors and live state', params: StationIdParam, response: { 200: Station, ...errorResponses } },
    handler: async (req) => (await withSessions([unwrap(await stations.get(req.params.id))]))[0]!,
  });

  app.patch('/api/v1/stations/:id', {
    config: { auth: 'stations:write' },
    schema: { tags, summary: 'Change a station', params: StationIdParam, body: StationPatch, response: { 200: Station, ...errorResponses } },
    handler: async (req) => unwrap(await stations.update(req.params.id, req.body)),
  });

  app.delete('/api/v1/stations/:id', {
    config: { auth: 'stations:write' },
    schema: { tags, summary: 'Remove a station (and disconnect it)', params: StationIdParam, response: { 204: Type.Null(), 404: ErrorBody, 409: ErrorBody } },
    handler: async (req, reply) => {
      unwrap(await stations.remove(req.params.id));
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/connection-attempts', {
    config: { auth: 'stations:read' },
    schema: {
      tags,
      summary: 'Refused connection attempts',
      description: 'Unknown station ids and failed logins; register an unknown id with POST /api/v1/stations.',
      response: { 200: ListOf(ConnectionAttempt) },
    },
    handler: async () => ({ items: await stations.listConnectionAttempts() }),
  });
}
