/** REST: the audit log of operator actions and sign-ins, newest first, filtered and paged by id. */
import { Type } from 'typebox';
import { errorResponses, Nullable, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import type { AuditLogRepo } from './audit.repo.ts';

const Outcome = Type.Union([Type.Literal('ok'), Type.Literal('refused'), Type.Literal('failed')]);

const AuditLogEntry = Type.Object(
  {
    id: Type.Integer(),
    at: Timestamp,
    actor: Type.String({ description: 'operator:<id>, driver:<id> (sign-ins) or anonymous (a failed sign-in)' }),
    actorEmail: Nullable(Type.String({ description: 'The account, or the email a failed sign-in tried' })),
    actorRole: Nullable(Type.String()),
    action: Type.String({ description: 'METHOD and route, e.g. PATCH /api/v1/operators/:id' }),
    target: Nullable(Type.String({ description: "The route's path parameters joined with /" })),
    status: Type.Integer({ description: 'The HTTP status answered' }),
    outcome: Outcome,
    summary: Type.Unknown({ description: 'The request body with every secret replaced by [redacted]' }),
    address: Nullable(Type.String()),
    requestId: Nullable(Type.String()),
  },
  { $id: 'AuditLogEntry' },
);

export function auditRoutes(app: App, { repo }: { repo: AuditLogRepo }): void {
  app.get('/api/v1/audit/actions', {
    config: { auth: 'audit:read' },
    schema: {
      tags: ['audit'],
      summary: 'The audit log: every change an operator made through the API and every sign-in attempt, newest first',
      description: 'Page with `beforeId` (the smallest id of the previous page). Commands sent to stations, with their replies, are in GET /api/v1/audit.',
      querystring: Type.Object({
        actor: Type.Optional(Type.String({ maxLength: 100, description: 'operator:<id>, driver:<id> or anonymous' })),
        action: Type.Optional(Type.String({ maxLength: 200, description: 'METHOD and route, exactly' })),
        target: Type.Optional(Type.String({ maxLength: 200, description: 'Targets starting with this' })),
        outcome: Type.Optional(Outcome),
        from: Type.Optional(Timestamp),
        to: Type.Optional(Timestamp),
        beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(AuditLogEntry) }), ...errorResponses },
    },
    handler: async (req) => {
      const q = req.query;
      const rows = await repo.search({ ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, limit: q.limit ?? 100 });
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString(), outcome: r.outcome as 'ok' | 'refused' | 'failed' })) };
    },
  });
}
