/**
 * REST: sessions (operators see all, drivers their own), live values, meter samples, remote
 * start and stop, and closing a stuck session.
 */
import { Type } from 'typebox';
import type { Clock } from '../clock.ts';
import { replyOrThrow } from '../commands/index.ts';
import { principalOf, requireOperatorOrOwner } from '../http/auth-hooks.ts';
import { errorResponses, ListOf, page, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { AppError } from '../errors.ts';
import { unwrap } from '../result.ts';
import { StationIdParam } from '../stations/station.schemas.ts';
import type { SessionControl } from './session-control.ts';
import type { SessionRepo, SessionRow } from './session.repo.ts';
import { CommandStatus, MeterSample, RemoteStartBody, Session, type SessionCostView, SessionQuery } from './session.schemas.ts';
import { sessionView } from './session-view.ts';

const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** The cost of sessions (from billing): running while active, final once ended; null when nothing prices them. */
export type SessionCosts = (rows: SessionRow[], now: Date) => Promise<Map<string, SessionCostView | null>>;

export function sessionRoutes(app: App, deps: { repo: SessionRepo; control: SessionControl; clock: Clock; costs?: SessionCosts }): void {
  const tags = ['sessions'];
  const { repo, control, clock } = deps;

  async function withCosts(rows: SessionRow[]) {
    const now = clock.now();
    const costs = deps.costs ? await deps.costs(rows, now) : new Map<string, SessionCostView | null>();
    return rows.map((r) => ({ ...sessionView(r, now), cost: costs.get(r.id) ?? null }));
  }

  async function visible(req: Parameters<typeof principalOf>[0], id: string) {
    const row = await repo.byId(id);
    if (!row) {
      requireOperatorOrOwner(req, 'sessions:read', null);
      throw new AppError('NOT_FOUND', 'No session with this id.');
    }
    requireOperatorOrOwner(req, 'sessions:read', principalOf(req).type === 'driver' ? (row.driverId ?? '') : null);
    return row;
  }

  app.get('/api/v1/sessions', {
    config: { auth: 'any' },
    schema: { tags, summary: 'List sessions, newest first (a driver sees their own)', querystring: SessionQuery, response: { 200: ListOf(Session), ...errorResponses } },
    handler: async (req) => {
      const p = requireOperatorOrOwner(req, 'sessions:read', null);
      const q = req.query;
      const { rows, total } = await repo.list({
        ...page(q),
        stationId: q.stationId,
        driverId: p.type === 'driver' ? p.id : q.driverId,
        tokenUid: q.tokenUid,
        status: q.status,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      });
      return { items: await withCosts(rows), total };
    },
  });

  app.get('/api/v1/sessions/:id', {
    config: { auth: 'any' },
    schema: { tags, summary: 'A session with its live values', params: IdParam, response: { 200: Session, ...errorResponses } },
    handler: async (req) => (await withCosts([await visible(req, req.params.id)]))[0]!,
  });

  app.get('/api/v1/sessions/:id/samples', {
    config: { auth: 'any' },
    schema: {
      tags,
      summary: "A session's meter samples, oldest first",
      params: IdParam,
      querystring: Type.Object({
        measurand: Type.Optional(Type.String({ maxLength: 300, description: 'Comma-separated, e.g. Energy.Active.Import.Register,Power.Active.Import' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50_000 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(MeterSample) }), ...errorResponses },
    },
    handler: async (req) => {
      await visible(req, req.params.id);
      const rows = await repo.samples(req.params.id, req.query.measurand?.split(',').map((m) => m.trim()), req.query.limit ?? 10_000);
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  });

  app.post('/api/v1/sessions/:id/stop', {
    config: { auth: 'any' },
    schema: { tags, summary: 'Ask the station to stop this session', params: IdParam, response: { 200: CommandStatus, ...errorResponses, 504: errorResponses[404] } },
    handler: async (req) => {
      const p = principalOf(req);
      if (p.type === 'operator') requireOperatorOrOwner(req, 'stations:command');
      return replyOrThrow(unwrap(await control.remoteStop(p, req.params.id)));
    },
  });

  app.post('/api/v1/sessions/:id/close', {
    config: { auth: 'sessions:write' },
    schema: {
      tags,
      summary: 'Close a stuck session by hand',
      description: 'For a session its station will never end. It ends at `endedAt`, else at its last meter sample, else now.',
      params: IdParam,
      body: Type.Optional(Type.Object({ endedAt: Type.Optional(Timestamp) }, { additionalProperties: false })),
      response: { 200: Session, ...errorResponses },
    },
    handler: async (req) => {
      const endedAt = req.body?.endedAt ? new Date(req.body.endedAt) : undefined;
      unwrap(await control.close(principalOf(req), req.params.id, endedAt));
      return sessionView((await repo.byId(req.params.id))!, clock.now());
    },
  });

  app.post('/api/v1/stations/:id/remote-start', {
    config: { auth: 'any' },
    schema: {
      tags,
      summary: 'Ask a station to start a session (operators, or a driver with their own token)',
      params: StationIdParam,
      body: RemoteStartBody,
      response: { 200: CommandStatus, ...errorResponses, 504: errorResponses[404] },
    },
    handler: async (req) => {
      const p = principalOf(req);
      if (p.type === 'operator') requireOperatorOrOwner(req, 'stations:command');
      return replyOrThrow(unwrap(await control.remoteStart(p, { stationId: req.params.id, tokenUid: req.body.tokenUid, evseId: req.body.evseId })));
    },
  });
}
