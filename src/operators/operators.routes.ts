/** REST: operator accounts (admins only). */
import { Type } from 'typebox';
import { ErrorBody, errorResponses, ListOf } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import { NewOperator, Operator, OperatorPatch } from './operator.schemas.ts';
import type { OperatorsService } from './operator.service.ts';

const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function operatorRoutes(app: App, { operators }: { operators: OperatorsService }): void {
  const tags = ['operators'];
  const config = { auth: 'operators:manage' } as const;

  app.get('/api/v1/operators', {
    config,
    schema: { tags, summary: 'List operator accounts', response: { 200: ListOf(Operator), ...errorResponses } },
    handler: async () => ({ items: await operators.list() }),
  });

  app.post('/api/v1/operators', {
    config,
    schema: { tags, summary: 'Create an operator account', body: NewOperator, response: { 201: Operator, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(unwrap(await operators.create(req.body))),
  });

  app.get('/api/v1/operators/:id', {
    config,
    schema: { tags, summary: 'An operator account', params: IdParam, response: { 200: Operator, ...errorResponses } },
    handler: async (req) => unwrap(await operators.get(req.params.id)),
  });

  app.patch('/api/v1/operators/:id', {
    config,
    schema: {
      tags,
      summary: 'Change role, name, password, or block an operator',
      params: IdParam,
      body: OperatorPatch,
      response: { 200: Operator, ...errorResponses },
    },
    handler: async (req) => unwrap(await operators.update(req.params.id, req.body)),
  });

  app.delete('/api/v1/operators/:id', {
    config,
    schema: { tags, summary: 'Delete an operator account', params: IdParam, response: { 204: Type.Null(), 404: ErrorBody, 409: ErrorBody } },
    handler: async (req, reply) => {
      unwrap(await operators.remove(req.params.id));
      return reply.status(204).send(null);
    },
  });
}
