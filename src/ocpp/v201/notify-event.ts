import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { stationClock, stationTime } from '../timestamps.ts';
import { pathOf } from './evse.ts';
import type { NotifyEventRequest, NotifyEventResponse } from './types.gen.ts';

/** OCPP 2.0.1 N07/N08: monitor and hard-wired events, e.g. a connector's Problem with its techCode. */
export const notifyEvent =
  ({ maintenance }: OcppDeps): Handler<NotifyEventRequest, NotifyEventResponse> =>
  async (ctx, req) => {
    maintenance.clockSample(ctx.stationId, stationClock(req.generatedAt, ctx.receivedAt), ctx.receivedAt);
    await maintenance.deviceEvents(
      ctx.stationId,
      req.eventData.map((e) => ({
        ...pathOf(e.component, e.variable),
        component: e.component.name,
        eventId: e.eventId,
        at: stationTime(e.timestamp, ctx.receivedAt),
        trigger: e.trigger,
        cause: e.cause,
        actualValue: e.actualValue,
        techCode: e.techCode,
        techInfo: e.techInfo,
        cleared: e.cleared ?? false,
        transactionId: e.transactionId,
        monitorId: e.variableMonitoringId,
        notificationType: e.eventNotificationType,
      })),
      ctx.receivedAt,
    );
    return {};
  };
