/**
 * REST: id tokens. Operators manage every token; a driver sees and manages only their own
 * (adds a card, labels it, blocks a lost one, removes it).
 */
import { Type } from 'typebox';
import { principalOf, requireOperatorOrOwner } from '../http/auth-hooks.ts';
import { ErrorBody, errorResponses, ListOf, page } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { AppError } from '../errors.ts';
import { unwrap } from '../result.ts';
import { ImportResult, NewToken, Token, TokenPatch, TokenQuery } from './token.schemas.ts';
import type { TokensService } from './token.service.ts';

const UidParam = Type.Object({ uid: Type.String({ minLength: 1, maxLength: 36 }) });

export function tokenRoutes(app: App, { tokens }: { tokens: TokensService }): void {
  const tags = ['tokens'];

  /** The token, if the caller may act on it (operators with the permission, or its owner). */
  async function owned(req: Parameters<typeof principalOf>[0], uid: string, permission: 'tokens:read' | 'tokens:write') {
    const row = await tokens.find(uid);
    const p = principalOf(req);
    if (!row) {
      if (p.type === 'operator') requireOperatorOrOwner(req, permission);
      throw new AppError('NOT_FOUND', `No token with uid ${uid}.`);
    }
    requireOperatorOrOwner(req, permission, p.type === 'driver' ? (row.driverId ?? '') : null);
    return row;
  }

  app.get('/api/v1/tokens', {
    config: { auth: 'any' },
    schema: { tags, summary: 'List tokens (a driver sees their own)', querystring: TokenQuery, response: { 200: ListOf(Token), ...errorResponses } },
    handler: async (req) => {
      const p = requireOperatorOrOwner(req, 'tokens:read', null);
      return tokens.list({ ...page(req.query), q: req.query.q, status: req.query.status, driverId: p.type === 'driver' ? p.id : req.query.driverId });
    },
  });

  app.post('/api/v1/tokens', {
    config: { auth: 'any' },
    schema: {
      tags,
      summary: 'Add a token (a driver adds their own card)',
      description: 'RFID uids (ISO14443, ISO15693) are hexadecimal and stored upper-case; uids are unique without regard to case.',
      body: NewToken,
      response: { 201: Token, ...errorResponses },
    },
    handler: async (req, reply) => {
      const p = requireOperatorOrOwner(req, 'tokens:write', null);
      const body = p.type === 'driver' ? { uid: req.body.uid, type: req.body.type, label: req.body.label, driverId: p.id } : req.body;
      return reply.status(201).send(unwrap(await tokens.create(body)));
    },
  });

  app.get('/api/v1/tokens/:uid', {
    config: { auth: 'any' },
    schema: { tags, summary: 'A token', params: UidParam, response: { 200: Token, ...errorResponses } },
    handler: async (req) => {
      await owned(req, req.params.uid, 'tokens:read');
      return unwrap(await tokens.get(req.params.uid));
    },
  });

  app.patch('/api/v1/tokens/:uid', {
    config: { auth: 'any' },
    schema: {
      tags,
      summary: 'Change a token: block, unblock, expire, reassign',
      description: 'A driver may relabel their own token or block it (a lost card), nothing else.',
      params: UidParam,
      body: TokenPatch,
      response: { 200: Token, ...errorResponses },
    },
    handler: async (req) => {
      await owned(req, req.params.uid, 'tokens:write');
      const p = principalOf(req);
      if (p.type === 'driver') {
        const extra = Object.keys(req.body).filter((k) => k !== 'label' && k !== 'status');
        if (extra.length || (req.body.status && req.body.status !== 'Blocked')) {
          throw new AppError('FORBIDDEN', 'A driver may only relabel or block their own token.');
        }
      }
      return unwrap(await tokens.update(req.params.uid, req.body));
    },
  });

  app.delete('/api/v1/tokens/:uid', {
    config: { auth: 'any' },
    schema: { tags, summary: 'Remove a token', params: UidParam, response: { 204: Type.Null(), 403: ErrorBody, 404: ErrorBody } },
    handler: async (req, reply) => {
      await owned(req, req.params.uid, 'tokens:write');
      unwrap(await tokens.remove(req.params.uid));
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/tokens/import', {
    config: { auth: 'tokens:write' },
    bodyLimit: 20 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Import tokens from CSV (all or nothing)',
      description: 'Send the file as text/csv. Columns: uid (required), type, status, expiresAt, groupId, driverEmail, label. Existing uids are updated.',
      response: {
        200: ImportResult,
        400: Type.Object({
          error: Type.Object({
            code: Type.String(),
            message: Type.String(),
            details: Type.Optional(Type.Object({ problems: Type.Array(Type.Object({ line: Type.Integer(), message: Type.String() })) })),
          }),
        }),
        401: ErrorBody,
        403: ErrorBody,
      },
    },
    handler: async (req, reply) => {
      if (typeof req.body !== 'string') throw new AppError('VALIDATION_FAILED', 'Send the CSV file with Content-Type: text/csv.');
      const result = await tokens.importCsv(req.body);
      if (!result.ok) return reply.status(400).send({ error: { code: result.code, message: result.message, details: { problems: result.problems ?? [] } } });
      return result.value;
    },
  });
}
