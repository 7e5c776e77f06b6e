/** REST: driver accounts (operators), self-registration and the driver's own profile. */
import { Type } from 'typebox';
import { principalOf, requireOperatorOrOwner } from '../http/auth-hooks.ts';
import { ErrorBody, errorResponses, ListOf, page } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { AppError } from '../errors.ts';
import { unwrap } from '../result.ts';
import { Driver, DriverPatch, DriverQuery, NewDriver, ProfilePatch, Registration } from './driver.schemas.ts';
import type { DriversService } from './driver.service.ts';

const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function driverRoutes(app: App, { drivers }: { drivers: DriversService }): void {
  const tags = ['drivers'];

  app.post('/api/v1/auth/register', {
    config: { auth: 'public', limit: 'registration' },
    schema: {
      tags: ['auth'],
      summary: 'Register as a driver',
      security: [],
      body: Registration,
      response: { 201: Type.Object({ token: Type.String(), expiresAt: Type.String(), driver: Driver }), 400: ErrorBody, 409: ErrorBody, 429: ErrorBody },
    },
    handler: async (req, reply) => reply.status(201).send(unwrap(await drivers.register(req.body))),
  });

  app.post('/api/v1/drivers', {
    config: { auth: 'drivers:write' },
    schema: { tags, summary: 'Create a driver account', body: NewDriver, response: { 201: Driver, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(unwrap(await drivers.create(req.body))),
  });

  app.get('/api/v1/drivers', {
    config: { auth: 'drivers:read' },
    schema: { tags, summary: 'List drivers', querystring: DriverQuery, response: { 200: ListOf(Driver), ...errorResponses } },
    handler: async (req) => drivers.list({ ...page(req.query), q: req.query.q, status: req.query.status }),
  });

  app.get('/api/v1/drivers/:id', {
    config: { auth: 'any' },
    schema: { tags, summary: 'A driver (operators, or the driver)', params: IdParam, response: { 200: Driver, ...errorResponses } },
    handler: async (req) => {
      requireOperatorOrOwner(req, 'drivers:read', req.params.id);
      return unwrap(await drivers.get(req.params.id));
    },
  });

  app.patch('/api/v1/drivers/:id', {
    config: { auth: 'drivers:write' },
    schema: { tags, summary: 'Change or block a driver', params: IdParam, body: DriverPatch, response: { 200: Driver, ...errorResponses } },
    handler: async (req) => unwrap(await drivers.update(req.params.id, req.body)),
  });

  app.get('/api/v1/me', {
    config: { auth: 'any' },
    schema: { tags, summary: "The signed-in driver's profile", response: { 200: Driver, ...errorResponses } },
    handler: async (req) => unwrap(await drivers.get(driverOf(req))),
  });

  app.patch('/api/v1/me', {
    config: { auth: 'any' },
    schema: { tags, summary: "Change the signed-in driver's profile", body: ProfilePatch, response: { 200: Driver, ...errorResponses } },
    handler: async (req) => unwrap(await drivers.update(driverOf(req), req.body)),
  });
}

function driverOf(req: Parameters<typeof principalOf>[0]): string {
  const p = principalOf(req);
  if (p.type !== 'driver') throw new AppError('FORBIDDEN', 'This is the driver profile; operators use /api/v1/auth/me.');
  return p.id;
}
