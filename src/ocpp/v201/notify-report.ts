import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { stationTime } from '../timestamps.ts';
import { pathOf } from './evse.ts';
import type { NotifyReportRequest, NotifyReportResponse } from './types.gen.ts';

/** OCPP 2.0.1 B07/B08: one part of a report; `tbc` says more parts follow. */
export const notifyReport =
  ({ maintenance }: OcppDeps): Handler<NotifyReportRequest, NotifyReportResponse> =>
  async (ctx, req) => {
    await maintenance.report(ctx.stationId, {
      requestId: req.requestId,
      seqNo: req.seqNo,
      tbc: req.tbc ?? false,
      at: stationTime(req.generatedAt, ctx.receivedAt),
      items: (req.reportData ?? []).map((d) => ({
        ...pathOf(d.component, d.variable),
        attributes: d.variableAttribute.map((a) => ({
          attribute: a.type ?? 'Actual',
          value: a.value,
          mutability: a.mutability,
          persistent: a.persistent,
          constant: a.constant,
        })),
        characteristics: d.variableCharacteristics,
      })),
    });
    return {};
  };
