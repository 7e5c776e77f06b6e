import type { ChargingState } from '../../sessions/index.ts';
import type { ConnectorStatus } from '../../stations/index.ts';
import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { stationClock, stationTime } from '../timestamps.ts';
import type { StatusNotificationRequest, StatusNotificationResponse } from './types.gen.ts';

type Status16 = StatusNotificationRequest['status'];

/** 1.6's statuses in the neutral set; a session in any phase occupies the connector. */
export const neutralStatus: Record<Status16, ConnectorStatus> = {
  Available: 'Available',
  Preparing: 'Occupied',
  Charging: 'Occupied',
  SuspendedEV: 'Occupied',
  SuspendedEVSE: 'Occupied',
  Finishing: 'Occupied',
  Reserved: 'Reserved',
  Unavailable: 'Unavailable',
  Faulted: 'Faulted',
};

/** During a session, 1.6 tells charging from not charging by connector status (2.x has chargingState). */
const chargingState: Partial<Record<Status16, ChargingState>> = {
  Charging: 'Charging',
  SuspendedEV: 'SuspendedEV',
  SuspendedEVSE: 'SuspendedEVSE',
  Finishing: 'EVConnected',
};

/** 1.6 connector N is EVSE N with connector 1; connector 0 is the charge point itself. */
export const statusNotification =
  ({ stations, sessions, maintenance }: OcppDeps): Handler<StatusNotificationRequest, StatusNotificationResponse> =>
  async (ctx, req) => {
    if (req.connectorId === 0) {
      await stations.recordStationStatus(ctx.stationId, req.status);
      return {};
    }
    const at = stationTime(req.timestamp, ctx.receivedAt);
    if (req.timestamp) maintenance.clockSample(ctx.stationId, stationClock(req.timestamp, ctx.receivedAt), ctx.receivedAt);
    await stations.recordStatus(ctx.stationId, {
      evseId: req.connectorId,
      connectorId: 1,
      status: neutralStatus[req.status],
      rawStatus: req.status,
      errorCode: req.errorCode === 'NoError' ? undefined : req.errorCode,
      vendorErrorCode: req.vendorErrorCode,
      info: req.info,
      at,
    });
    const state = chargingState[req.status];
    if (state) await sessions.recordChargingState(ctx.stationId, req.connectorId, state, at);
    return {};
  };
