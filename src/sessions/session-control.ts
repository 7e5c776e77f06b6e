/**
 * Starting and stopping sessions from the CSMS: remote start with a driver's or an
 * operator's token, remote stop, and closing a stuck session by hand. Drivers act only with
 * their own tokens and on their own sessions.
 */
import type { AuthorizationService } from '../authorization/index.ts';
import type { Principal } from '../auth/index.ts';
import type { Clock } from '../clock.ts';
import type { CommandOutcome, CommandPort, TokenType } from '../commands/index.ts';
import type { Logger } from '../log.ts';
import { fail, ok, type Result } from '../result.ts';
import type { SessionRepo } from './session.repo.ts';
import type { SessionsService } from './session.service.ts';

export interface ControlDeps {
  clock: Clock;
  log: Logger;
  commands: CommandPort;
  authorization: AuthorizationService;
  sessions: SessionsService;
  repo: SessionRepo;
  findToken(uid: string): Promise<{ uid: string; type: string; driverId: string | null } | null>;
  stationExists(id: string): Promise<boolean>;
}

export function createSessionControl(deps: ControlDeps) {
  return {
    async remoteStart(
      by: Principal,
      input: { stationId: string; tokenUid: string; evseId?: number | undefined },
    ): Promise<Result<CommandOutcome<{ status: 'Accepted' | 'Rejected' }>>> {
      if (!(await deps.stationExists(input.stationId))) return fail('STATION_NOT_FOUND');
      const token = await deps.findToken(input.tokenUid);
      if (!token) return fail('NOT_FOUND', `No token with uid ${input.tokenUid}.`);
      if (by.type === 'driver' && token.driverId !== by.id) return fail('FORBIDDEN', 'Drivers start sessions with their own tokens only.');
      const decision = await deps.authorization.authorize({
        uid: token.uid,
        type: token.type as TokenType,
        stationId: input.stationId,
        evseId: input.evseId,
        purpose: 'RemoteStart',
      });
      if (decision.status !== 'Accepted') return fail('CONFLICT', `Token ${token.uid} may not charge: ${decision.status} (${decision.reason}).`);
      const remoteStartId = await deps.repo.nextRemoteStartId();
      await deps.repo.insertRemoteStart({
        id: remoteStartId,
        stationId: input.stationId,
        evseId: input.evseId ?? null,
        uid: token.uid,
        driverId: token.driverId,
        requestedBy: `${by.type}:${by.id}`,
        requestedAt: deps.clock.now(),
      });
      const outcome = await deps.commands.send(input.stationId, 'RemoteStart', {
        evseId: input.evseId,
        token: { uid: token.uid, type: token.type as TokenType },
        remoteStartId,
      });
      await deps.repo.setRemoteStartStatus(remoteStartId, outcome.ok ? outcome.reply.status : outcome.reason);
      deps.log.info({ stationId: input.stationId, uid: token.uid, by: by.id, outcome: outcome.ok ? outcome.reply.status : outcome.reason }, 'remote start');
      return ok(outcome);
    },

    async remoteStop(by: Principal, sessionId: string): Promise<Result<CommandOutcome<{ status: 'Accepted' | 'Rejected' }>>> {
      const row = await deps.repo.byId(sessionId);
      if (!row) return fail('NOT_FOUND', 'No session with this id.');
      if (by.type === 'driver' && row.driverId !== by.id) return fail('FORBIDDEN', 'Drivers stop their own sessions only.');
      if (row.status !== 'active') return fail('CONFLICT', 'This session has already ended.');
      const outcome = await deps.commands.send(row.stationId, 'RemoteStop', { transactionId: row.transactionId });
      deps.log.info({ sessionId, by: by.id, outcome: outcome.ok ? outcome.reply.status : outcome.reason }, 'remote stop');
      return ok(outcome);
    },

    /** An operator ends a session the station will never end (a zombie). */
    async close(by: Principal, sessionId: string, endedAt?: Date): Promise<Result<void>> {
      const row = await deps.repo.byId(sessionId);
      if (!row) return fail('NOT_FOUND', 'No session with this id.');
      if (row.status !== 'active') return fail('CONFLICT', 'This session has already ended.');
      const end = endedAt ?? row.lastSampleAt ?? deps.clock.now();
      if (end < row.startedAt) return fail('VALIDATION_FAILED', 'A session cannot end before it started.');
      const closed = await deps.repo.update(deps.repo.db, row.id, { status: 'completed', endedAt: end, stopReason: 'ClosedByOperator', endedBy: 'csms' });
      deps.log.info({ sessionId, by: by.id }, 'session closed by an operator');
      deps.sessions.publish('session.ended', closed);
      return ok(undefined);
    },
  };
}

export type SessionControl = ReturnType<typeof createSessionControl>;
