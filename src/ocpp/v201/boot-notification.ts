import { bootHandler } from '../boot-pending.ts';
import type { OcppDeps } from '../deps.ts';
import type { CallContext } from '../route.ts';
import type { BootNotificationRequest, BootNotificationResponse } from './types.gen.ts';

/**
 * OCPP 2.0.1 B01: accepted with the heartbeat interval and our time. A boot (other than one
 * we triggered with TriggerMessage) ends the sessions the station was running before it.
 * During a database outage: Pending, to boot again later.
 */
export const bootNotification = bootHandler(record);

async function record(
  { stations, sessions, maintenance, heartbeatIntervalSec }: OcppDeps,
  ctx: CallContext,
  req: BootNotificationRequest,
): Promise<BootNotificationResponse> {
  const cs = req.chargingStation;
  await stations.recordBoot(
    ctx.stationId,
    {
      vendor: cs.vendorName,
      model: cs.model,
      serialNumber: cs.serialNumber,
      firmwareVersion: cs.firmwareVersion,
      iccid: cs.modem?.iccid,
      imsi: cs.modem?.imsi,
      reason: req.reason,
    },
    ctx.receivedAt,
  );
  if (req.reason !== 'Triggered') await sessions.closeStaleOnBoot(ctx.stationId, ctx.receivedAt);
  // A boot we asked for with TriggerMessage is not a reboot.
  if (req.reason !== 'Triggered') await maintenance.booted(ctx.stationId, ctx.receivedAt, req.reason);
  return { status: 'Accepted', currentTime: ctx.receivedAt.toISOString(), interval: heartbeatIntervalSec };
}
