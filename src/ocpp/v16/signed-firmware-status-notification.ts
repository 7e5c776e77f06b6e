import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import type { SignedFirmwareStatusNotificationRequest, SignedFirmwareStatusNotificationResponse } from './types.gen.ts';

/** OCPP 1.6 security whitepaper: the signed update's progress, with the SignedUpdateFirmware requestId. */
export const signedFirmwareStatusNotification =
  ({ maintenance }: OcppDeps): Handler<SignedFirmwareStatusNotificationRequest, SignedFirmwareStatusNotificationResponse> =>
  async (ctx, req) => {
    await maintenance.firmwareStatus(ctx.stationId, { status: req.status, requestId: req.requestId, at: ctx.receivedAt });
    return {};
  };
