import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { stationTime } from '../timestamps.ts';
import { pathOf } from './evse.ts';
import type { NotifyMonitoringReportRequest, NotifyMonitoringReportResponse } from './types.gen.ts';

/** OCPP 2.0.1 N02: the monitors a station has, one part at a time. */
export const notifyMonitoringReport =
  ({ maintenance }: OcppDeps): Handler<NotifyMonitoringReportRequest, NotifyMonitoringReportResponse> =>
  async (ctx, req) => {
    await maintenance.monitoringReport(ctx.stationId, {
      requestId: req.requestId,
      seqNo: req.seqNo,
      tbc: req.tbc ?? false,
      at: stationTime(req.generatedAt, ctx.receivedAt),
      monitors: (req.monitor ?? []).flatMap((m) =>
        m.variableMonitoring.map((vm) => ({
          ...pathOf(m.component, m.variable),
          component: m.component.name,
          monitorId: vm.id,
          type: vm.type,
          severity: vm.severity,
          value: vm.value,
          transaction: vm.transaction,
        })),
      ),
    });
    return {};
  };
