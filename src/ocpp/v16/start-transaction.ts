import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { stationTime } from '../timestamps.ts';
import { idTagInfo } from './id-tag-info.ts';
import type { StartTransactionRequest, StartTransactionResponse } from './types.gen.ts';

/**
 * OCPP 1.6 4.8: the CSMS gives the transaction its id. A refused token still gets an id (the
 * station then stops the transaction, as idTagInfo says); the same start sent twice gets the same id.
 */
export const startTransaction =
  ({ sessions }: OcppDeps): Handler<StartTransactionRequest, StartTransactionResponse> =>
  async (ctx, req) => {
    const started = await sessions.startSession(ctx.stationId, {
      evseId: req.connectorId,
      connectorId: 1,
      token: { uid: req.idTag },
      meterStartWh: req.meterStart,
      at: stationTime(req.timestamp, ctx.receivedAt),
      reservationId: req.reservationId,
    });
    return { transactionId: Number(started.transactionId), idTagInfo: idTagInfo(started.decision) };
  };
