/** REST: sites. */
import { Type } from 'typebox';
import { ErrorBody, errorResponses, ListOf } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import { NewSite, Site, SitePatch } from './site.schemas.ts';
import type { SitesService } from './site.service.ts';

const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function siteRoutes(app: App, { sites }: { sites: SitesService }): void {
  const tags = ['sites'];
  app.get('/api/v1/sites', {
    config: { auth: 'stations:read' },
    schema: { tags, summary: 'List sites', response: { 200: ListOf(Site), ...errorResponses } },
    handler: async () => ({ items: await sites.list() }),
  });
  app.post('/api/v1/sites', {
    config: { auth: 'stations:write' },
    schema: { tags, summary: 'Create a site', body: NewSite, response: { 201: Site, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(unwrap(await sites.create(req.body))),
  });
  app.get('/api/v1/sites/:id', {
    config: { auth: 'stations:read' },
    schema: { tags, summary: 'A site', params: IdParam, response: { 200: Site, ...errorResponses } },
    handler: async (req) => unwrap(await sites.get(req.params.id)),
  });
  app.patch('/api/v1/sites/:id', {
    config: { auth: 'stations:write' },
    schema: { tags, summary: 'Change a site', params: IdParam, body: SitePatch, response: { 200: Site, ...errorResponses } },
    handler: async (req) => unwrap(await sites.update(req.params.id, req.body)),
  });
  app.delete('/api/v1/sites/:id', {
    config: { auth: 'stations:write' },
    schema: { tags, summary: 'Delete a site (its stations keep running, without a site)', params: IdParam, response: { 204: Type.Null(), 404: ErrorBody } },
    handler: async (req, reply) => {
      unwrap(await sites.remove(req.params.id));
      return reply.status(204).send(null);
    },
  });
}
