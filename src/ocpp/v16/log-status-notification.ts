import type { LogUploadStatus } from '../../maintenance/index.ts';
import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import type { LogStatusNotificationRequest, LogStatusNotificationResponse } from './types.gen.ts';

/** OCPP 1.6 security whitepaper (GetLog): 'UploadFailure' is the neutral UploadFailed. */
export const logStatusNotification =
  ({ maintenance }: OcppDeps): Handler<LogStatusNotificationRequest, LogStatusNotificationResponse> =>
  async (ctx, req) => {
    const status: LogUploadStatus = req.status === 'UploadFailure' ? 'UploadFailed' : req.status;
    await maintenance.logStatus(ctx.stationId, { status, requestId: req.requestId, at: ctx.receivedAt });
    return {};
  };
