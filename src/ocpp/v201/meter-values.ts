import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { readings } from './meter-readings.ts';
import type { MeterValuesRequest, MeterValuesResponse } from './types.gen.ts';

/** OCPP 2.0.1 J01: meter values outside TransactionEvent; EVSE 0 is the station's own meter. */
export const meterValues =
  ({ sessions }: OcppDeps): Handler<MeterValuesRequest, MeterValuesResponse> =>
  async (ctx, req) => {
    await sessions.recordMeterValues(ctx.stationId, { evseId: req.evseId, readings: readings(req.meterValue, ctx.receivedAt) });
    return {};
  };
