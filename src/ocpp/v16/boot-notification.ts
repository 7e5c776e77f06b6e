import { bootHandler } from '../boot-pending.ts';
import type { OcppDeps } from '../deps.ts';
import type { CallContext } from '../route.ts';
import type { BootNotificationRequest, BootNotificationResponse } from './types.gen.ts';

/**
 * OCPP 1.6 4.2: accepted with the heartbeat interval and our time, so the station can correct
 * its clock. A boot ends the sessions the station was running before it. During a database
 * outage: Pending, to boot again later.
 */
export const bootNotification = bootHandler(record);

async function record(
  { stations, sessions, maintenance, heartbeatIntervalSec }: OcppDeps,
  ctx: CallContext,
  req: BootNotificationRequest,
): Promise<BootNotificationResponse> {
  await stations.recordBoot(
    ctx.stationId,
    {
      vendor: req.chargePointVendor,
      model: req.chargePointModel,
      serialNumber: req.chargePointSerialNumber ?? req.chargeBoxSerialNumber,
      firmwareVersion: req.firmwareVersion,
      iccid: req.iccid,
      imsi: req.imsi,
      meterType: req.meterType,
      meterSerialNumber: req.meterSerialNumber,
    },
    ctx.receivedAt,
  );
  await sessions.closeStaleOnBoot(ctx.stationId, ctx.receivedAt);
  await maintenance.booted(ctx.stationId, ctx.receivedAt, undefined);
  return { status: 'Accepted', currentTime: ctx.receivedAt.toISOString(), interval: heartbeatIntervalSec };
}
