import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import type { DiagnosticsStatusNotificationRequest, DiagnosticsStatusNotificationResponse } from './types.gen.ts';

/** OCPP 1.6 4.4: no request id; the status belongs to the station's latest diagnostics upload. */
export const diagnosticsStatusNotification =
  ({ maintenance }: OcppDeps): Handler<DiagnosticsStatusNotificationRequest, DiagnosticsStatusNotificationResponse> =>
  async (ctx, req) => {
    await maintenance.logStatus(ctx.stationId, { status: req.status, at: ctx.receivedAt });
    return {};
  };
