import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { readings } from './meter-readings.ts';
import type { MeterValuesRequest, MeterValuesResponse } from './types.gen.ts';

/** OCPP 1.6 4.7: connector N is EVSE N; connector 0 is the station's own meter. */
export const meterValues =
  ({ sessions }: OcppDeps): Handler<MeterValuesRequest, MeterValuesResponse> =>
  async (ctx, req) => {
    await sessions.recordMeterValues(ctx.stationId, {
      evseId: req.connectorId,
      transactionId: req.transactionId === undefined ? undefined : String(req.transactionId),
      readings: readings(req.meterValue, ctx.receivedAt),
    });
    return {};
  };
