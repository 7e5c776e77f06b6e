import type { CommandTranslator } from '../command.ts';
import type { CancelReservationRequest, CancelReservationResponse } from './types.gen.ts';

export const cancelReservation: CommandTranslator<'CancelReservation'> = {
  action: 'CancelReservation',
  request: (r): CancelReservationRequest => ({ reservationId: r.reservationId }),
  reply: (p: CancelReservationResponse) => ({ status: p.status }),
};
