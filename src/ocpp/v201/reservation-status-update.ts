import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import type { ReservationStatusUpdateRequest, ReservationStatusUpdateResponse } from './types.gen.ts';

/** OCPP 2.0.1 H05: a reservation expired or was removed at the station. */
export const reservationStatusUpdate =
  ({ maintenance }: OcppDeps): Handler<ReservationStatusUpdateRequest, ReservationStatusUpdateResponse> =>
  async (ctx, req) => {
    await maintenance.reservationStatus(ctx.stationId, { reservationId: req.reservationId, status: req.reservationUpdateStatus, at: ctx.receivedAt });
    return {};
  };
