import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { stationClock, stationTime } from '../timestamps.ts';
import type { SecurityEventNotificationRequest, SecurityEventNotificationResponse } from './types.gen.ts';

/** OCPP 1.6 security whitepaper: stored and surfaced; the timestamp also tells the station's clock. */
export const securityEventNotification =
  ({ maintenance }: OcppDeps): Handler<SecurityEventNotificationRequest, SecurityEventNotificationResponse> =>
  async (ctx, req) => {
    const at = stationTime(req.timestamp, ctx.receivedAt);
    maintenance.clockSample(ctx.stationId, stationClock(req.timestamp, ctx.receivedAt), ctx.receivedAt);
    await maintenance.securityEvent(ctx.stationId, { type: req.type, techInfo: req.techInfo, at, receivedAt: ctx.receivedAt });
    return {};
  };
