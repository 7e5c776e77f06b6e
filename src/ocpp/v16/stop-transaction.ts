import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { stationTime } from '../timestamps.ts';
import { idTagInfo } from './id-tag-info.ts';
import { readings } from './meter-readings.ts';
import type { StopTransactionRequest, StopTransactionResponse } from './types.gen.ts';

/**
 * OCPP 1.6 4.10: always answered normally, also for a transaction the CSMS does not know
 * (an error would make the station retry it forever; SteVe #156).
 */
export const stopTransaction =
  ({ sessions }: OcppDeps): Handler<StopTransactionRequest, StopTransactionResponse> =>
  async (ctx, req) => {
    const { decision } = await sessions.stopSession(ctx.stationId, {
      transactionId: String(req.transactionId),
      at: stationTime(req.timestamp, ctx.receivedAt),
      meterStopWh: req.meterStop,
      reason: req.reason,
      token: req.idTag ? { uid: req.idTag } : undefined,
      readings: readings(req.transactionData, ctx.receivedAt),
    });
    return decision ? { idTagInfo: idTagInfo(decision) } : {};
  };
