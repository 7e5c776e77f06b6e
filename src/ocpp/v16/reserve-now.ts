import type { CommandTranslator } from '../command.ts';
import type { ReserveNowRequest, ReserveNowResponse } from './types.gen.ts';

/** OCPP 1.6 5.13: connector 0 reserves any connector of the charge point. */
export const reserveNow: CommandTranslator<'ReserveNow'> = {
  action: 'ReserveNow',
  request: (r): ReserveNowRequest => ({
    connectorId: r.evseId ?? 0,
    expiryDate: r.expiresAt,
    idTag: r.token.uid,
    reservationId: r.reservationId,
    ...(r.groupId ? { parentIdTag: r.groupId } : {}),
  }),
  reply: (p: ReserveNowResponse) => ({ status: p.status }),
};
