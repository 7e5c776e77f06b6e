/** REST: the station registry. */
import { Type } from 'typebox';
import { ErrorBody, errorResponses, ListOf, page } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import { ConnectionAttempt, NewStation, Station, StationIdParam, StationPatch, StationQuery } from './station.schemas.ts';
import type { StationsService } from './station.service.ts';

export function stationRoutes(app: App, { stations }: { stations: StationsService }): void {
  const tags = ['stations'];

  app.get('/api/v1/stations', {
    config: { auth: 'stations:read' },
    schema: { tags, summary: 'List stations', querystring: StationQuery, response: { 200: ListOf(Station), ...errorResponses } },
    handler: async (req) => stations.list({ ...page(req.query), q: req.query.q, connected: req.query.connected }),
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
    handler: async (req) => unwrap(await stations.get(req.params.id)),
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
