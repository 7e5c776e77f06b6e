/**
 * The audit log of operator actions (ADR 0024). After each response, one row for every
 * state-changing request (POST, PUT, PATCH, DELETE) an operator made under /api/v1, whatever
 * its answer (a refused or failed attempt is as telling as a done one), and for every sign-in
 * attempt, good or bad, drivers' included. The row says who, when, which route, the target
 * (the path parameters), the status and a summary of the body with its secrets replaced.
 * Writing happens after the answer is sent; a failed write is logged, never answered.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { App } from '../http/types.ts';
import type { Logger } from '../log.ts';
import { type AuditLogRepo, createAuditLogRepo } from './audit.repo.ts';
import { redactSecrets } from './redact.ts';

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const SIGN_IN_ROUTE = 'POST /api/v1/auth/login';

/** Whether a request to this route, by this kind of principal, is audited. */
export function isAudited(method: string, url: string, principalType: 'operator' | 'driver' | null): boolean {
  if (`${method} ${url}` === SIGN_IN_ROUTE) return true;
  return url.startsWith('/api/v1/') && mutating.has(method) && principalType === 'operator';
}

const outcomeOf = (status: number) => (status < 400 ? 'ok' : status < 500 ? 'refused' : 'failed');

function summaryOf(body: unknown): unknown {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return { text: `${body.length} characters` };
  if (Buffer.isBuffer(body)) return { bytes: body.length };
  return redactSecrets(body, { summarise: true });
}

function targetOf(params: unknown): string | null {
  if (!params || typeof params !== 'object') return null;
  const values = Object.values(params as Record<string, unknown>).map(String);
  return values.length > 0 ? values.join('/') : null;
}

export interface AuditLog {
  repo: AuditLogRepo;
  /** Adds the hook that writes the rows; call before routes are registered. */
  install(app: App): void;
}

export function createAuditLog(deps: { db: Db; clock: Clock; log: Logger }): AuditLog {
  const repo = createAuditLogRepo(deps.db);

  async function record(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const url = req.routeOptions.url;
    const p = req.principal;
    if (!url || !isAudited(req.method, url, p?.type ?? null)) return;
    const attemptedEmail = (req.body as { email?: unknown } | undefined)?.email;
    await repo.insert({
      at: deps.clock.now(),
      actor: p ? `${p.type}:${p.id}` : 'anonymous',
      actorEmail: p?.email ?? (typeof attemptedEmail === 'string' ? attemptedEmail.slice(0, 254) : null),
      actorRole: p?.role ?? null,
      action: `${req.method} ${url}`,
      target: targetOf(req.params),
      status: reply.statusCode,
      outcome: outcomeOf(reply.statusCode),
      summary: summaryOf(req.body),
      address: req.ip,
      requestId: req.id,
    });
  }

  return {
    repo,
    install(app) {
      app.addHook('onResponse', async (req, reply) => {
        try {
          await record(req, reply);
        } catch (err) {
          deps.log.error({ err, route: req.routeOptions.url, method: req.method }, 'audit log write failed');
        }
      });
    },
  };
}
