import type { CommandTranslator } from '../command.ts';
import type { ReserveNowRequest, ReserveNowResponse } from './types.gen.ts';

/** OCPP 2.0.1 H01: without an EVSE the station reserves any. */
export const reserveNow: CommandTranslator<'ReserveNow'> = {
  action: 'ReserveNow',
  request: (r): ReserveNowRequest => ({
    id: r.reservationId,
    expiryDateTime: r.expiresAt,
    idToken: { idToken: r.token.uid, type: r.token.type },
    ...(r.evseId !== undefined ? { evseId: r.evseId } : {}),
    ...(r.groupId ? { groupIdToken: { idToken: r.groupId, type: 'Central' as const } } : {}),
  }),
  reply: (p: ReserveNowResponse) => ({ status: p.status, info: p.statusInfo?.reasonCode }),
};
