import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import type { FirmwareStatusNotificationRequest, FirmwareStatusNotificationResponse } from './types.gen.ts';

/** OCPP 1.6 4.5: no request id; the status belongs to the station's latest firmware update. */
export const firmwareStatusNotification =
  ({ maintenance }: OcppDeps): Handler<FirmwareStatusNotificationRequest, FirmwareStatusNotificationResponse> =>
  async (ctx, req) => {
    await maintenance.firmwareStatus(ctx.stationId, { status: req.status, at: ctx.receivedAt });
    return {};
  };
