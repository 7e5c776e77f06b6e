/**
 * Reservations: ReserveNow with an id the CSMS chooses, CancelReservation, and what becomes
 * of them (2.x ReservationStatusUpdate; expiry, which 1.6 stations do not report).
 */
import type { Clock } from '../clock.ts';
import type { CommandPort, StatusReply, TokenType } from '../commands/index.ts';
import type { Db } from '../db/database.ts';
import { fail, ok, type Result } from '../result.ts';
import type { CommandOutcome } from '../commands/index.ts';
import type { RecordsRepo, ReservationRow } from './records.repo.ts';
import { nextRequestId } from './request-id.ts';

export function reservationView(r: ReservationRow) {
  return {
    id: r.id,
    stationId: r.stationId,
    evseId: r.evseId,
    tokenUid: r.tokenUid,
    tokenType: r.tokenType,
    groupId: r.groupId,
    expiresAt: r.expiresAt.toISOString(),
    status: r.status,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function createReservations(deps: {
  db: Db;
  clock: Clock;
  repo: RecordsRepo;
  commands: () => CommandPort;
  findToken(uid: string): Promise<{ uid: string; type: string; groupId: string | null } | null>;
}) {
  const now = () => deps.clock.now();
  return {
    async reserve(
      stationId: string,
      input: { tokenUid: string; evseId?: number | undefined; expiresAt: string },
      by: string,
    ): Promise<Result<{ reservation: ReturnType<typeof reservationView>; outcome: CommandOutcome<StatusReply> }>> {
      const token = await deps.findToken(input.tokenUid);
      if (!token) return fail('NOT_FOUND', `No token with uid ${input.tokenUid}.`);
      if (Date.parse(input.expiresAt) <= now().getTime()) return fail('VALIDATION_FAILED', 'A reservation must expire in the future.');
      const id = await nextRequestId(deps.db);
      const at = now();
      await deps.repo.insertReservation({
        id,
        stationId,
        evseId: input.evseId ?? null,
        tokenUid: token.uid,
        tokenType: token.type,
        groupId: token.groupId,
        expiresAt: new Date(input.expiresAt),
        status: 'Requested',
        createdBy: by,
        createdAt: at,
        updatedAt: at,
      });
      const outcome = await deps.commands().send(stationId, 'ReserveNow', {
        reservationId: id,
        evseId: input.evseId,
        token: { uid: token.uid, type: token.type as TokenType },
        groupId: token.groupId ?? undefined,
        expiresAt: new Date(input.expiresAt).toISOString(),
      });
      const row = await deps.repo.setReservation(id, outcome.ok ? outcome.reply.status : 'Failed', now());
      return ok({ reservation: reservationView(row!), outcome });
    },

    async cancel(reservationId: number): Promise<Result<{ reservation: ReturnType<typeof reservationView>; outcome: CommandOutcome<StatusReply> }>> {
      const r = await deps.repo.reservation(reservationId);
      if (!r) return fail('NOT_FOUND', 'No reservation with this id.');
      const outcome = await deps.commands().send(r.stationId, 'CancelReservation', { reservationId });
      const row = outcome.ok && outcome.reply.status === 'Accepted' ? await deps.repo.setReservation(reservationId, 'Cancelled', now()) : r;
      return ok({ reservation: reservationView(row!), outcome });
    },

    async statusUpdate(stationId: string, reservationId: number, status: 'Expired' | 'Removed', at: Date): Promise<void> {
      const r = await deps.repo.reservation(reservationId);
      if (r && r.stationId === stationId) await deps.repo.setReservation(reservationId, status, at);
    },

    settle: () => deps.repo.settleReservations(now()),
    list: async (stationId: string | undefined) => (await deps.repo.reservations(stationId, 200)).map(reservationView),
  };
}

export type Reservations = ReturnType<typeof createReservations>;
