/**
 * Authorization decisions for Authorize, session starts and transaction events: the token,
 * its owner, its other sessions, and any check another capability adds (billing adds credit).
 * Every decision is logged, off the answer's path.
 */
import type { Clock } from '../clock.ts';
import type { TokenType } from '../commands/index.ts';
import type { Db } from '../db/database.ts';
import { authorizationDecisions } from '../db/schema/index.ts';
import type { Logger } from '../log.ts';
import { type Decision, decide, type TokenFacts } from './decision.ts';

export type AuthorizationPurpose = 'Authorize' | 'Start' | 'TransactionEvent' | 'Stop' | 'RemoteStart';

export interface AuthorizeRequest {
  uid: string;
  type?: TokenType | undefined;
  stationId: string;
  evseId?: number | undefined;
  purpose: AuthorizationPurpose;
  /** The session this request belongs to, not counted as "charging elsewhere". */
  transactionId?: string | undefined;
}

/** A further check run on an Accepted decision (billing: enough credit). */
export type AuthorizationCheck = (decision: Decision, request: AuthorizeRequest) => Promise<Decision>;

export interface AuthorizationDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  allowConcurrent: boolean;
  findToken(uid: string): Promise<TokenFacts | null>;
  /** The token's active session, if any. */
  activeSessionOf(uid: string): Promise<{ stationId: string; transactionId: string } | null>;
}

export function createAuthorizationService(deps: AuthorizationDeps) {
  const checks: AuthorizationCheck[] = [];

  function record(req: AuthorizeRequest, d: Decision): void {
    deps.log.info({ uid: req.uid, stationId: req.stationId, purpose: req.purpose, status: d.status, reason: d.reason }, 'authorization');
    deps.db
      .insert(authorizationDecisions)
      .values({ stationId: req.stationId, uid: req.uid, purpose: req.purpose, status: d.status, reason: d.reason, at: deps.clock.now() })
      .catch((err: unknown) => deps.log.warn({ err }, 'could not log an authorization decision'));
  }

  return {
    addCheck(check: AuthorizationCheck): void {
      checks.push(check);
    },

    async authorize(req: AuthorizeRequest): Promise<Decision> {
      // OCPP 2.0.1 C02.FR.02: a transaction the station started without authorization is accepted.
      if (req.type === 'NoAuthorization') {
        const d: Decision = { status: 'Accepted', reason: 'no authorization required', token: null };
        record(req, d);
        return d;
      }
      const token = await deps.findToken(req.uid);
      let activeElsewhere = false;
      if (token && req.purpose !== 'Stop' && !deps.allowConcurrent) {
        const active = await deps.activeSessionOf(token.uid);
        activeElsewhere = Boolean(active) && !(active?.stationId === req.stationId && active.transactionId === req.transactionId);
      }
      let d = decide(token, { now: deps.clock.now(), activeElsewhere, allowConcurrent: deps.allowConcurrent });
      if (req.purpose !== 'Stop') {
        for (const check of checks) {
          if (d.status !== 'Accepted') break;
          d = await check(d, req);
        }
      }
      record(req, d);
      return d;
    },
  };
}

export type AuthorizationService = ReturnType<typeof createAuthorizationService>;
