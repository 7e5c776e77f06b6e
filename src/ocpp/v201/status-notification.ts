import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { stationClock, stationTime } from '../timestamps.ts';
import type { StatusNotificationRequest, StatusNotificationResponse } from './types.gen.ts';

/** OCPP 2.0.1 G01: the 2.x connector statuses are the neutral set itself. Errors arrive by NotifyEvent, not here. */
export const statusNotification =
  ({ stations, maintenance }: OcppDeps): Handler<StatusNotificationRequest, StatusNotificationResponse> =>
  async (ctx, req) => {
    const at = stationTime(req.timestamp, ctx.receivedAt);
    maintenance.clockSample(ctx.stationId, stationClock(req.timestamp, ctx.receivedAt), ctx.receivedAt);
    await stations.recordStatus(ctx.stationId, {
      evseId: req.evseId,
      connectorId: req.connectorId,
      status: req.connectorStatus,
      rawStatus: req.connectorStatus,
      at,
    });
    return {};
  };
