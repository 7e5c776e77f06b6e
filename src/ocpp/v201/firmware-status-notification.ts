import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import type { FirmwareStatusNotificationRequest, FirmwareStatusNotificationResponse } from './types.gen.ts';

/** OCPP 2.0.1 L01: requestId ties the status to the UpdateFirmware (it may be absent when Idle). */
export const firmwareStatusNotification =
  ({ maintenance }: OcppDeps): Handler<FirmwareStatusNotificationRequest, FirmwareStatusNotificationResponse> =>
  async (ctx, req) => {
    await maintenance.firmwareStatus(ctx.stationId, { status: req.status, requestId: req.requestId, at: ctx.receivedAt });
    return {};
  };
